package dev.scratchnet;

import static dev.scratchnet.ServiceClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every file the service writes stays inside its home or the JVM's temporary folder: the packaged jar runs in its
 * own process with an empty working directory, an empty {@code user.home}, its own {@code java.io.tmpdir} and its
 * own home, through a journey that uploads, trains, imports, predicts and deletes; afterwards the working directory
 * and {@code user.home} must still be empty and nothing may have appeared beside the four folders.
 */
class ScratchnetFootprintIT {

    private static final Path JAR = Path.of(System.getProperty("scratchnet.jar",
            "target/scratchnet-0.1.0-SNAPSHOT.jar"));
    private static final Path LOG = Path.of("target", "footprint-it", "service.log");
    private static final long START_NANOS = 120_000_000_000L;
    private static final Duration TRAINING = Duration.ofSeconds(180);

    @TempDir
    Path work;

    @Test
    void journeyWritesOnlyUnderHomeAndTemporaryFolder() throws Exception {
        assertThat(JAR).as("the packaged jar; run through mvn verify").isRegularFile();
        Path workingDirectory = Files.createDirectory(work.resolve("cwd"));
        Path userHome = Files.createDirectory(work.resolve("user-home"));
        Path temporary = Files.createDirectory(work.resolve("tmp"));
        Path home = work.resolve("home");
        int port = freePort();
        Files.createDirectories(LOG.getParent());
        Files.deleteIfExists(LOG);

        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + userHome, "-Djava.io.tmpdir=" + temporary,
                "--add-modules=jdk.incubator.vector", "-jar", JAR.toAbsolutePath().toString())
                .directory(workingDirectory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("SCRATCHNET_") || name.startsWith("SPRING_")
                || name.startsWith("SERVER_") || name.equals("JAVA_TOOL_OPTIONS") || name.equals("JDK_JAVA_OPTIONS"));
        builder.environment().put("SCRATCHNET_HOME", home.toString());
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        Process process = builder.start();
        try {
            ServiceClient service = new ServiceClient(port);
            awaitHealthy(service, process);
            journey(service, home);
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        assertThat(everything(workingDirectory)).as("written into the working directory").isEmpty();
        assertThat(everything(userHome)).as("written into user.home").isEmpty();
        try (Stream<Path> beside = Files.list(work)) {
            assertThat(beside.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("cwd", "user-home", "tmp", "home");
        }
    }

    private static void journey(ServiceClient service, Path home) throws InterruptedException {
        expect(service.post("/datasets", new ServiceClient.Form().field("name", "halves").field("label", "side")
                .field("seed", "1").file("file", "halves.csv", "text/csv", halvesCsv())), 201);

        String jobId = json(expect(service.postJson("/jobs", """
                {"dataset": "halves", "hiddenSizes": [4], "activation": "tanh", "optimizer": "adam",
                 "learningRate": 0.05, "batchSize": 8, "epochs": 2, "seed": 1}"""), 202)).get("id").asString();
        JsonNode job = service.awaitJobEnd(jobId, TRAINING);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        String trainedId = job.get("modelId").asString();
        assertThat(home.resolve("models").resolve(trainedId).resolve("weights.npz")).isRegularFile();

        HttpResponse<byte[]> weights = service.getBytes("/models/" + trainedId + "/weights");
        assertThat(weights.statusCode()).isEqualTo(200);
        String importedId = json(expect(service.post("/models", new ServiceClient.Form()
                .file("weights", "halves.npz", "application/octet-stream", weights.body())
                .field("activation", "tanh").field("outputActivation", "softmax").field("dataset", "halves")), 201))
                .get("id").asString();

        JsonNode prediction = json(expect(service.postJson("/predict", "{\"input\": [3.0, 0.5]}"), 200));
        assertThat(prediction.get("modelId").asString()).isEqualTo(importedId);
        assertThat(prediction.get("predictions").get(0).get("className").asString()).isEqualTo("right");

        expect(service.delete("/models/" + importedId), 204);
        expect(service.delete("/models/" + trainedId), 204);
        expect(service.delete("/jobs/" + jobId), 204);
        expect(service.delete("/datasets/halves"), 204);
    }

    /** Points left of x = 0 are "left", right of it "right": a tanh unit learns that in two epochs. */
    private static byte[] halvesCsv() {
        StringBuilder csv = new StringBuilder("x,y,side\n");
        for (int row = 0; row < 80; row++) {
            double x = (row % 2 == 0 ? -1 : 1) * (0.5 + (row % 7) * 0.4);
            double y = ((row * 37) % 11 - 5) * 0.2;
            csv.append(String.format(Locale.ROOT, "%.2f,%.2f,%s%n", x, y, x < 0 ? "left" : "right"));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + ": "
                + response.body()).isEqualTo(status);
        return response;
    }

    private static void awaitHealthy(ServiceClient service, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + START_NANOS;
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the service exited; see " + LOG).isTrue();
            try {
                if (service.get("/actuator/health").statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service was not healthy within 2 minutes; see " + LOG);
    }


    /** Every file and folder under {@code root}, so a failure lists what appeared. */
    private static List<String> everything(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            List<String> found = new ArrayList<>();
            paths.filter(path -> !path.equals(root)).forEach(path -> found.add(root.relativize(path).toString()));
            return found;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
