package dev.scratchnet.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;
import dev.scratchnet.dataset.Dataset.Source;
import dev.scratchnet.dataset.DownloadProgress.State;
import dev.scratchnet.storage.ScratchnetHome;
import dev.scratchnet.storage.ScratchnetProperties;
import dev.scratchnet.storage.ScratchnetProperties.CatalogEntry;
import dev.scratchnet.storage.ScratchnetProperties.Datasets;
import dev.scratchnet.storage.ScratchnetProperties.Download;
import dev.scratchnet.storage.ScratchnetProperties.IdxFile;
import dev.scratchnet.storage.ScratchnetProperties.IdxFiles;
import dev.scratchnet.storage.ScratchnetProperties.Upload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** Built-in, configured (directory and download) and unknown names, as the trainer and the listing see them. */
class DatasetCatalogTest {

    private static final List<String> THREE = List.of("circle", "square", "triangle");
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");
    private static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    @TempDir
    Path home;

    @TempDir
    Path shared;

    @Test
    void listsBuiltInsFirstWithMnistSizesFromItsHeaders() {
        DatasetCatalog catalog = catalog(Map.of());

        List<DatasetInfo> list = catalog.list();

        assertThat(list).extracting(DatasetInfo::name).containsExactly("mnist", "and", "or", "nand", "xor");
        DatasetInfo mnist = list.get(0);
        assertThat(mnist.available()).isTrue();
        assertThat(mnist.trainSize()).isEqualTo(60_000);
        assertThat(mnist.testSize()).isEqualTo(10_000);
        assertThat(mnist.inputSize()).isEqualTo(784);
        assertThat(mnist.classCount()).isEqualTo(10);
        assertThat(list.get(4).trainSize()).isEqualTo(4);
    }

    @Test
    void directoryDatasetIsFoundInAConfiguredDirectory() throws IOException {
        IdxBytes.writeDataset(shared.resolve("shapes"), 9, 3);
        DatasetCatalog catalog = catalog(Map.of("shapes", entry(null)));

        DatasetInfo info = catalog.info("shapes");
        Dataset shapes = catalog.get("shapes");

        assertThat(info.available()).isTrue();
        assertThat(info.source()).isEqualTo(Source.DIRECTORY);
        assertThat(info.trainSize()).isEqualTo(9);
        assertThat(info.testSize()).isEqualTo(2);
        assertThat(info.inputSize()).isEqualTo(12);
        assertThat(info.location()).isEqualTo(shared.resolve("shapes").toString());
        assertThat(shapes.source()).isEqualTo(Source.DIRECTORY);
        assertThat(shapes.classNames()).isEqualTo(THREE);
        assertThat(shapes.train().label(5)).isEqualTo(2);
        assertThat(catalog.get("shapes")).isSameAs(shapes);
    }

    @Test
    void unpackedFilesAreAcceptedUnderTheirGunzippedNames() throws IOException {
        Path folder = shared.resolve("shapes");
        IdxBytes.writeDataset(folder, 6, 3);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(folder.resolve("train-images-idx3-ubyte.gz")))) {
            Files.write(folder.resolve("train-images-idx3-ubyte"), in.readAllBytes());
        }
        Files.delete(folder.resolve("train-images-idx3-ubyte.gz"));

        assertThat(catalog(Map.of("shapes", entry(null))).get("shapes").train().size()).isEqualTo(6);
    }

    @Test
    void missingDatasetSaysWhereItLooked() {
        DatasetCatalog catalog = catalog(Map.of("kmnist", entry(null)));

        DatasetInfo info = catalog.info("kmnist");

        assertThat(info.available()).isFalse();
        assertThat(info.trainSize()).isNull();
        assertThat(info.searchedPaths()).containsExactly(home.resolve("datasets/kmnist").toString(),
                shared.resolve("kmnist").toString(), home.resolve("datasets/downloaded/kmnist").toString());
        assertThatThrownBy(() -> catalog.get("kmnist"))
                .isInstanceOfSatisfying(DatasetUnavailableException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.CONFLICT))
                .hasMessageContaining("kmnist is not available")
                .hasMessageContaining(shared.resolve("kmnist").toString());
    }

    @Test
    void brokenDirectoryDatasetIsListedWithItsFault() throws IOException {
        Path folder = shared.resolve("shapes");
        IdxBytes.writeDataset(folder, 6, 3);
        Files.write(folder.resolve("t10k-images-idx3-ubyte.gz"), new byte[] {1, 2, 3, 4, 5});

        DatasetCatalog catalog = catalog(Map.of("shapes", entry(null)));

        assertThat(catalog.info("shapes").problem()).contains("t10k-images-idx3-ubyte.gz: magic number");
        assertThatThrownBy(() -> catalog.get("shapes")).hasMessageContaining("shapes cannot be read");
    }

    @Test
    void unknownNameIsNotFoundListingTheKnownNames() {
        assertThatThrownBy(() -> catalog(Map.of()).get("cifar"))
                .isInstanceOfSatisfying(DatasetNotFoundException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND))
                .hasMessage("No dataset named 'cifar'; known: mnist, and, or, nand, xor");
    }

    @Test
    void configuredDatasetIsDownloadedOnFirstUseWithProgressInTheListing() throws IOException {
        Path source = shared.resolve("served");
        IdxBytes.writeDataset(source, 5, 3);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/shapes/", exchange -> {
            byte[] body = Files.readAllBytes(source.resolve(Path.of(exchange.getRequestURI().getPath())
                    .getFileName().toString()));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            URI mirror = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/shapes/");
            DatasetCatalog catalog = catalog(Map.of("shapes", entry(mirror, checksums(source))),
                    List.of(home.resolve("datasets"), shared), loopback(server.getAddress().getPort()));

            DatasetInfo before = catalog.info("shapes");
            Dataset shapes = catalog.get("shapes");
            DatasetInfo after = catalog.info("shapes");

            assertThat(before.available()).isFalse();
            assertThat(before.download().state()).isEqualTo(State.NOT_STARTED);
            assertThat(shapes.source()).isEqualTo(Source.DOWNLOADED);
            assertThat(shapes.train().size()).isEqualTo(5);
            assertThat(after.available()).isTrue();
            assertThat(after.download().state()).isEqualTo(State.DONE);
            assertThat(home.resolve("datasets/downloaded/shapes/train-images-idx3-ubyte.gz")).exists();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void failedDownloadIsUnavailableWithEveryMirrorsReason() throws IOException {
        IdxBytes.writeDataset(shared.resolve("served"), 5, 3);
        URI nowhere = URI.create("http://127.0.0.1:9/shapes/");
        DatasetCatalog catalog = catalog(Map.of("shapes", entry(nowhere, checksums(shared.resolve("served")))),
                List.of(home.resolve("datasets"), shared), loopback(9));

        assertThatThrownBy(() -> catalog.get("shapes"))
                .isInstanceOfSatisfying(DatasetUnavailableException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE))
                .hasMessageContaining("shapes: train-images-idx3-ubyte.gz could not be downloaded");
        assertThat(catalog.info("shapes").download().state()).isEqualTo(State.FAILED);
    }

    @Test
    void mirrorsHostIsNotAllowedByBeingNamedAndTheListingSaysHowToEnableDownloads() throws IOException {
        IdxBytes.writeDataset(shared.resolve("served"), 5, 3);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger requests = new AtomicInteger();
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            URI mirror = URI.create("http://127.0.0.1:" + port + "/shapes/");
            Download noHosts = new Download(Duration.ofSeconds(2), Duration.ofSeconds(2), DataSize.ofMegabytes(1), 5,
                    List.of(), List.of(port), true);
            DatasetCatalog catalog = catalog(Map.of("shapes", entry(mirror, checksums(shared.resolve("served")))),
                    List.of(home.resolve("datasets"), shared), noHosts);

            DatasetInfo info = catalog.info("shapes");

            assertThat(info.available()).isFalse();
            assertThat(info.problem()).isEqualTo("downloads are off (scratchnet.datasets.download.allowed-hosts "
                    + "is empty); to download shapes, add 127.0.0.1 to scratchnet.datasets.download.allowed-hosts");
            assertThatThrownBy(() -> catalog.get("shapes"))
                    .isInstanceOfSatisfying(DatasetUnavailableException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.CONFLICT))
                    .hasMessageContaining("shapes is not available")
                    .hasMessageContaining("downloads are off");
            assertThat(requests).hasValue(0);
            assertThat(catalog.info("shapes").download().state()).isEqualTo(State.NOT_STARTED);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void mirrorsWithoutChecksumsAreRefusedAtStartUp() {
        CatalogEntry unverifiable = new CatalogEntry(null, THREE, List.of(URI.create("https://example.org/")),
                new IdxFiles(null, null, null, null));

        assertThatThrownBy(() -> catalog(Map.of("shapes", unverifiable)))
                .hasMessageContaining("scratchnet.datasets.catalog.shapes: with mirrors, every file needs a sha256");
    }

    @Test
    void catalogEntryCannotTakeABuiltInNameOrLeaveItsFolder() {
        assertThatThrownBy(() -> catalog(Map.of("mnist", entry(null)))).hasMessageContaining("catalog.mnist");
        CatalogEntry escaping = new CatalogEntry("../../etc", THREE, List.of(), new IdxFiles(null, null, null, null));
        assertThatThrownBy(() -> catalog(Map.of("shapes", escaping))).hasMessageContaining("must be a relative path");
    }

    @Test
    void fashionMnistFromDebiansPackage() {
        assumeTrue(Files.isRegularFile(FASHION.resolve("train-images-idx3-ubyte.gz")),
                "needs Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist)");
        DatasetCatalog catalog = catalog(Map.of("fashion-mnist", new CatalogEntry(null, FASHION_CLASSES, List.of(),
                new IdxFiles(null, null, null, null))), List.of(Path.of("/usr/share/datasets")));

        DatasetInfo info = catalog.info("fashion-mnist");
        Dataset fashion = catalog.get("fashion-mnist");

        assertThat(info.source()).isEqualTo(Source.DIRECTORY);
        assertThat(info.trainSize()).isEqualTo(60_000);
        assertThat(info.testSize()).isEqualTo(10_000);
        assertThat(fashion.train().size()).isEqualTo(60_000);
        assertThat(fashion.test().size()).isEqualTo(10_000);
        assertThat(fashion.inputSize()).isEqualTo(784);
        assertThat(fashion.classNames()).isEqualTo(FASHION_CLASSES);
        // TensorFlow's classification tutorial prints train_labels starting 9, 0, 0, 3 and test_labels[0] = 9.
        assertThat(List.of(fashion.train().label(0), fashion.train().label(1), fashion.train().label(2),
                fashion.train().label(3))).containsExactly(9, 0, 0, 3);
        assertThat(fashion.test().label(0)).isEqualTo(9);
    }

    private DatasetCatalog catalog(Map<String, CatalogEntry> entries) {
        return catalog(entries, List.of(home.resolve("datasets"), shared));
    }

    private DatasetCatalog catalog(Map<String, CatalogEntry> entries, List<Path> dirs) {
        return catalog(entries, dirs,
                new Download(Duration.ofSeconds(2), Duration.ofSeconds(2), DataSize.ofMegabytes(1), 5, List.of()));
    }

    /** Downloads from the test's own server: 127.0.0.1 on {@code port}, with loopback allowed for the test. */
    private static Download loopback(int port) {
        return new Download(Duration.ofSeconds(2), Duration.ofSeconds(2), DataSize.ofMegabytes(1), 5,
                List.of("127.0.0.1"), List.of(port), true);
    }

    private DatasetCatalog catalog(Map<String, CatalogEntry> entries, List<Path> dirs, Download download) {
        ScratchnetProperties properties = new ScratchnetProperties(home, new Datasets(dirs,
                new Upload(DataSize.ofMegabytes(1), 1000, 100), download, entries));
        ScratchnetHome scratchnetHome = new ScratchnetHome(home);
        return new DatasetCatalog(properties, scratchnetHome, new UploadedDatasets(properties, scratchnetHome));
    }

    private static CatalogEntry entry(URI mirror) {
        return new CatalogEntry(null, THREE, mirror == null ? List.of() : List.of(mirror),
                new IdxFiles(null, null, null, null));
    }

    private static CatalogEntry entry(URI mirror, IdxFiles files) {
        return new CatalogEntry(null, THREE, List.of(mirror), files);
    }

    private static IdxFiles checksums(Path folder) throws IOException {
        IdxFiles names = new IdxFiles(null, null, null, null);
        IdxFile[] files = new IdxFile[4];
        for (int k = 0; k < 4; k++) {
            String name = names.all().get(k).name();
            files[k] = new IdxFile(name, DownloadsTest.sha256(Files.readAllBytes(folder.resolve(name))));
        }
        return new IdxFiles(files[0], files[1], files[2], files[3]);
    }
}
