package dev.scratchnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The journey of issue 5 as a user runs it: the packaged jar started as the Docker image starts it, in its own
 * process on a fresh home; a model trained and asked for predictions; a second job killed with SIGKILL after its
 * first epochs; the service started again on the same home, where the job finishes and the earlier model, its
 * metrics and its predictions are unchanged.
 */
class ScratchnetProcessIT {

    private static final Path JAR = Path.of(System.getProperty("scratchnet.jar",
            "target/scratchnet-0.1.0-SNAPSHOT.jar"));
    private static final Path LOGS = Path.of("target", "process-it");
    private static final String API_KEY = "process-it-key";
    private static final Duration START = Duration.ofMinutes(2);
    private static final Duration TRAINING = Duration.ofMinutes(4);
    private static final int SAMPLES = 100;
    /** Of the job that is killed after its second epoch: enough that it is still running then. */
    private static final int EPOCHS = 8;

    @TempDir
    Path work;

    @Test
    void jobKilledMidwayFinishesAfterRestartAndEarlierModelStillPredicts() throws Exception {
        assertThat(JAR).as("the packaged jar; run through mvn verify").isRegularFile();
        ImageRecipe image = ImageRecipe.read(Path.of("Dockerfile"));
        assertThat(image.extractArguments()).containsExactly("extract", "--layers", "--launcher");
        Path app = image.install(JAR, Files.createDirectories(work.resolve("app")), Path.of(""));
        Path home = work.resolve("home");
        int port = freePort();
        Map<String, String> overrides = Map.of("SCRATCHNET_HOME", home.toString(), "SERVER_PORT",
                String.valueOf(port), "SCRATCHNET_API_KEY", API_KEY);
        Files.createDirectories(LOGS);
        Files.deleteIfExists(LOGS.resolve("first-run.log"));
        Files.deleteIfExists(LOGS.resolve("second-run.log"));

        Digits digits = Digits.firstTestImages(SAMPLES);
        JsonNode firstJob;
        JsonNode firstModel;
        JsonNode firstPredictions;
        String pngLabel;
        String killedJobId;
        List<JsonNode> epochsBeforeKill;
        try (ServiceProcess first = ServiceProcess.start(image, app, overrides, API_KEY, port,
                LOGS.resolve("first-run.log"))) {
            first.awaitHealthy(START);

            String id = first.post("/jobs", Map.of("dataset", "mnist", "hiddenSizes", List.of(50), "trainLimit",
                    3000, "epochs", 2, "seed", 1, "activation", "relu", "optimizer", "adam", "learningRate", 0.001),
                    202).get("id").asString();
            firstJob = await(first, id, job -> "SUCCEEDED".equals(job.get("status").asString()), TRAINING);
            String modelId = firstJob.get("modelId").asString();
            firstModel = first.get("/models/" + modelId);
            firstPredictions = first.post("/predict?model=" + modelId, Map.of("inputs", digits.inputs()), 200);
            assertThat(accuracy(firstPredictions, digits.labels())).as("accuracy on %d test digits", SAMPLES)
                    .isGreaterThan(0.6);
            pngLabel = first.post("/predict?model=" + modelId, digits.png(0), "image/png")
                    .get("predictions").get(0).get("label").asString();

            killedJobId = first.post("/jobs", Map.of("dataset", "mnist", "hiddenSizes", List.of(100), "trainLimit",
                    20000, "epochs", EPOCHS, "seed", 42), 202).get("id").asString();
            JsonNode running = await(first, killedJobId, job -> job.get("epochs").size() >= 2, TRAINING);
            first.kill();
            assertThat(first.isAlive()).isFalse();
            assertThat(running.get("status").asString()).as("killed mid-job").isEqualTo("RUNNING");
            epochsBeforeKill = list(running.get("epochs"));
            assertThat(epochsBeforeKill.size()).isLessThan(EPOCHS);
        }

        try (ServiceProcess second = ServiceProcess.start(image, app, overrides, API_KEY, port,
                LOGS.resolve("second-run.log"))) {
            second.awaitHealthy(START);

            JsonNode resumed = await(second, killedJobId, job -> isEnded(job), TRAINING);
            assertThat(resumed.get("status").asString()).as(second.logTail()).isEqualTo("SUCCEEDED");
            List<JsonNode> epochs = list(resumed.get("epochs"));
            assertThat(epochs).extracting(epoch -> epoch.get("epoch").asInt())
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, EPOCHS).boxed().toList());
            assertThat(epochs.subList(0, epochsBeforeKill.size())).as("epochs finished before the kill")
                    .isEqualTo(epochsBeforeKill);
            String resumedModel = resumed.get("modelId").asString();

            String modelId = firstModel.get("id").asString();
            assertThat(second.get("/jobs/" + firstJob.get("id").asString()).get("epochs"))
                    .isEqualTo(firstJob.get("epochs"));
            assertThat(second.get("/models/" + modelId).get("metrics")).isEqualTo(firstModel.get("metrics"));
            assertThat(list(second.get("/models"))).extracting(model -> model.get("id").asString())
                    .contains(modelId, resumedModel);
            assertSamePredictions(second.post("/predict?model=" + modelId, Map.of("inputs", digits.inputs()), 200),
                    firstPredictions);
            assertThat(second.post("/predict?model=" + modelId, digits.png(0), "image/png")
                    .get("predictions").get(0).get("label").asString()).isEqualTo(pngLabel);

            assertThat(second.stop()).as("exit code after SIGTERM").isIn(0, 143);
        }
    }

    @Test
    void jobRunningAtSigtermStaysResumableAndFinishesAfterRestart() throws Exception {
        assertThat(JAR).as("the packaged jar; run through mvn verify").isRegularFile();
        ImageRecipe image = ImageRecipe.read(Path.of("Dockerfile"));
        Path app = image.install(JAR, Files.createDirectories(work.resolve("app")), Path.of(""));
        int port = freePort();
        Map<String, String> overrides = Map.of("SCRATCHNET_HOME", work.resolve("home").toString(), "SERVER_PORT",
                String.valueOf(port), "SCRATCHNET_API_KEY", API_KEY);
        Files.createDirectories(LOGS);
        String jobId;
        List<JsonNode> epochsBeforeStop;
        try (ServiceProcess first = ServiceProcess.start(image, app, overrides, API_KEY, port,
                LOGS.resolve("sigterm-first-run.log"))) {
            first.awaitHealthy(START);
            // All 60,000 images: several seconds of epochs, so the job is surely still running at the stop.
            jobId = first.post("/jobs", Map.of("dataset", "mnist", "epochs", EPOCHS, "seed", 7), 202).get("id")
                    .asString();
            await(first, jobId, job -> job.get("epochs").size() >= 1, TRAINING);

            // What docker stop sends: the running job stops between iterations and is kept to resume, not failed.
            assertThat(first.stop()).as("exit code after SIGTERM (-1: still running after 60 s)").isIn(0, 143);
        }

        try (ServiceProcess second = ServiceProcess.start(image, app, overrides, API_KEY, port,
                LOGS.resolve("sigterm-second-run.log"))) {
            second.awaitHealthy(START);
            JsonNode afterRestart = second.get("/jobs/" + jobId);
            assertThat(afterRestart.get("status").asString()).as("after a graceful stop").isIn("QUEUED", "RUNNING");
            epochsBeforeStop = list(afterRestart.get("epochs"));

            JsonNode finished = await(second, jobId, job -> isEnded(job), TRAINING);

            assertThat(finished.get("status").asString()).as(second.logTail()).isEqualTo("SUCCEEDED");
            List<JsonNode> epochs = list(finished.get("epochs"));
            assertThat(epochs).hasSize(EPOCHS);
            assertThat(epochs.subList(0, epochsBeforeStop.size())).isEqualTo(epochsBeforeStop);
            assertThat(second.stop()).isIn(0, 143);
        }
    }

    private static JsonNode await(ServiceProcess service, String jobId, Predicate<JsonNode> condition,
            Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode job = service.get("/jobs/" + jobId);
        while (!condition.test(job)) {
            if (isEnded(job) || Instant.now().isAfter(deadline)) {
                throw new AssertionError("job " + jobId + " is " + job + "; log:\n" + service.logTail());
            }
            Thread.sleep(50);
            job = service.get("/jobs/" + jobId);
        }
        return job;
    }

    /** Same labels, and probabilities equal up to the precision the weights are stored with. */
    private static void assertSamePredictions(JsonNode actual, JsonNode expected) {
        List<JsonNode> now = list(actual.get("predictions"));
        List<JsonNode> before = list(expected.get("predictions"));
        assertThat(now).hasSameSizeAs(before);
        for (int i = 0; i < now.size(); i++) {
            assertThat(now.get(i).get("label")).as("label of digit %d", i).isEqualTo(before.get(i).get("label"));
            double[] probabilities = doubles(now.get(i).get("probabilities"));
            assertThat(probabilities).as("probabilities of digit %d", i)
                    .containsExactly(doubles(before.get(i).get("probabilities")), within(1e-6));
        }
    }

    private static double[] doubles(JsonNode array) {
        return list(array).stream().mapToDouble(JsonNode::asDouble).toArray();
    }

    private static boolean isEnded(JsonNode job) {
        return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(job.get("status").asString());
    }

    private static double accuracy(JsonNode predictions, int[] labels) {
        List<JsonNode> rows = list(predictions.get("predictions"));
        long right = 0;
        for (int i = 0; i < rows.size(); i++) {
            right += rows.get(i).get("label").asInt() == labels[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The first MNIST test images, read from the built-in dataset's IDX files. */
    private record Digits(List<double[]> inputs, int[] labels, List<byte[]> pixels) {

        static Digits firstTestImages(int count) throws IOException {
            byte[] images = read("/datasets/mnist/t10k-images-idx3-ubyte.gz", 16, count * 784);
            byte[] labelBytes = read("/datasets/mnist/t10k-labels-idx1-ubyte.gz", 8, count);
            List<double[]> inputs = new ArrayList<>();
            List<byte[]> pixels = new ArrayList<>();
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                double[] input = new double[784];
                byte[] image = new byte[784];
                for (int p = 0; p < 784; p++) {
                    image[p] = images[i * 784 + p];
                    input[p] = (images[i * 784 + p] & 0xff) / 255.0;
                }
                inputs.add(input);
                pixels.add(image);
                labels[i] = labelBytes[i];
            }
            return new Digits(inputs, labels, pixels);
        }

        byte[] png(int index) throws IOException {
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setDataElements(0, 0, 28, 28, pixels.get(index));
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        }

        private static byte[] read(String resource, int header, int length) throws IOException {
            try (InputStream in = new GZIPInputStream(Digits.class.getResourceAsStream(resource));
                    DataInputStream data = new DataInputStream(in)) {
                data.skipNBytes(header);
                byte[] bytes = new byte[length];
                data.readFully(bytes);
                return bytes;
            }
        }
    }
}
