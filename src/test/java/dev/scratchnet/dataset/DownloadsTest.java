package dev.scratchnet.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scratchnet.dataset.DownloadProgress.State;
import dev.scratchnet.storage.ScratchnetProperties.Download;
import dev.scratchnet.storage.ScratchnetProperties.IdxFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * Downloads against an HTTP server the test runs on loopback: no other network is needed or used. Loopback is refused
 * by default, so the tests that fetch set allow-private-addresses; the others prove what the defaults refuse.
 */
class DownloadsTest {

    private static final byte[] CONTENT = IdxBytes.gzip(IdxBytes.labels(3, 1, 4, 1, 5, 9, 2, 6));
    private static final IdxFile FILE = new IdxFile("labels.gz", sha256(CONTENT));

    @TempDir
    Path cache;

    private HttpServer server;
    private String origin;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/good/", exchange -> respond(exchange, 200, CONTENT));
        server.createContext("/altered/", exchange -> {
            byte[] altered = CONTENT.clone();
            altered[altered.length / 2] ^= 1;
            respond(exchange, 200, altered);
        });
        server.createContext("/missing/", exchange -> respond(exchange, 404, "gone".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/elsewhere/", exchange -> redirect(exchange, "http://localhost:"
                + server.getAddress().getPort() + "/good/labels.gz"));
        server.createContext("/moved/", exchange -> redirect(exchange, "/good/labels.gz"));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void fetchesVerifiesAndRenamesIntoPlace() throws IOException {
        DownloadTracker tracker = new DownloadTracker(1);

        downloads().fetch("demo", List.of(mirror("/good/")), List.of(FILE), cache, tracker);

        assertThat(cache.resolve("labels.gz")).hasBinaryContent(CONTENT);
        assertThat(filesIn(cache)).containsExactly("labels.gz");
        assertThat(tracker.snapshot().state()).isEqualTo(State.DONE);
        assertThat(tracker.snapshot().filesDone()).isEqualTo(1);
    }

    @Test
    void wrongChecksumLeavesNoFileBehind() {
        DownloadTracker tracker = new DownloadTracker(1);

        assertThatThrownBy(() -> downloads().fetch("demo", List.of(mirror("/altered/")), List.of(FILE), cache,
                tracker))
                .isInstanceOf(Downloads.DownloadException.class)
                .hasMessageContaining("demo: labels.gz could not be downloaded from any mirror")
                .hasMessageContaining("labels.gz: SHA-256 is ")
                .hasMessageContaining("expected " + FILE.sha256());
        assertThat(filesIn(cache)).isEmpty();
        assertThat(tracker.snapshot().state()).isEqualTo(State.FAILED);
        assertThat(tracker.snapshot().error()).contains("SHA-256");
    }

    @Test
    void droppedConnectionLeavesNoFileBehind() throws Exception {
        try (ServerSocket dropping = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread serve = new Thread(() -> {
                try (Socket socket = dropping.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + CONTENT.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(CONTENT, 0, CONTENT.length / 2);
                    out.flush();
                } catch (IOException ignored) {
                    // The client sees the drop; nothing to do here.
                }
            });
            serve.start();
            URI mirror = URI.create("http://127.0.0.1:" + dropping.getLocalPort() + "/");
            Downloads downloads = new Downloads(new Download(Duration.ofSeconds(5), Duration.ofSeconds(5),
                    DataSize.ofMegabytes(1), 5, List.of("127.0.0.1"), List.of(dropping.getLocalPort()), true));

            assertThatThrownBy(() -> downloads.fetch("demo", List.of(mirror), List.of(FILE), cache,
                    new DownloadTracker(1)))
                    .isInstanceOf(Downloads.DownloadException.class)
                    .hasMessageContaining(mirror + "labels.gz: connection closed after");
            serve.join(5_000);
        }
        assertThat(filesIn(cache)).isEmpty();
    }

    @Test
    void redirectToAnotherHostIsRefused() {
        assertThatThrownBy(() -> downloads().fetch("demo", List.of(mirror("/elsewhere/")), List.of(FILE), cache,
                new DownloadTracker(1)))
                .hasMessageContaining("redirect to http://localhost:")
                .hasMessageContaining("refused: host 'localhost' is not allowed (allowed: 127.0.0.1;");
        assertThat(hits).doesNotContainKey("/good/labels.gz");
        assertThat(filesIn(cache)).isEmpty();
    }

    @Test
    void redirectWithinAnAllowedHostIsFollowed() throws IOException {
        downloads().fetch("demo", List.of(mirror("/moved/")), List.of(FILE), cache, new DownloadTracker(1));

        assertThat(cache.resolve("labels.gz")).hasBinaryContent(CONTENT);
    }

    @Test
    void notFoundFallsThroughToTheNextMirror() throws IOException {
        downloads().fetch("demo", List.of(mirror("/missing/"), mirror("/good/")), List.of(FILE), cache,
                new DownloadTracker(1));

        assertThat(hits.get("/missing/labels.gz")).hasValue(1);
        assertThat(cache.resolve("labels.gz")).hasBinaryContent(CONTENT);
    }

    @Test
    void everyMirrorsFailureIsReported() {
        assertThatThrownBy(() -> downloads().fetch("demo", List.of(mirror("/missing/"), mirror("/altered/")),
                List.of(FILE), cache, new DownloadTracker(1)))
                .hasMessageContaining(origin + "/missing/labels.gz: HTTP 404")
                .hasMessageContaining(origin + "/altered/labels.gz: labels.gz: SHA-256 is");
    }

    @Test
    void hostNotNamedInConfigurationIsNeverContacted() {
        Downloads downloads = new Downloads(loopback(List.of("mirror.invalid")));

        assertThatThrownBy(() -> downloads.fetch("demo", List.of(mirror("/good/")), List.of(FILE), cache,
                new DownloadTracker(1)))
                .hasMessageContaining("host '127.0.0.1' is not allowed");
        assertThat(hits).isEmpty();
    }

    @Test
    void ipAddressIsContactedOnlyWhenItIsListedItself() {
        Downloads downloads = new Downloads(loopback(List.of("localhost")));

        assertThatThrownBy(() -> downloads.fetch("demo", List.of(mirror("/good/")), List.of(FILE), cache,
                new DownloadTracker(1)))
                .hasMessageContaining("host '127.0.0.1' is not allowed (allowed: localhost;");
        assertThat(hits).isEmpty();
    }

    @Test
    void withNoAllowedHostsNothingIsDownloaded() {
        Downloads downloads = new Downloads(new Download(Duration.ofSeconds(5), Duration.ofSeconds(5),
                DataSize.ofMegabytes(1), 5, List.of(), List.of(port()), true));
        DownloadTracker tracker = new DownloadTracker(1);

        assertThatThrownBy(() -> downloads.fetch("demo", List.of(mirror("/good/")), List.of(FILE), cache, tracker))
                .isInstanceOf(Downloads.DownloadException.class)
                .hasMessage("demo: downloads are off (scratchnet.datasets.download.allowed-hosts is empty); "
                        + "to download demo, add 127.0.0.1 to scratchnet.datasets.download.allowed-hosts");
        assertThat(hits).isEmpty();
        assertThat(filesIn(cache)).isEmpty();
        assertThat(tracker.snapshot().state()).isEqualTo(State.NOT_STARTED);
    }

    @Test
    void loopbackIsRefusedByDefaultBeforeAnyConnection() {
        Downloads downloads = new Downloads(new Download(Duration.ofSeconds(5), Duration.ofSeconds(5),
                DataSize.ofMegabytes(1), 5, List.of("127.0.0.1"), List.of(port()), false));

        assertThatThrownBy(() -> downloads.fetch("demo", List.of(mirror("/good/")), List.of(FILE), cache,
                new DownloadTracker(1)))
                .hasMessageContaining("host '127.0.0.1' resolves to 127.0.0.1, a loopback address");
        assertThat(hits).isEmpty();
        assertThat(filesIn(cache)).isEmpty();
    }

    @Test
    void allowedNameThatResolvesToLoopbackIsRefused() {
        Downloads downloads = new Downloads(new Download(Duration.ofSeconds(5), Duration.ofSeconds(5),
                DataSize.ofMegabytes(1), 5, List.of("localhost"), List.of(port()), false));
        URI mirror = URI.create("http://localhost:" + port() + "/good/");

        assertThatThrownBy(() -> downloads.fetch("demo", List.of(mirror), List.of(FILE), cache,
                new DownloadTracker(1)))
                .hasMessageContaining("host 'localhost' resolves to ")
                .hasMessageContaining("a loopback address, which downloads never contact");
        assertThat(hits).isEmpty();
    }

    @Test
    void userInfoInTheUrlIsRefused() {
        List<URI> mirrors = List.of(URI.create("http://user@127.0.0.1:" + port() + "/good/"),
                URI.create("http://user:secret@127.0.0.1:" + port() + "/good/"));

        assertThatThrownBy(() -> downloads().fetch("demo", mirrors, List.of(FILE), cache, new DownloadTracker(1)))
                .hasMessageContaining("http://user@127.0.0.1:" + port()
                        + "/good/labels.gz: URLs with user info (user@host) are refused")
                .hasMessageContaining("/good/labels.gz: URLs with user info (user@host) are refused");
        assertThat(hits).isEmpty();
    }

    @Test
    void onlyHttpAndHttpsAreFetched() {
        List<URI> mirrors = List.of(URI.create("ftp://127.0.0.1:" + port() + "/good/"),
                URI.create("file:///etc/"), URI.create("jar:file:///tmp/x.jar!/"));

        assertThatThrownBy(() -> downloads().fetch("demo", mirrors, List.of(FILE), cache, new DownloadTracker(1)))
                .hasMessageContaining("ftp://127.0.0.1:" + port() + "/good/labels.gz: only http and https URLs are "
                        + "fetched, found 'ftp:'")
                .hasMessageContaining("file:///etc/labels.gz: only http and https URLs are fetched, found 'file:'")
                .hasMessageContaining("found 'jar:'");
        assertThat(hits).isEmpty();
    }

    @Test
    void portNotAllowedIsRefused() {
        Downloads downloads = new Downloads(new Download(Duration.ofSeconds(5), Duration.ofSeconds(5),
                DataSize.ofMegabytes(1), 5, List.of("127.0.0.1"), List.of(80, 443), true));

        assertThatThrownBy(() -> downloads.fetch("demo", List.of(mirror("/good/")), List.of(FILE), cache,
                new DownloadTracker(1)))
                .hasMessageContaining("port " + port() + " is not allowed (allowed: [80, 443];");
        assertThat(hits).isEmpty();
    }

    @Test
    void fileOverTheByteCapIsRefused() {
        Downloads downloads = new Downloads(new Download(Duration.ofSeconds(5), Duration.ofSeconds(5),
                DataSize.ofBytes(10), 5, List.of("127.0.0.1"), List.of(port()), true));

        assertThatThrownBy(() -> downloads.fetch("demo", List.of(mirror("/good/")), List.of(FILE), cache,
                new DownloadTracker(1)))
                .hasMessageContaining("over the limit of 10");
        assertThat(filesIn(cache)).isEmpty();
    }

    @Test
    void filesAlreadyInTheCacheAreNotFetchedAgain() throws IOException {
        Files.write(cache.resolve("labels.gz"), CONTENT);

        downloads().fetch("demo", List.of(mirror("/good/")), List.of(FILE), cache, new DownloadTracker(1));

        assertThat(hits).isEmpty();
    }

    private Downloads downloads() {
        return new Downloads(loopback(List.of("127.0.0.1")));
    }

    /** The test server's host and port allowed, and loopback addresses with them. */
    private Download loopback(List<String> hosts) {
        return new Download(Duration.ofSeconds(5), Duration.ofSeconds(5), DataSize.ofMegabytes(1), 5, hosts,
                List.of(port()), true);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private URI mirror(String path) {
        return URI.create(origin + path);
    }

    private void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        hits.computeIfAbsent(exchange.getRequestURI().getPath(), key -> new AtomicInteger()).incrementAndGet();
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void redirect(HttpExchange exchange, String location) throws IOException {
        hits.computeIfAbsent(exchange.getRequestURI().getPath(), key -> new AtomicInteger()).incrementAndGet();
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static List<String> filesIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
