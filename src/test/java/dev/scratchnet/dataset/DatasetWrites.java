package dev.scratchnet.dataset;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import com.sun.net.httpserver.HttpServer;
import org.springframework.util.unit.DataSize;

import dev.scratchnet.storage.ScratchnetProperties.Download;
import dev.scratchnet.storage.ScratchnetProperties.IdxFile;

/**
 * The dataset cache of the crash matrix (dev.scratchnet.CrashMatrixIT): a dataset of two files, the first already
 * downloaded; the write the matrix crashes is the production {@link Downloads} fetching the second from a mirror
 * on loopback.
 */
public final class DatasetWrites {

    public static final String NAME = "crashset";
    /** The cache folder under the home. */
    public static final String FOLDER = "datasets/downloaded/" + NAME;
    public static final List<String> FILES = List.of("first.bin", "second.bin");
    private static final int SIZE = 300_000;

    private DatasetWrites() {
    }

    /** The folder the dataset is cached in. */
    public static Path folder(Path home) {
        return home.resolve(FOLDER);
    }

    /** The bytes of file {@code k}, the same on every call. */
    public static byte[] content(int k) {
        byte[] bytes = new byte[SIZE];
        new Random(k + 1).nextBytes(bytes);
        return bytes;
    }

    /** The cache with its first file only. */
    public static void prepare(Path home) throws IOException {
        Files.createDirectories(folder(home));
        Files.write(folder(home).resolve(FILES.get(0)), content(0));
    }

    /** Downloads the missing second file as {@code GET /datasets/{name}} would on first use. */
    public static void downloadSecond(Path home) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = content(FILES.indexOf(Path.of(exchange.getRequestURI().getPath()).getFileName()
                    .toString()));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            Download loopback = new Download(Duration.ofSeconds(5), Duration.ofSeconds(5), DataSize.ofMegabytes(1),
                    0, List.of("127.0.0.1"), List.of(port), true);
            List<IdxFile> files = List.of(file(0), file(1));
            new Downloads(loopback).fetch(NAME, List.of(URI.create("http://127.0.0.1:" + port + "/")), files,
                    folder(home), new DownloadTracker(files.size()));
        } finally {
            server.stop(0);
        }
    }

    private static IdxFile file(int k) {
        return new IdxFile(FILES.get(k), HexFormat.of().formatHex(Sha256.digest().digest(content(k))));
    }
}
