package dev.scratchnet.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.scratchnet.ScratchnetApplication;
import dev.scratchnet.ServiceClient;
import dev.scratchnet.engine.Weights;
import dev.scratchnet.engine.npz.WeightsFile;
import dev.scratchnet.model.ModelRegistry;

/**
 * The service stopped while a seeded job trains (closing the context is what SIGTERM's shutdown hook does) and
 * started again on the same home: the job resumes from its checkpoint, and damaged files never stop the start.
 */
class JobRestartTest {

    private static final int EPOCHS = 20;
    private static final String SEEDED = "{\"trainLimit\":1000,\"epochs\":" + EPOCHS + ",\"optimizer\":\"momentum\","
            + "\"learningRate\":0.05,\"sampling\":\"shuffle\",\"seed\":314159}";

    @TempDir
    Path home;

    @Test
    void jobRunningAtShutdownResumesAtTheNextStartWithTheWeightsOfAnUninterruptedRun() throws Exception {
        String id = interruptAfterFirstEpoch();

        try (ConfigurableApplicationContext second = start()) {
            JobApi api = new JobApi(port(second));
            JsonNode resumed = api.awaitStatus(id, "SUCCEEDED");
            JsonNode uninterrupted = api.awaitStatus(api.submit(SEEDED), "SUCCEEDED");

            assertThat(epochNumbers(resumed)).containsExactlyElementsOf(IntStream.rangeClosed(1, EPOCHS).boxed()
                    .toList());
            ModelRegistry models = second.getBean(ModelRegistry.class);
            JobFixture.assertSameBits(weights(models, resumed), weights(models, uninterrupted));
        }
    }

    @Test
    void damagedRecordsCheckpointsAndStrayFilesAreSkippedOrRestartedAndNeverStopTheService() throws Exception {
        String id = interruptAfterFirstEpoch();
        Path checkpoint = home.resolve("jobs").resolve(id).resolve(JobStore.CHECKPOINT);
        byte[] bytes = Files.readAllBytes(checkpoint);
        Files.write(checkpoint, Arrays.copyOf(bytes, bytes.length - 9));
        byte[] record = Files.readAllBytes(home.resolve("jobs").resolve(id).resolve(JobStore.RECORD));
        Files.createDirectories(home.resolve("jobs/j999-torn"));
        Files.write(home.resolve("jobs/j999-torn").resolve(JobStore.RECORD), Arrays.copyOf(record, record.length / 3));
        Files.createDirectories(home.resolve("jobs/j998-empty"));
        // Stray files where folders are expected: somebody's notes, an editor's backup.
        Files.writeString(home.resolve("jobs/notes.txt"), "not a job");
        Files.createDirectories(home.resolve("models"));
        Files.write(home.resolve("models/weights.npz~"), new byte[] {1, 2, 3});

        try (ConfigurableApplicationContext second = start()) {
            JobApi api = new JobApi(port(second));
            JsonNode restarted = api.awaitStatus(id, "SUCCEEDED");

            assertThat(epochNumbers(restarted)).containsExactlyElementsOf(IntStream.rangeClosed(1, EPOCHS).boxed()
                    .toList());
            assertThat(StreamSupport.stream(ServiceClient.json(api.http.get("/jobs")).spliterator(), false)
                    .map(job -> job.get("id").asString())).containsExactly(id);
            assertThat(api.http.get("/jobs/j999-torn").statusCode()).isEqualTo(404);
            assertThat(ServiceClient.json(api.http.get("/models")).size()).as("the job's model, not the stray file")
                    .isEqualTo(1);
        }
    }

    /** Starts the service, lets the seeded job finish an epoch, stops the service; returns the job's id. */
    private String interruptAfterFirstEpoch() throws Exception {
        String id;
        try (ConfigurableApplicationContext first = start()) {
            JobApi api = new JobApi(port(first));
            id = api.submit(SEEDED);
            api.await(id, job -> job.get("epochs").size() >= 1);
        }
        JsonNode saved = JsonMapper.shared().readTree(home.resolve("jobs").resolve(id).resolve(JobStore.RECORD));
        assertThat(saved.get("status").asString()).isEqualTo("RUNNING");
        assertThat(saved.get("epochs").size()).as("the stop must come before the job ends").isBetween(1, EPOCHS - 1);
        assertThat(home.resolve("jobs").resolve(id).resolve(JobStore.CHECKPOINT)).exists();
        return id;
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ScratchnetApplication.class)
                .run("--server.port=0", "--scratchnet.home=" + home, "--spring.jmx.enabled=false");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static List<Integer> epochNumbers(JsonNode job) {
        return StreamSupport.stream(job.get("epochs").spliterator(), false).map(e -> e.get("epoch").asInt())
                .toList();
    }

    private static Weights weights(ModelRegistry models, JsonNode job) throws IOException {
        return WeightsFile.read(models.weightsFile(job.get("modelId").asString()));
    }
}
