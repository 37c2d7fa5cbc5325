package dev.scratchnet.storage;

import static dev.scratchnet.ServiceClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import dev.scratchnet.ServiceClient;
import dev.scratchnet.ServiceHome;
import dev.scratchnet.dataset.FeatureScaling;
import dev.scratchnet.engine.Activation;
import dev.scratchnet.engine.Architecture;
import dev.scratchnet.engine.npz.WeightsFile;
import dev.scratchnet.model.ModelRegistry;
import dev.scratchnet.model.NewModel;
import dev.scratchnet.model.SavedModel;
import dev.scratchnet.model.TestModels;

/**
 * Quotas of uploaded datasets and models over real HTTP, set just above what was stored before the service started:
 * start-up counts those bytes, an upload past the quota is a 507 naming it and the bytes in use, a delete makes room,
 * and one upload over the per-request cap is still a 413.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ServiceHome.Fresh
class UploadQuotaTest {

    private static final Architecture SMALL = new Architecture(List.of(2, 3, 2), Activation.SIGMOID,
            Activation.SOFTMAX);
    /** 40 bytes: more than the room left beside the stored dataset, less than the whole quota. */
    private static final String PAIRS_CSV = "x,y\n10,0\n20,1\n30,0\n40,1\n50,0\n60,1\n700,0\n";

    private static final Path home = ServiceHome.of(UploadQuotaTest.class);

    private static SavedModel storedModel;
    private static long storedDatasetBytes;

    @DynamicPropertySource
    static void tinyQuotas(DynamicPropertyRegistry registry) throws IOException {
        storedModel = new ModelRegistry(new ScratchnetHome(home)).publish(small(1));
        storedDatasetBytes = storeDataset("stored");
        registry.add("scratchnet.limits.stored-models", () -> storedModel.sizeBytes() * 3 / 2 + "B");
        registry.add("scratchnet.limits.stored-datasets", () -> storedDatasetBytes + 30 + "B");
        registry.add("scratchnet.datasets.upload.max-bytes", () -> "4KB");
    }

    @LocalServerPort
    int port;

    @Test
    void datasetsPastTheirQuotaAre507UntilOneIsDeleted() {
        ServiceClient service = new ServiceClient(port);
        assertThat(PAIRS_CSV).hasSize(40);

        JsonNode refused = quotaRefusal(service.post("/datasets", csv("pairs")));
        assertThat(refused.get("detail").asString()).startsWith("Uploaded datasets may take ")
                .contains("(scratchnet.limits.stored-datasets); " + storedDatasetBytes + " bytes is in use");
        assertThat(refused.get("quota").asString()).isEqualTo("scratchnet.limits.stored-datasets");
        assertThat(refused.get("usedBytes").asLong()).isEqualTo(storedDatasetBytes);
        assertThat(refused.get("quotaBytes").asLong()).isEqualTo(storedDatasetBytes + 30);

        assertThat(service.delete("/datasets/stored").statusCode()).isEqualTo(204);
        HttpResponse<String> created = service.post("/datasets", csv("pairs"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        quotaRefusal(service.post("/datasets", csv("more")));

        HttpResponse<String> tooLarge = service.post("/datasets", new ServiceClient.Form().field("name", "huge")
                .field("label", "y").file("file", "huge.csv", "text/csv", new byte[8192]));
        assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);
    }

    @Test
    void modelsPastTheirQuotaAre507UntilOneIsDeleted() {
        ServiceClient service = new ServiceClient(port);

        JsonNode refused = quotaRefusal(service.post("/models", npz(small(2))));
        assertThat(refused.get("quota").asString()).isEqualTo("scratchnet.limits.stored-models");
        assertThat(refused.get("usedBytes").asLong()).isEqualTo(storedModel.sizeBytes());
        assertThat(json(service.get("/models")).findValuesAsString("id")).containsExactly(storedModel.id());

        assertThat(service.delete("/models/" + storedModel.id()).statusCode()).isEqualTo(204);
        HttpResponse<String> created = service.post("/models", npz(small(2)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("sizeBytes").asLong()).isEqualTo(storedModel.sizeBytes());
        quotaRefusal(service.post("/models", npz(small(3))));
    }

    private static JsonNode quotaRefusal(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(507);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain(home.toString());
        return json(response);
    }

    private static NewModel small(long seed) {
        return TestModels.untrained(SMALL, null, List.of("no", "yes"), FeatureScaling.identity(2), seed);
    }

    private static ServiceClient.Form csv(String name) {
        return new ServiceClient.Form().field("name", name).field("label", "y").field("testFraction", "0.25")
                .file("file", name + ".csv", "text/csv", PAIRS_CSV.getBytes(StandardCharsets.UTF_8));
    }

    private static ServiceClient.Form npz(NewModel model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            WeightsFile.write(model.weights(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceClient.Form().file("weights", "small.npz", "application/octet-stream", bytes.toByteArray())
                .field("activation", "sigmoid").field("outputActivation", "softmax").field("classNames", "no,yes");
    }

    /** An uploaded dataset as the service stores one: its CSV beside the manifest saying how to read it. */
    private static long storeDataset(String name) throws IOException {
        Path folder = Files.createDirectories(home.resolve("datasets/uploaded").resolve(name));
        Files.writeString(folder.resolve("file"), PAIRS_CSV);
        Files.writeString(folder.resolve("dataset.json"),
                "{\"format\":\"CSV\",\"label\":\"y\",\"testFraction\":0.25,\"seed\":0}");
        return Files.size(folder.resolve("file")) + Files.size(folder.resolve("dataset.json"));
    }
}
