package dev.scratchnet.inference;

import static dev.scratchnet.ServiceClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import dev.scratchnet.ServiceClient;
import dev.scratchnet.ServiceClient.Form;
import dev.scratchnet.ServiceHome;
import dev.scratchnet.dataset.FeatureScaling;
import dev.scratchnet.engine.Activation;
import dev.scratchnet.engine.Architecture;
import dev.scratchnet.engine.MultiLayerNet;
import dev.scratchnet.model.ModelRegistry;
import dev.scratchnet.model.SavedModel;
import dev.scratchnet.model.TestModels;

/** {@code POST /predict} over real HTTP with JSON inputs and with pictures, against a model trained on MNIST. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ServiceHome.Fresh
class PredictControllerTest {

    @LocalServerPort
    int port;

    @Autowired
    ModelRegistry registry;

    @Autowired
    MeterRegistry meters;

    ServiceClient client;
    SavedModel mnist;

    @BeforeEach
    void trainedModelIsTheLatest() {
        client = new ServiceClient(port);
        mnist = registry.publish(TestModels.trainedMnist());
    }

    @Test
    void singleAndBatchJsonMatchTheNetworkExactly() {
        MultiLayerNet network = registry.get(mnist.id()).orElseThrow().network();
        double[][] images = {TestModels.testImage(0), TestModels.testImage(1), TestModels.testImage(2)};

        JsonNode single = json(client.postJson("/predict", "{\"input\": " + TestModels.json(images[0]) + "}"));
        JsonNode batch = json(client.postJson("/predict", TestModels.testImagesJson(0, 3)));

        assertThat(single.get("modelId").asString()).isEqualTo(mnist.id());
        assertThat(single.get("predictions")).hasSize(1);
        assertThat(batch.get("predictions")).hasSize(3);
        double[][] expected = network.predict(images);
        for (int i = 0; i < 3; i++) {
            JsonNode prediction = batch.get("predictions").get(i);
            assertThat(probabilities(prediction)).containsExactly(expected[i]);
            assertThat(prediction.get("label").asInt()).isEqualTo(MultiLayerNet.predictedClass(expected[i]));
            assertThat(prediction.get("className").asString()).isEqualTo(prediction.get("label").asString());
        }
        assertThat(probabilities(single.get("predictions").get(0))).containsExactly(expected[0]);
        assertThat(meters.get("scratchnet.predictions").tag("model", mnist.id()).tag("outcome", "ok").counter()
                .count()).isEqualTo(2.0);
        assertThat(meters.get("scratchnet.prediction.latency").tag("model", mnist.id()).timer().count())
                .isEqualTo(2);
    }

    @Test
    void firstHundredTestImagesAgreeWithTheirLabelsAtTheModelsAccuracy() {
        JsonNode predictions = json(client.postJson("/predict", TestModels.testImagesJson(0, 100)))
                .get("predictions");

        long correct = IntStream.range(0, 100)
                .filter(i -> predictions.get(i).get("label").asInt() == TestModels.testLabel(i)).count();
        assertThat(correct / 100.0).isCloseTo(mnist.metrics().testAccuracy(), within(0.05));
    }

    @Test
    void batchOfTenThousandImagesIsAnsweredInOneRequest() {
        HttpResponse<String> response = client.postJson("/predict", TestModels.testImagesJson(0, 10_000));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode predictions = json(response).get("predictions");
        assertThat(predictions).hasSize(10_000);
        long correct = IntStream.range(0, 10_000)
                .filter(i -> predictions.get(i).get("label").asInt() == TestModels.testLabel(i)).count();
        assertThat(correct / 10_000.0).isEqualTo(mnist.metrics().testAccuracy());
    }

    @Test
    void picturesOfTestDigitsArePredictedAsTheirLabels() {
        int[] correct = new int[4];
        for (int index = 0; index < 10; index++) {
            double[] pixels = TestModels.testImage(index);
            String label = Integer.toString(TestModels.testLabel(index));
            byte[] png = DigitPictures.encode(DigitPictures.render(pixels, 200, false), "png");
            byte[] inkOnPaper = DigitPictures.encode(DigitPictures.render(pixels, 200, true), "png");
            byte[] jpeg = DigitPictures.encode(DigitPictures.rgb(DigitPictures.render(pixels, 150, true)), "jpeg");
            correct[0] += label(client.post("/predict", "image/png", png)).equals(label) ? 1 : 0;
            correct[1] += label(client.post("/predict", "image/png", inkOnPaper)).equals(label) ? 1 : 0;
            correct[2] += label(client.post("/predict", "image/jpeg", jpeg)).equals(label) ? 1 : 0;
            correct[3] += label(client.post("/predict", new Form().file("image", "digit.png", "image/png", png)))
                    .equals(label) ? 1 : 0;
        }
        assertThat(IntStream.of(correct).boxed().toList()).as("correct of 10: png, dark-on-light png, jpeg, form")
                .allMatch(count -> count >= 7);
    }

    @Test
    void largePicturesAreSubsampledAndStillPredictedAsTheirLabels() {
        int correct = 0;
        for (int index = 0; index < 5; index++) {
            byte[] png = DigitPictures.encode(DigitPictures.render(TestModels.testImage(index), 3000, true), "png");
            correct += label(client.post("/predict", "image/png", png))
                    .equals(Integer.toString(TestModels.testLabel(index))) ? 1 : 0;
        }
        assertThat(correct).as("correct of 5 pictures of 3000×3000").isGreaterThanOrEqualTo(4);
    }

    @Test
    void concurrentPredictionsDuringModelSwapsNeverFailNorMixModels() throws Exception {
        String body = "{\"input\": " + TestModels.json(TestModels.testImage(0)) + "}";
        double[][] input = {TestModels.testImage(0)};
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<JsonNode> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int r = 0; r < 200; r++) {
                    HttpResponse<String> response = client.postJson("/predict", body);
                    if (response.statusCode() != 200) {
                        failures.add(response.statusCode() + " " + response.body());
                    } else {
                        answers.add(json(response));
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        int swaps = 0;
        while (threads.stream().anyMatch(Thread::isAlive)) {
            registry.publish(TestModels.untrainedMnist(1000 + swaps++));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(failures).isEmpty();
        assertThat(answers).hasSize(1600);
        assertThat(swaps).isGreaterThan(1);
        long modelsSeen = answers.stream().map(answer -> answer.get("modelId").asString()).distinct().count();
        assertThat(modelsSeen).isGreaterThan(1);
        for (JsonNode answer : answers) {
            MultiLayerNet network = registry.get(answer.get("modelId").asString()).orElseThrow().network();
            assertThat(probabilities(answer.get("predictions").get(0))).containsExactly(network.predict(input)[0]);
        }
    }

    @Test
    void modelOfACsvTableTakesRawFeaturesAndScalesThem() {
        FeatureScaling scaling = new FeatureScaling(new double[] {5.8, 3.0, 3.8, 1.2},
                new double[] {0.8, 0.4, 1.8, 0.8});
        Architecture architecture = new Architecture(List.of(4, 5, 3), Activation.TANH, Activation.SOFTMAX);
        SavedModel iris = registry.publish(TestModels.untrained(architecture, "iris",
                List.of("setosa", "versicolor", "virginica"), scaling, 5));
        double[] raw = {5.1, 3.5, 1.4, 0.2};

        JsonNode answer = json(client.postJson("/predict?model=" + iris.id(), "{\"input\": [5.1, 3.5, 1.4, 0.2]}"));

        double[] expected = registry.get(iris.id()).orElseThrow().network().predict(new double[][] {
                scaling.apply(raw)})[0];
        JsonNode prediction = answer.get("predictions").get(0);
        assertThat(probabilities(prediction)).containsExactly(expected);
        assertThat(prediction.get("className").asString())
                .isEqualTo(List.of("setosa", "versicolor", "virginica").get(MultiLayerNet.predictedClass(expected)));
    }

    @Test
    void identityOutputAnswersWithOutputsInsteadOfProbabilities() {
        Architecture architecture = new Architecture(List.of(2, 3, 2), Activation.RELU, Activation.IDENTITY);
        SavedModel linear = registry.publish(TestModels.untrained(architecture, null, List.of(), null, 6));

        JsonNode prediction = json(client.postJson("/predict?model=" + linear.id(), "{\"input\": [-3.5, 12]}"))
                .get("predictions").get(0);

        assertThat(prediction.has("probabilities")).isFalse();
        assertThat(prediction.get("outputs")).hasSize(2);
    }

    private static String label(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("predictions").get(0).get("className").asString();
    }

    static double[] probabilities(JsonNode prediction) {
        JsonNode values = prediction.get("probabilities");
        double[] result = new double[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = values.get(i).asDouble();
        }
        return result;
    }
}
