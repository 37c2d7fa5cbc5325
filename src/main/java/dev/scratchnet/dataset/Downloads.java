package dev.scratchnet.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import dev.scratchnet.storage.ScratchnetHome;
import dev.scratchnet.storage.ScratchnetProperties.Download;
import dev.scratchnet.storage.ScratchnetProperties.IdxFile;

/**
 * Fetches dataset files from their mirrors. Only http(s) URLs on allowed hosts are contacted, and every redirect
 * is checked the same way before it is followed. A file is streamed into a temporary file beside its target with
 * its size capped and its SHA-256 computed on the way, and renamed into place only once both check out, so a
 * file in the target folder is always complete and verified.
 */
final class Downloads {

    private static final int BUFFER = 1 << 16;

    private final Download config;
    private final Set<String> allowedHosts;

    Downloads(Download config, Collection<String> allowedHosts) {
        this.config = config;
        this.allowedHosts = new TreeSet<>();
        allowedHosts.forEach(host -> this.allowedHosts.add(host.toLowerCase(Locale.ROOT)));
    }

    /** Thrown when a file could not be had from any mirror; the message gives each mirror's failure. */
    static class DownloadException extends IOException {
        DownloadException(String message) {
            super(message);
        }
    }

    /** Downloads each of {@code files} not yet in {@code folder}, trying the mirrors in order. */
    void fetch(String dataset, List<URI> mirrors, List<IdxFile> files, Path folder, DownloadTracker tracker)
            throws DownloadException {
        for (int k = 0; k < files.size(); k++) {
            IdxFile file = files.get(k);
            Path target = folder.resolve(file.name());
            if (Files.isRegularFile(target)) {
                continue;
            }
            tracker.startFile(file.name(), k, -1);
            List<String> failures = new ArrayList<>();
            boolean fetched = false;
            for (URI mirror : mirrors) {
                URI url = fileUrl(mirror, file.name());
                try {
                    fetchFile(url, file, target, k, tracker);
                    fetched = true;
                    break;
                } catch (IOException | ChecksumMismatchException | IllegalArgumentException e) {
                    failures.add(url + ": " + e.getMessage());
                }
            }
            if (!fetched) {
                String message = dataset + ": " + file.name() + " could not be downloaded from any mirror ("
                        + String.join("; ", failures) + ")";
                tracker.failed(message);
                throw new DownloadException(message);
            }
        }
        tracker.done();
    }

    /** The file's URL under a mirror, which names a folder whether or not it ends with a slash. */
    static URI fileUrl(URI mirror, String fileName) {
        String base = mirror.toString();
        return URI.create(base.endsWith("/") ? base + fileName : base + "/" + fileName);
    }

    private void fetchFile(URI url, IdxFile file, Path target, int filesDone, DownloadTracker tracker)
            throws IOException {
        URI current = url;
        for (int redirects = 0;; redirects++) {
            checkAllowed(current, redirects > 0);
            HttpURLConnection connection = (HttpURLConnection) current.toURL().openConnection();
            try {
                connection.setConnectTimeout(Math.toIntExact(config.connectTimeout().toMillis()));
                connection.setReadTimeout(Math.toIntExact(config.readTimeout().toMillis()));
                connection.setInstanceFollowRedirects(false);
                connection.setRequestProperty("Accept-Encoding", "identity");
                int status = connection.getResponseCode();
                if (status >= 300 && status < 400 && status != 304) {
                    String location = connection.getHeaderField("Location");
                    if (location == null) {
                        throw new IOException("HTTP " + status + " redirect without a Location");
                    }
                    if (redirects >= config.maxRedirects()) {
                        throw new IOException("more than " + config.maxRedirects() + " redirects");
                    }
                    current = current.resolve(location);
                    continue;
                }
                if (status != HttpURLConnection.HTTP_OK) {
                    throw new IOException("HTTP " + status + (current.equals(url) ? "" : " from " + current));
                }
                long length = connection.getContentLengthLong();
                long limit = config.maxBytes().toBytes();
                if (length > limit) {
                    throw new IOException("is " + length + " bytes, over the limit of " + limit
                            + " (scratchnet.datasets.download.max-bytes)");
                }
                tracker.startFile(file.name(), filesDone, length);
                try (InputStream in = connection.getInputStream()) {
                    ScratchnetHome.writeAtomically(target, out -> copyVerified(in, out, file, length, limit, tracker));
                }
                return;
            } finally {
                connection.disconnect();
            }
        }
    }

    private void checkAllowed(URI url, boolean redirected) throws IOException {
        String prefix = redirected ? "redirect to " + url + " refused: " : "";
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException(prefix + "only http and https URLs are fetched");
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (!allowedHosts.contains(host)) {
            throw new IOException(prefix + "host '" + host + "' is not allowed (allowed: "
                    + String.join(", ", allowedHosts) + ")");
        }
    }

    private static void copyVerified(InputStream in, OutputStream out, IdxFile file, long length, long limit,
            DownloadTracker tracker) throws IOException {
        MessageDigest digest = Sha256.digest();
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        for (int read; (read = in.read(buffer)) != -1;) {
            total += read;
            if (total > limit) {
                throw new IOException("exceeds the limit of " + limit + " bytes (scratchnet.datasets.download.max-bytes)");
            }
            digest.update(buffer, 0, read);
            out.write(buffer, 0, read);
            tracker.bytes(total);
        }
        if (length >= 0 && total != length) {
            throw new IOException("connection closed after " + total + " of " + length + " bytes");
        }
        Sha256.check(file.name(), file.sha256(), digest);
    }
}
