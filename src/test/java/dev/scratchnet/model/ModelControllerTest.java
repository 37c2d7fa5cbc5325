package dev.scratchnet.model;

import static dev.scratchnet.ServiceClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import dev.scratchnet.ServiceClient;
import dev.scratchnet.ServiceClient.Form;
import dev.scratchnet.ServiceHome;
import dev.scratchnet.dataset.DatasetCatalog;
import dev.scratchnet.dataset.DownloadProgress;
import dev.scratchnet.engine.Weights;
import dev.scratchnet.engine.npz.WeightsFile;

/** {@code /models} over real HTTP: listing, download and re-upload of weights, evaluation, and refused uploads. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ServiceHome.Fresh
class ModelControllerTest {

    /** The book's trained network: read from ../shared, never copied into the repository. */
    static final Path SAMPLE_WEIGHTS = Path.of("../shared/reference/sample_weight.npz");
    private static final String PROBLEM_JSON = "application/problem+json";

    @DynamicPropertySource
    static void catalogEntryWithoutFiles(DynamicPropertyRegistry registry) {
        // A catalogued dataset whose files are nowhere: using it would mean a download, from a port that refuses.
        registry.add("scratchnet.datasets.catalog.kmnist.class-names", () -> "o,ki,su,tsu,na,ha,ma,ya,re,wo");
        registry.add("scratchnet.datasets.catalog.kmnist.mirrors", () -> "http://127.0.0.1:9/kmnist/");
        for (String file : List.of("train-images", "train-labels", "test-images", "test-labels")) {
            registry.add("scratchnet.datasets.catalog.kmnist.files." + file + ".sha256", () -> "ab".repeat(32));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ModelRegistry registry;

    @Autowired
    DatasetCatalog catalog;

    ServiceClient client;

    @BeforeEach
    void client() {
        client = new ServiceClient(port);
    }

    @Test
    void modelsAreListedNewestFirstDescribedAndDeleted() {
        SavedModel first = registry.publish(TestModels.untrainedMnist(1));
        SavedModel second = registry.publish(TestModels.trainedMnist());

        JsonNode list = json(client.get("/models"));
        List<String> ids = list.findValuesAsString("id");
        assertThat(ids.indexOf(second.id())).isLessThan(ids.indexOf(first.id())).isZero();
        JsonNode described = json(client.get("/models/" + second.id()));
        assertThat(described.get("architecture").toString())
                .isEqualTo("{\"sizes\":[784,64,10],\"activation\":\"relu\",\"outputActivation\":\"softmax\"}");
        assertThat(described.get("loss").asString()).isEqualTo("cross_entropy");
        assertThat(described.get("dataset").asString()).isEqualTo("mnist");
        assertThat(described.get("inputs").asString()).isEqualTo("pixels");
        assertThat(described.get("jobId").asString()).isEqualTo("job-test");
        assertThat(described.get("metrics").get("testAccuracy").asDouble()).isGreaterThan(0.8);
        assertThat(described.get("sizeBytes").asLong()).isEqualTo(second.sizeBytes()).isPositive();
        assertThat(described.get("createdAt").asString()).isNotBlank();
        assertThat(described.get("classNames")).hasSize(10);
        assertThat(described.get("latest").asBoolean()).isTrue();
        assertThat(json(client.get("/models/latest")).get("id").asString()).isEqualTo(second.id());

        assertThat(client.delete("/models/" + second.id()).statusCode()).isEqualTo(204);

        assertThat(json(client.get("/models/latest")).get("id").asString()).isEqualTo(first.id());
        HttpResponse<String> gone = client.get("/models/" + second.id());
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        assertThat(json(gone).get("detail").asString()).contains(second.id());
        assertThat(client.delete("/models/" + second.id()).statusCode()).isEqualTo(404);
    }

    @Test
    void exportedWeightsReimportToTheSamePredictions() throws Exception {
        SavedModel original = registry.publish(TestModels.trainedMnist());

        HttpResponse<byte[]> download = client.getBytes("/models/" + original.id() + "/weights");

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"" + original.id() + ".npz\"");
        Weights weights = WeightsFile.read(new ByteArrayInputStream(download.body()));
        assertThat(weights.sizes()).containsExactly(784, 64, 10);

        HttpResponse<String> upload = client.post("/models", new Form()
                .file("weights", original.id() + ".npz", "application/octet-stream", download.body())
                .field("activation", "relu").field("outputActivation", "softmax").field("dataset", "mnist"));

        assertThat(upload.statusCode()).isEqualTo(201);
        String copy = json(upload).get("id").asString();
        assertThat(upload.headers().firstValue("Location")).hasValue("/models/" + copy);
        String body = TestModels.testImagesJson(0, 20);
        JsonNode before = json(client.postJson("/predict?model=" + original.id(), body)).get("predictions");
        JsonNode after = json(client.postJson("/predict?model=" + copy, body)).get("predictions");
        assertThat(after).hasSize(20).isEqualTo(before);
    }

    @Test
    void booksSampleWeightsEvaluateToExactly09352OnMnist() throws Exception {
        assumeTrue(Files.exists(SAMPLE_WEIGHTS), "needs ../shared/reference/sample_weight.npz");
        HttpResponse<String> upload = client.post("/models", new Form()
                .file("weights", "sample_weight.npz", "application/octet-stream", Files.readAllBytes(SAMPLE_WEIGHTS))
                .field("activation", "sigmoid").field("outputActivation", "softmax"));
        assertThat(upload.statusCode()).isEqualTo(201);
        String id = json(upload).get("id").asString();

        HttpResponse<String> response = client.postJson("/models/" + id + "/evaluate",
                "{\"dataset\": \"mnist\", \"split\": \"test\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode evaluation = json(response);
        assertThat(evaluation.get("accuracy").asDouble()).isEqualTo(0.9352);
        assertThat(evaluation.get("samples").asInt()).isEqualTo(10_000);
        assertThat(evaluation.get("loss").asDouble()).isBetween(0.0, 1.0);
        JsonNode matrix = evaluation.get("confusionMatrix");
        assertThat(matrix).hasSize(10);
        int total = 0;
        int diagonal = 0;
        for (int t = 0; t < 10; t++) {
            assertThat(matrix.get(t)).hasSize(10);
            for (int p = 0; p < 10; p++) {
                total += matrix.get(t).get(p).asInt();
            }
            diagonal += matrix.get(t).get(t).asInt();
            JsonNode perClass = evaluation.get("perClass").get(t);
            assertThat(perClass.get("correct").asInt()).isEqualTo(matrix.get(t).get(t).asInt());
        }
        assertThat(total).isEqualTo(10_000);
        assertThat(diagonal).isEqualTo(9_352);
    }

    @Test
    void evaluationDefaultsToTheModelsOwnDatasetAndTestSplit() {
        SavedModel model = registry.publish(TestModels.trainedMnist());

        JsonNode evaluation = json(client.postJson("/models/" + model.id() + "/evaluate", "{}"));

        assertThat(evaluation.get("dataset").asString()).isEqualTo("mnist");
        assertThat(evaluation.get("split").asString()).isEqualTo("test");
        assertThat(evaluation.get("accuracy").asDouble()).isEqualTo(model.metrics().testAccuracy());
    }

    @Test
    void evaluationRefusalsNameTheField() {
        SavedModel model = registry.publish(TestModels.untrainedMnist(3));
        String path = "/models/" + model.id() + "/evaluate";
        List<List<String>> cases = List.of(
                List.of("{\"split\": \"validation\"}", "split"),
                List.of("{\"dataset\": \"nope\"}", "dataset"),
                List.of("{\"dataset\": \"xor\"}", "dataset"),
                List.of("{\"dataset\": \"mnist\", \"splits\": \"test\"}", "splits"),
                List.of("{\"dataset\": 7}", "dataset"));
        for (List<String> bodyAndField : cases) {
            assertProblem(client.postJson(path, bodyAndField.get(0)), 400, bodyAndField.get(1));
        }
        assertThat(client.postJson("/models/nope/evaluate", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void datasetThatWouldNeedADownloadIsAConflictAndNothingIsFetched() {
        SavedModel model = registry.publish(TestModels.untrainedMnist(5));
        byte[] good = Npz.zip("W1.npy", Npz.npy("(784, 1)", new double[784]), "b1.npy", Npz.npy("(1,)", 0));

        HttpResponse<String> evaluated = client.postJson("/models/" + model.id() + "/evaluate",
                "{\"dataset\": \"kmnist\"}");
        HttpResponse<String> uploaded = client.post("/models", upload(good).field("dataset", "kmnist"));

        assertProblem(evaluated, 409, "dataset");
        assertThat(json(evaluated).get("detail").asString()).contains("kmnist").contains("POST /jobs");
        assertProblem(uploaded, 409, "dataset");
        assertThat(catalog.info("kmnist").download().state()).isEqualTo(DownloadProgress.State.NOT_STARTED);
    }

    @Test
    void hostileOrMismatchedUploadsAreRefusedAndTheServedModelStays() {
        SavedModel served = registry.publish(TestModels.untrainedMnist(4));
        byte[] w1 = Npz.npy("(2, 3)", 1, 2, 3, 4, 5, 6);
        byte[] b1 = Npz.npy("(3,)", 0, 0, 0);
        byte[] w2 = Npz.npy("(3, 2)", 1, 2, 3, 4, 5, 6);
        byte[] b2 = Npz.npy("(2,)", 0, 0);
        byte[] good = Npz.zip("W1.npy", w1, "b1.npy", b1, "W2.npy", w2, "b2.npy", b2);
        List<Refusal> refusals = List.of(
                new Refusal("entry named ../W1.npy", "weights", upload(Npz.zip("../W1.npy", w1, "b1.npy", b1))),
                new Refusal("zip bomb", "weights", upload(bomb())),
                new Refusal("NaN weight", "weights", upload(Npz.zip("W1.npy",
                        Npz.npy("(2, 3)", 1, Double.NaN, 3, 4, 5, 6), "b1.npy", b1))),
                new Refusal("W2 does not follow W1", "weights", upload(Npz.zip("W1.npy", w1, "b1.npy", b1,
                        "W2.npy", Npz.npy("(4, 2)", 1, 2, 3, 4, 5, 6, 7, 8), "b2.npy", b2))),
                new Refusal("not a zip", "weights", upload("this is no zip".getBytes())),
                new Refusal("no activation", "activation", form(good).field("outputActivation", "softmax")),
                new Refusal("softmax between layers", "activation",
                        form(good).field("activation", "softmax").field("outputActivation", "softmax")),
                new Refusal("unknown output activation", "outputActivation",
                        form(good).field("activation", "relu").field("outputActivation", "gelu")),
                new Refusal("unknown loss", "loss", upload(good).field("loss", "hinge")),
                new Refusal("3 names for 2 outputs", "classNames", upload(good).field("classNames", "a,b,c")),
                new Refusal("unknown dataset", "dataset", upload(good).field("dataset", "nope")),
                new Refusal("2 inputs for mnist", "weights", upload(good).field("dataset", "mnist")));

        for (Refusal refusal : refusals) {
            HttpResponse<String> response = client.post("/models", refusal.form());
            assertThat(response.statusCode()).as(refusal.description()).isBetween(400, 499);
            assertThat(response.headers().firstValue("Content-Type")).as(refusal.description())
                    .hasValue(PROBLEM_JSON);
            assertThat(json(response).get("errors").get(0).get("field").asString()).as(refusal.description())
                    .isEqualTo(refusal.field());
        }

        assertThat(registry.latest().orElseThrow().model()).isEqualTo(served);
        assertThat(client.post("/models", upload(good)).statusCode()).isEqualTo(201);
    }

    /** An upload that must be refused, and the form field the refusal must name. */
    private record Refusal(String description, String field, Form form) {
    }

    @Test
    void latestIsThe404ThatSaysHowToTrainWhenEveryModelIsDeleted() {
        registry.list().forEach(model -> registry.delete(model.id()));

        HttpResponse<String> response = client.get("/models/latest");

        assertProblem(response, 404, null);
        assertThat(json(response).get("detail").asString()).contains("POST /jobs").contains("POST /models");
    }

    private static Form upload(byte[] npz) {
        return form(npz).field("activation", "sigmoid").field("outputActivation", "softmax");
    }

    private static Form form(byte[] npz) {
        return new Form().file("weights", "w.npz", "application/octet-stream", npz);
    }

    /** W1 declared 2×3 but followed by 64 MiB of zeros, which deflate to about 64 KiB. */
    private static byte[] bomb() {
        byte[] header = Npz.npy("(2, 3)", 1, 2, 3, 4, 5, 6);
        byte[] inflated = Arrays.copyOf(header, header.length + (64 << 20));
        return Npz.deflatedZip("W1.npy", inflated, "b1.npy", Npz.npy("(3,)", 0, 0, 0));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        if (field != null) {
            assertThat(json(response).get("errors").get(0).get("field").asString()).as(response.body())
                    .isEqualTo(field);
        }
    }
}
