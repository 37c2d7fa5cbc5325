package dev.scratchnet.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything under {@code scratchnet.*}; application.yml lists each property with its default.
 *
 * @param apiKey         the bearer key that state-changing requests must carry; blank means none is asked for
 * @param apiKeyForReads whether reads and {@code /predict} need the key too
 */
@ConfigurationProperties("scratchnet")
public record ScratchnetProperties(@DefaultValue("scratchnet-home") Path home, @DefaultValue Datasets datasets,
        String apiKey, boolean apiKeyForReads, @DefaultValue Predict predict, @DefaultValue Jobs jobs,
        @DefaultValue Limits limits, @DefaultValue Storage storage) {

    @ConstructorBinding
    public ScratchnetProperties {
        if (datasets.dirs().isEmpty()) {
            // The default depends on home, which a nested record cannot see.
            datasets = new Datasets(List.of(home.resolve("datasets"), Path.of("/usr/share/datasets")),
                    datasets.upload(), datasets.download(), datasets.catalog());
        }
        // An environment variable easily carries a trailing newline; the presented key is stripped as well.
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }

    /** Home and datasets as given, no API key, default prediction limits and job queue. */
    public ScratchnetProperties(Path home, Datasets datasets) {
        this(home, datasets, null, false, Predict.defaults(), Jobs.DEFAULT, Limits.DEFAULT, Storage.DEFAULT);
    }

    /**
     * Limits on {@code POST /predict}: rows per request, and for an image its encoded bytes and its pixels (checked
     * from the header, before decoding).
     */
    public record Predict(@DefaultValue(MAX_INPUTS) int maxInputs, @DefaultValue(MAX_IMAGE_PIXELS) long maxImagePixels,
            @DefaultValue(MAX_IMAGE_BYTES) DataSize maxImageBytes) {

        static final String MAX_INPUTS = "10000";
        static final String MAX_IMAGE_PIXELS = "25000000";
        static final String MAX_IMAGE_BYTES = "16MB";

        /** The defaults, for properties built in code rather than bound. */
        public static Predict defaults() {
            return new Predict(Integer.parseInt(MAX_INPUTS), Long.parseLong(MAX_IMAGE_PIXELS),
                    DataSize.parse(MAX_IMAGE_BYTES));
        }
    }

    /**
     * Caps on request bodies, checked before and while they are read (web/RequestBodyLimit); multipart uploads keep
     * Spring's multipart limits instead.
     *
     * @param body           largest body of any request but {@code POST /predict} and multipart uploads
     * @param predictBody    largest {@code POST /predict} body: 10,000 inputs of 784 numbers, each written out as a
     *                       full double ({@code 0.5019607843137255,}: 19 bytes), come to 149 MB
     * @param bodyTime       longest time one body may take to arrive, so a client trickling it is cut off
     * @param headerTime     longest time a request line and headers may take to arrive from their first byte, so a
     *                       client trickling them is disconnected (web/HeaderDeadlineProtocol)
     * @param storedModels   most bytes the weights of models uploaded through {@code POST /models} may take together;
     *                       trained models do not count
     * @param storedDatasets most bytes the datasets uploaded through {@code POST /datasets} may take together
     */
    public record Limits(@DefaultValue("1MB") DataSize body, @DefaultValue("160MB") DataSize predictBody,
            @DefaultValue("60s") Duration bodyTime, @DefaultValue("10s") Duration headerTime,
            @DefaultValue("2GB") DataSize storedModels, @DefaultValue("2GB") DataSize storedDatasets) {

        /** The values application.yml documents, for code that builds properties without binding them. */
        public static final Limits DEFAULT = new Limits(DataSize.ofMegabytes(1), DataSize.ofMegabytes(160),
                Duration.ofSeconds(60), Duration.ofSeconds(10), DataSize.ofGigabytes(2), DataSize.ofGigabytes(2));
    }

    /**
     * The disk under {@code home}.
     *
     * @param minFreeSpace space that uploads, checkpoints and models must leave free on the home's file system;
     *                     a write that would go below it is refused as if the disk were full (507)
     */
    public record Storage(@DefaultValue("64MB") DataSize minFreeSpace) {

        /** The values application.yml documents, for code that builds properties without binding them. */
        public static final Storage DEFAULT = new Storage(DataSize.ofMegabytes(64));

        public Storage {
            if (minFreeSpace.isNegative()) {
                throw new IllegalArgumentException("scratchnet.storage.min-free-space must not be negative, found "
                        + minFreeSpace);
            }
        }
    }

    /**
     * The training queue: how many jobs train at once and how many may wait (more is a 429), and what one job may
     * cost before it is refused at submission.
     *
     * @param numericalGradientMaxParameters largest network {@code gradient: "numerical"} may train: each iteration
     *                                       costs two forward passes per parameter
     * @param gradientCheckMaxParameters     largest network {@code gradientCheck} may compare; its cost grows with
     *                                       the square of the parameter count
     * @param heapFraction                   share of the JVM's maximum heap one job's network, gradients, optimizer
     *                                       state and batch buffers may be estimated to take
     * @param progressInterval               least time between two {@code progress} events of a job's stream
     * @param maxEventStreams                most {@code GET /jobs/{id}/events} streams open at once, over all jobs;
     *                                       past it a new one is a 503
     */
    public record Jobs(@DefaultValue("1") int maxConcurrent, @DefaultValue("16") int queueCapacity,
            @DefaultValue("1000") long numericalGradientMaxParameters,
            @DefaultValue("100000") long gradientCheckMaxParameters, @DefaultValue("0.5") double heapFraction,
            @DefaultValue("250ms") Duration progressInterval, @DefaultValue("256") int maxEventStreams,
            @DefaultValue("true") boolean warmUp) {

        /** The values application.yml documents, for code that builds properties without binding them. */
        public static final Jobs DEFAULT = new Jobs(1, 16, 1000, 100_000, 0.5, Duration.ofMillis(250), 256, true);

        public Jobs {
            if (maxConcurrent < 1 || queueCapacity < 0) {
                throw new IllegalArgumentException("scratchnet.jobs: max-concurrent must be at least 1 and "
                        + "queue-capacity not negative, found " + maxConcurrent + " and " + queueCapacity);
            }
            if (!(heapFraction > 0 && heapFraction <= 1)) {
                throw new IllegalArgumentException("scratchnet.jobs.heap-fraction must be in (0, 1], found "
                        + heapFraction);
            }
            if (maxEventStreams < 1) {
                throw new IllegalArgumentException("scratchnet.jobs.max-event-streams must be at least 1, found "
                        + maxEventStreams);
            }
        }
    }

    /** Where IDX datasets are looked for, what uploads may hold, how downloads behave, and the configured sets. */
    public record Datasets(List<Path> dirs, @DefaultValue Upload upload, @DefaultValue Download download,
            Map<String, CatalogEntry> catalog) {

        public Datasets {
            dirs = dirs == null ? List.of() : List.copyOf(dirs);
            catalog = catalog == null ? Map.of() : new TreeMap<>(catalog);
        }
    }

    /** Limits on {@code POST /datasets}; going over any of them is a 413. */
    public record Upload(@DefaultValue("64MB") DataSize maxBytes, @DefaultValue("100000") int maxRows,
            @DefaultValue("1024") int maxColumns) {
    }

    /**
     * How dataset files are fetched. Only the hosts in {@code allowedHosts} are ever contacted (none by default, so
     * nothing is downloaded until hosts are listed), over http(s), on {@code allowedPorts}, and only when every
     * address the name resolves to is public; a redirect is checked the same way before it is followed.
     *
     * @param allowPrivateAddresses for tests only, which serve mirrors on loopback: lets an allowed host resolve to
     *                              a loopback, private or link-local address
     */
    public record Download(@DefaultValue("10s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout,
            @DefaultValue("200MB") DataSize maxBytes, @DefaultValue("5") int maxRedirects, List<String> allowedHosts,
            @DefaultValue({"80", "443"}) List<Integer> allowedPorts, @DefaultValue("false") boolean allowPrivateAddresses) {

        @ConstructorBinding
        public Download {
            allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
            allowedPorts = allowedPorts == null ? List.of(80, 443) : List.copyOf(allowedPorts);
        }

        /** Public addresses on ports 80 and 443 only, for code that builds properties without binding them. */
        public Download(Duration connectTimeout, Duration readTimeout, DataSize maxBytes, int maxRedirects,
                List<String> allowedHosts) {
            this(connectTimeout, readTimeout, maxBytes, maxRedirects, allowedHosts, List.of(80, 443), false);
        }
    }

    /**
     * An IDX dataset described by configuration: searched for as {@code folder} (default: its name) in every
     * dataset directory, else downloaded from the mirrors, each file checked against its SHA-256.
     */
    public record CatalogEntry(String folder, List<String> classNames, List<URI> mirrors, @DefaultValue IdxFiles files) {

        public CatalogEntry {
            classNames = classNames == null ? List.of() : List.copyOf(classNames);
            mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
        }
    }

    /** The four files of an IDX dataset; any left out take MNIST's names. */
    public record IdxFiles(IdxFile trainImages, IdxFile trainLabels, IdxFile testImages, IdxFile testLabels) {

        public IdxFiles {
            trainImages = orDefault(trainImages, "train-images-idx3-ubyte.gz");
            trainLabels = orDefault(trainLabels, "train-labels-idx1-ubyte.gz");
            testImages = orDefault(testImages, "t10k-images-idx3-ubyte.gz");
            testLabels = orDefault(testLabels, "t10k-labels-idx1-ubyte.gz");
        }

        public List<IdxFile> all() {
            return List.of(trainImages, trainLabels, testImages, testLabels);
        }

        private static IdxFile orDefault(IdxFile file, String name) {
            if (file == null) {
                return new IdxFile(name, null);
            }
            return file.name() == null ? new IdxFile(name, file.sha256()) : file;
        }
    }

    /** One file by name, with the SHA-256 (hex) that a download of it must have; null when not given. */
    public record IdxFile(String name, String sha256) {
    }
}
