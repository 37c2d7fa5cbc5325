package dev.scratchnet.storage;

import static dev.scratchnet.ServiceClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import dev.scratchnet.ServiceClient;
import dev.scratchnet.ServiceHome;
import dev.scratchnet.engine.npz.WeightsFile;
import dev.scratchnet.model.ModelRegistry;
import dev.scratchnet.model.SavedModel;
import dev.scratchnet.model.TestModels;

/**
 * A service whose disk counts as full (a free-space floor larger than any disk) over real HTTP: uploads are 507s
 * that say so without paths, a job fails naming the epoch it could not save, and the model registered before keeps
 * answering predictions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ServiceHome.Fresh
class DiskFullTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private static final Path home = ServiceHome.of(DiskFullTest.class);

    /** Registered while the disk still had room, before the service started. */
    private static SavedModel served;

    @DynamicPropertySource
    static void fullDisk(DynamicPropertyRegistry registry) {
        served = new ModelRegistry(new ScratchnetHome(home)).publish(TestModels.untrainedMnist(7));
        registry.add("scratchnet.storage.min-free-space", () -> "1000000TB");
    }

    @LocalServerPort
    int port;

    @Test
    void datasetUploadIsInsufficientStorageWithoutPaths() throws IOException {
        HttpResponse<String> response = new ServiceClient(port).post("/datasets", new ServiceClient.Form()
                .field("name", "pairs").field("label", "y")
                .file("file", "pairs.csv", "text/csv", "x,y\n1,0\n2,1\n3,0\n4,1\n".getBytes(StandardCharsets.UTF_8)));

        assertInsufficientStorage(response);
        assertThat(home.resolve("datasets/uploaded/pairs")).doesNotExist();
        assertThat(json(new ServiceClient(port).get("/datasets")).findValuesAsString("name")).doesNotContain("pairs");
    }

    @Test
    void modelUploadIsInsufficientStorageAndTheServedModelStays() throws IOException {
        ByteArrayOutputStream npz = new ByteArrayOutputStream();
        WeightsFile.write(TestModels.untrainedMnist(8).weights(), npz);

        HttpResponse<String> response = new ServiceClient(port).post("/models", new ServiceClient.Form()
                .file("weights", "other.npz", "application/octet-stream", npz.toByteArray())
                .field("activation", "sigmoid").field("outputActivation", "softmax").field("dataset", "mnist"));

        assertInsufficientStorage(response);
        assertThat(json(new ServiceClient(port).get("/models/latest")).get("id").asString()).isEqualTo(served.id());
        try (Stream<Path> models = Files.list(home.resolve("models"))) {
            assertThat(models.map(path -> path.getFileName().toString())).containsExactly(served.id());
        }
    }

    @Test
    void jobFailsNamingTheEpochAndPredictionsGoOnFromTheServedModel() throws InterruptedException {
        ServiceClient service = new ServiceClient(port);
        HttpResponse<String> submitted = service.postJson("/jobs",
                "{\"dataset\": \"xor\", \"hiddenSizes\": [4], \"batchSize\": 4, \"epochs\": 3, \"seed\": 1}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);

        JsonNode job = service.awaitJobEnd(json(submitted).get("id").asString(), PATIENCE);

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("FAILED");
        assertThat(job.get("error").asString())
                .startsWith("Epoch 1 could not be saved: the server's storage is full")
                .contains("scratchnet.storage.min-free-space")
                .doesNotContain(home.toString());
        assertThat(job.path("modelId").isNull() || job.path("modelId").isMissingNode()).as(job.toString()).isTrue();

        HttpResponse<String> prediction = service.postJson("/predict",
                "{\"input\": " + TestModels.json(TestModels.testImage(0)) + "}");
        assertThat(prediction.statusCode()).as(prediction.body()).isEqualTo(200);
        assertThat(json(prediction).get("modelId").asString()).isEqualTo(served.id());
    }

    private static void assertInsufficientStorage(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(507);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(507);
        assertThat(problem.get("detail").asString()).startsWith("The server's storage is full")
                .contains("must stay free (scratchnet.storage.min-free-space)");
        assertThat(problem.get("minFreeBytes").asLong()).isEqualTo(1_000_000L * 1024 * 1024 * 1024 * 1024);
        assertThat(response.body()).doesNotContain(home.toString()).doesNotContain("Exception")
                .doesNotContain("dev.scratchnet");
    }

}
