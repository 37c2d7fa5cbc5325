package dev.scratchnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.scratchnet.dataset.DatasetWrites;
import dev.scratchnet.engine.CheckpointFile;
import dev.scratchnet.engine.MultiLayerNet;
import dev.scratchnet.engine.npz.WeightsFile;
import dev.scratchnet.job.JobWrites;
import dev.scratchnet.model.ModelRegistry;
import dev.scratchnet.model.NewModel;
import dev.scratchnet.storage.CrashSwitch;
import dev.scratchnet.storage.CrashSwitch.Step;
import dev.scratchnet.storage.CrashSwitch.Write;
import dev.scratchnet.storage.ScratchnetHome;

/**
 * Issue 6, item 6: every durable write, halted at each of its five steps, leaves each object entirely old or
 * entirely new, and the service starts on what it left. For each step one home is prepared (two models, a running
 * job with its epoch-1 checkpoint and three queued jobs, a dataset cache with one of its two files); each of the
 * five writes then runs in a JVM of its own ({@link CrashingWrite}, the production stores) with
 * {@code scratchnet.crash-at=<write>:<step>}, which halts it there ({@link CrashSwitch}); the files are checked at
 * once. Then the packaged service starts on that home, once for all five writes, and must have cleared every
 * temporary and staging file, serve each object old or new, keep no job RUNNING but the one its worker trains, and
 * start the queued jobs in their order.
 *
 * <p>Before the rename an object must be exactly the old one, from the rename on exactly the new one: a halted JVM
 * loses no written page, so this proves the order of the steps and the atomic rename, not the fsyncs, which only a
 * power cut (or a fault-injecting file system) could test.
 *
 * <p>The "latest" row: there is no pointer file. Start-up derives the latest model from the whole models on disk
 * (the highest sequence), so what moves the latest is a publish's own folder rename, and its crash switch is
 * {@code model}. The row is a second publish, made after the model row's, which replaces the latest; after the
 * restart {@code GET /models/latest} must be the earlier latest or this one, and a {@code POST /predict} without a
 * model must be answered by it with its outputs.
 */
class CrashMatrixIT {

    private static final Path JAR = Path.of(System.getProperty("scratchnet.jar",
            "target/scratchnet-0.1.0-SNAPSHOT.jar"));
    private static final Path LOGS = Path.of("target", "crash-matrix");
    private static final String API_KEY = "crash-matrix-key";
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final NewModel OLDER = CrashingWrite.named("old-a", 1);
    private static final NewModel OLD_LATEST = CrashingWrite.named("old-b", 2);
    private static final double[] PROBE = probe();

    @TempDir
    static Path work;
    private static ImageRecipe image;
    private static Path app;
    private static Path template;
    private static Path spareCheckpoint;

    /** The rows of the matrix, in the order they crash into one home. */
    enum Row {
        MODEL(Write.MODEL, "models"), LATEST(Write.MODEL, "models"), JOB(Write.JOB, "jobs/" + JobWrites.CANCELLED),
        CHECKPOINT(Write.CHECKPOINT, "jobs/" + JobWrites.RUNNING), DATASET(Write.DATASET, DatasetWrites.FOLDER);

        private final Write write;
        /** Where a crash before the rename leaves its temporary file or staging folder, under the home. */
        private final String folder;

        Row(Write write, String folder) {
            this.write = write;
            this.folder = folder;
        }

        /** The job id the row's published model carries, so the checks can find it. */
        String jobId() {
            return "crash-" + label();
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @BeforeAll
    static void prepare() throws Exception {
        assertThat(JAR).as("the packaged jar; run through mvn verify").isRegularFile();
        image = ImageRecipe.read(Path.of("Dockerfile"));
        app = image.install(JAR, Files.createDirectories(work.resolve("app")), Path.of(""));
        Files.createDirectories(LOGS);
        template = work.resolve("template");
        spareCheckpoint = work.resolve("epoch-2-checkpoint.bin");
        ModelRegistry models = new ModelRegistry(new ScratchnetHome(template));
        models.publish(OLDER);
        models.publish(OLD_LATEST);
        JobWrites.prepare(template, spareCheckpoint);
        DatasetWrites.prepare(template);
    }

    @TestFactory
    Stream<DynamicContainer> eachWriteHaltedAtEachStepLeavesOldOrNew() {
        return Arrays.stream(Step.values()).map(step -> {
            Path home = work.resolve(step.label());
            List<DynamicNode> tests = new ArrayList<>();
            for (Row row : Row.values()) {
                tests.add(dynamicTest(row.label() + " halted at " + step.label() + " is entirely "
                        + (committed(step) ? "new" : "old"), () -> crash(row, step, home)));
            }
            tests.add(dynamicTest("restart after the crashes at " + step.label()
                    + ": temporaries cleared, objects whole, queue in order", () -> restart(step, home)));
            return dynamicContainer("crash at " + step.label(), tests);
        });
    }

    private static boolean committed(Step step) {
        return step.compareTo(Step.RENAMED) >= 0;
    }

    private static void crash(Row row, Step step, Path home) throws Exception {
        if (!Files.exists(home)) {
            copy(template, home);
        }
        Path log = LOGS.resolve(step.label() + "-" + row.label() + ".log");
        // C1 only: the write is short, and the JVM starts faster without the optimizing compiler.
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Dscratchnet.crash-at=" + CrashSwitch.setting(row.write, step), "-cp", classPath(),
                CrashingWrite.class.getName(), row.name(), home.toString(), spareCheckpoint.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the write finished or halted").isTrue();
        assertThat(process.exitValue()).as("exit status (%d: halted by the switch); log:%n%s", CrashSwitch.HALTED,
                Files.readString(log)).isEqualTo(CrashSwitch.HALTED);
        assertOnDisk(row, committed(step), home);
        try (Stream<Path> files = Files.list(home.resolve(row.folder))) {
            List<String> names = files.map(path -> path.getFileName().toString()).toList();
            if (committed(step)) {
                assertThat(names).as("temporary files or staging folders").noneMatch(CrashMatrixIT::isTemporary);
            } else {
                assertThat(names).as("the temporary file or staging folder start-up must clear")
                        .anyMatch(CrashMatrixIT::isTemporary);
            }
        }
    }

    private static boolean isTemporary(String name) {
        return name.endsWith(".tmp") || name.startsWith(".staging-");
    }

    /** What the files hold: the old object before the rename, the new one from it on. */
    private static void assertOnDisk(Row row, boolean isNew, Path home) throws IOException {
        switch (row) {
            case MODEL, LATEST -> {
                Optional<Path> model = modelFolder(home, row.jobId());
                assertThat(model.isPresent()).as("the %s write's model on disk", row.label()).isEqualTo(isNew);
                if (model.isPresent()) {
                    assertWhole(model.get(), CrashingWrite.model(row));
                }
            }
            case CHECKPOINT -> {
                try (InputStream in = Files.newInputStream(home.resolve("jobs").resolve(JobWrites.RUNNING)
                        .resolve("checkpoint.bin"))) {
                    assertThat(CheckpointFile.read(in).epochsDone()).as("epochs in the checkpoint")
                            .isEqualTo(isNew ? 2 : 1);
                }
            }
            case JOB -> assertThat(JSON.readTree(home.resolve("jobs").resolve(JobWrites.CANCELLED)
                    .resolve("job.json").toFile()).get("status").asString()).isEqualTo(isNew ? "CANCELLED" : "QUEUED");
            case DATASET -> {
                Path folder = DatasetWrites.folder(home);
                assertThat(folder.resolve(DatasetWrites.FILES.get(0))).hasBinaryContent(DatasetWrites.content(0));
                Path second = folder.resolve(DatasetWrites.FILES.get(1));
                if (isNew) {
                    assertThat(second).hasBinaryContent(DatasetWrites.content(1));
                } else {
                    assertThat(second).doesNotExist();
                }
            }
        }
    }

    private static void restart(Step step, Path home) throws Exception {
        boolean isNew = committed(step);
        int port = freePort();
        try (ServiceProcess service = ServiceProcess.start(image, app, Map.of("SCRATCHNET_HOME", home.toString(),
                "SERVER_PORT", String.valueOf(port), "SCRATCHNET_API_KEY", API_KEY), API_KEY, port,
                LOGS.resolve(step.label() + "-restart.log"))) {
            service.awaitHealthy(Duration.ofMinutes(2));

            try (Stream<Path> files = Files.walk(home)) {
                assertThat(files.map(path -> path.getFileName().toString()))
                        .as("temporary and staging files after start-up")
                        .noneMatch(CrashMatrixIT::isTemporary);
            }
            for (Row row : Row.values()) {
                assertOnDisk(row, isNew, home);
            }

            Map<String, String> models = list(service.get("/models")).stream().collect(Collectors.toMap(
                    model -> model.get("jobId").asString(), model -> model.get("id").asString()));
            assertThat(models.keySet()).as("models served").isEqualTo(isNew
                    ? Set.of("old-a", "old-b", Row.MODEL.jobId(), Row.LATEST.jobId()) : Set.of("old-a", "old-b"));
            JsonNode latest = service.get("/models/latest");
            assertThat(latest.get("jobId").asString()).as("latest model")
                    .isEqualTo(isNew ? Row.LATEST.jobId() : "old-b");
            JsonNode answer = service.post("/predict", Map.of("inputs", List.of(PROBE)), 200);
            assertThat(answer.get("modelId").asString()).as("model answering /predict")
                    .isEqualTo(latest.get("id").asString());
            assertThat(doubles(answer.get("predictions").get(0).get("probabilities")))
                    .as("outputs of the latest model").containsExactly(
                            outputs(isNew ? CrashingWrite.model(Row.LATEST) : OLD_LATEST), within(1e-6));

            JsonNode cancelled = service.get("/jobs/" + JobWrites.CANCELLED);
            assertThat(cancelled.get("status").asString()).isEqualTo(isNew ? "CANCELLED" : "QUEUED");
            List<String> order = new ArrayList<>(List.of(JobWrites.RUNNING));
            if (!isNew) {
                order.add(JobWrites.CANCELLED);
            }
            order.addAll(JobWrites.QUEUED);
            assertStartedInOrder(service, order);

            assertThat(service.stop()).as("exit code after SIGTERM").isIn(0, 143);
        }
    }

    /**
     * The single worker takes the jobs one by one: each must be the only RUNNING job while it trains (none is RUNNING
     * without the worker) and come in the order given; each is cancelled to let the next one start.
     */
    private static void assertStartedInOrder(ServiceProcess service, List<String> order) throws Exception {
        for (String expected : order) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
            while (true) {
                List<String> running = list(service.get("/jobs")).stream()
                        .filter(job -> "RUNNING".equals(job.get("status").asString()))
                        .map(job -> job.get("id").asString()).toList();
                assertThat(running).as("RUNNING jobs while %s is next; order %s", expected, order)
                        .isSubsetOf(expected);
                if (!running.isEmpty()) {
                    break;
                }
                assertThat(Instant.now()).as("%s has not started; log:%n%s", expected, service.logTail())
                        .isBefore(deadline);
                Thread.sleep(50);
            }
            service.post("/jobs/" + expected + "/cancel", Map.of(), 202);
            Instant stopped = Instant.now().plus(Duration.ofMinutes(1));
            while (!"CANCELLED".equals(service.get("/jobs/" + expected).get("status").asString())) {
                assertThat(Instant.now()).as("%s still not cancelled", expected).isBefore(stopped);
                Thread.sleep(50);
            }
        }
    }

    private static Optional<Path> modelFolder(Path home, String jobId) throws IOException {
        try (Stream<Path> folders = Files.list(home.resolve("models"))) {
            for (Path folder : folders.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                if (jobId.equals(JSON.readTree(folder.resolve("model.json").toFile()).get("jobId").asString())) {
                    return Optional.of(folder);
                }
            }
        }
        return Optional.empty();
    }

    /** Description and weights both there, the weights those saved and those described. */
    private static void assertWhole(Path folder, NewModel expected) throws IOException {
        JsonNode description = JSON.readTree(folder.resolve("model.json").toFile());
        Path weights = folder.resolve("weights.npz");
        assertThat(weights).as("weights of %s", folder.getFileName()).isRegularFile();
        assertThat(sha256(weights)).isEqualTo(description.get("weightsSha256").asString());
        double[] outputs = MultiLayerNet.of(expected.architecture(), expected.loss(), WeightsFile.read(weights))
                .predict(new double[][] {PROBE})[0];
        assertThat(outputs).containsExactly(outputs(expected), within(1e-6));
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static double[] outputs(NewModel model) {
        return MultiLayerNet.of(model.architecture(), model.loss(), model.weights()).predict(new double[][] {PROBE})[0];
    }

    private static double[] probe() {
        double[] pixels = new double[784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i * 37 % 256) / 255.0;
        }
        return pixels;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** The test's class path: failsafe hands the real one over in a property, its own is a manifest jar. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static double[] doubles(JsonNode array) {
        return list(array).stream().mapToDouble(JsonNode::asDouble).toArray();
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
