package dev.scratchnet.dataset;

import static dev.scratchnet.ServiceClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import dev.scratchnet.ServiceClient;
import dev.scratchnet.ServiceHome;
import dev.scratchnet.engine.RandomState;

/** A dataset a user brings, or one Debian installs, trained on through the API and predicted from raw values. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ServiceHome.Fresh
class DatasetTrainingJourneyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @LocalServerPort
    int port;

    @Test
    void uploadedCsvTrainsAndPredictsFromRawFeatureValues() throws Exception {
        ServiceClient service = new ServiceClient(port);
        HttpCheck.status(service.post("/datasets", new ServiceClient.Form().field("name", "gauges")
                .field("label", "state").field("testFraction", "0.25").field("seed", "3")
                .file("file", "gauges.csv", "text/csv", gaugesCsv().getBytes(StandardCharsets.UTF_8))), 201);

        String id = json(HttpCheck.status(service.postJson("/jobs", """
                {"dataset": "gauges", "hiddenSizes": [8], "activation": "tanh", "optimizer": "adam",
                 "learningRate": 0.05, "batchSize": 16, "epochs": 40, "sampling": "shuffle", "seed": 1}"""), 202))
                .get("id").asString();
        JsonNode job = service.awaitJobEnd(id, PATIENCE);

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("epochs").get(39).get("testAccuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
        // Raw values in the CSV's own units: the model standardises them with the training split's statistics.
        JsonNode prediction = json(HttpCheck.status(service.postJson("/predict?model=" + job.get("modelId")
                .asString(), "{\"input\": [1500.0, 0.02, 71.0, -40.0]}"), 200)).get("predictions").get(0);
        assertThat(prediction.get("className").asString()).isEqualTo("overheated");
    }

    @Test
    void fashionMnistFromDebianTrainsThroughTheApi() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
                "needs Debian's dataset-fashion-mnist (installed by .ci/run)");
        ServiceClient service = new ServiceClient(port);
        JsonNode info = json(HttpCheck.status(service.get("/datasets/fashion-mnist"), 200));
        assertThat(info.get("trainSize").asInt()).isEqualTo(60_000);
        assertThat(info.get("testSize").asInt()).isEqualTo(10_000);

        // The book's sigmoid with N(0, 0.01²) weights starts slowly; ReLU, He and Adam learn within a few hundred steps.
        String id = json(HttpCheck.status(service.postJson("/jobs", """
                {"dataset": "fashion-mnist", "activation": "relu", "weightInit": "he", "optimizer": "adam",
                 "learningRate": 0.001, "trainLimit": 5000, "epochs": 2, "seed": 1}"""), 202)).get("id").asString();
        JsonNode job = service.awaitJobEnd(id, PATIENCE);

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("epochs")).hasSize(2);
        assertThat(job.get("epochs").get(1).get("testAccuracy").asDouble()).isGreaterThan(0.5);
    }

    /**
     * Readings of a machine in three states, on scales a thousand times apart (rpm, a fraction, °C, a signed
     * offset), so that training only works if the features are standardised.
     */
    private static String gaugesCsv() {
        RandomState random = new RandomState(9);
        StringBuilder csv = new StringBuilder("rpm,vibration,state,temperature,offset\n");
        String[] states = {"idle", "running", "overheated"};
        double[][] centres = {{0, 0.001, 20, 0}, {1500, 0.01, 45, 10}, {1500, 0.02, 70, -40}};
        double[] spread = {100, 0.002, 4, 5};
        for (int row = 0; row < 120; row++) {
            int state = row % 3;
            double[] value = new double[4];
            for (int f = 0; f < 4; f++) {
                value[f] = centres[state][f] + spread[f] * random.nextGaussian();
            }
            csv.append(String.format(Locale.ROOT, "%.3f,%.5f,%s,%.2f,%.2f%n", value[0], value[1], states[state],
                    value[2], value[3]));
        }
        return csv.toString();
    }


    /** Asserts a response's status, showing its body when it differs. */
    private static final class HttpCheck {

        static java.net.http.HttpResponse<String> status(java.net.http.HttpResponse<String> response, int status) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
            return response;
        }
    }
}
