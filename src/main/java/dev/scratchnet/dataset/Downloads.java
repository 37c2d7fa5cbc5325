package dev.scratchnet.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import dev.scratchnet.storage.CrashSwitch;
import dev.scratchnet.storage.CrashSwitch.Step;
import dev.scratchnet.storage.CrashSwitch.Write;
import dev.scratchnet.storage.ScratchnetHome;
import dev.scratchnet.storage.ScratchnetProperties.Download;
import dev.scratchnet.storage.ScratchnetProperties.IdxFile;

/**
 * Fetches dataset files from their mirrors. Every URL, the mirror's and each redirect's, passes {@link MirrorPolicy}
 * (allowed host, scheme and port, no user info, only public addresses) before it is contacted; with no allowed hosts
 * nothing is. A file is streamed into a temporary file beside its target with its size capped and its SHA-256
 * computed on the way, and renamed into place only once both check out, so a file in the target folder is always
 * complete and verified.
 */
final class Downloads {

    private static final int BUFFER = 1 << 16;

    private final Download config;
    private final MirrorPolicy policy;

    Downloads(Download config) {
        this.config = config;
        this.policy = new MirrorPolicy(config);
    }

    /** Why {@code dataset} cannot be downloaded from any of {@code mirrors}, or null when it may be tried. */
    String refusal(String dataset, List<URI> mirrors) {
        return policy.refusal(dataset, mirrors);
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
        if (!policy.downloadsEnabled()) {
            throw new DownloadException(dataset + ": " + policy.refusal(dataset, mirrors));
        }
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
            try {
                policy.check(current);
            } catch (IOException e) {
                throw redirects == 0 ? e : new IOException("redirect to " + current + " refused: " + e.getMessage(), e);
            }
            // Residual DNS-rebinding risk: the connection resolves the name again instead of being pinned to the
            // addresses just checked (HttpURLConnection cannot connect to one address while sending another name as
            // Host and SNI). It gets the JVM's cached answer (networkaddress.cache.ttl, 30 s by default), so the check
            // holds unless the cache is off or expires in between, when a rebinding DNS server could answer with a
            // private address. NO_PROXY: a proxy would resolve the name itself, unchecked.
            HttpURLConnection connection = (HttpURLConnection) current.toURL().openConnection(Proxy.NO_PROXY);
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
                    ScratchnetHome.writeAtomically(target, Write.DATASET,
                            out -> copyVerified(in, out, file, length, limit, tracker));
                }
                CrashSwitch.reached(Write.DATASET, Step.BEFORE_ANSWER);
                return;
            } finally {
                connection.disconnect();
            }
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
