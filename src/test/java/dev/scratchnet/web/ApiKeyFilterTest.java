package dev.scratchnet.web;

import static dev.scratchnet.ServiceClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.scratchnet.ServiceClient;
import dev.scratchnet.ServiceClient.Form;
import dev.scratchnet.ServiceHome;

/** With {@code scratchnet.api-key} set: writes and operator endpoints need the key, reads and /predict do not. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "scratchnet.api-key=s3cret")
@ServiceHome.Fresh
class ApiKeyFilterTest {

    private static final String KEY = "s3cret";

    @LocalServerPort
    int port;

    ServiceClient anonymous;
    ServiceClient wrongKey;
    ServiceClient withKey;

    @BeforeEach
    void clients() {
        anonymous = new ServiceClient(port);
        wrongKey = anonymous.withKey("s3cret-not");
        withKey = anonymous.withKey(KEY);
    }

    @Test
    void stateChangingRequestsWithoutTheKeyAre401WithABearerChallenge() {
        for (ServiceClient client : List.of(anonymous, wrongKey)) {
            List<HttpResponse<String>> responses = List.of(
                    client.post("/models", new Form().field("activation", "relu")),
                    client.delete("/models/m1-x"),
                    client.postJson("/jobs", "{}"),
                    client.send("POST", "/jobs/j1/cancel"),
                    client.post("/datasets", new Form().field("name", "iris")),
                    client.delete("/datasets/iris"));
            for (HttpResponse<String> response : responses) {
                String request = response.request().method() + " " + response.request().uri().getPath();
                assertThat(response.statusCode()).as(request).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).as(request).get().asString()
                        .startsWith("Bearer");
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(json(response).get("status").asInt()).isEqualTo(401);
                assertThat(json(response).get("detail").asString()).doesNotContain(KEY);
            }
        }
        assertThat(wrongKey.delete("/models/m1-x").headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("invalid_token");
    }

    @Test
    void theKeyLetsStateChangingRequestsThrough() {
        assertThat(withKey.delete("/models/m1-x").statusCode()).isEqualTo(404);
        HttpResponse<String> upload = withKey.post("/models", new Form().field("activation", "relu"));
        assertThat(upload.statusCode()).isEqualTo(400);
        assertThat(json(upload).get("errors").get(0).get("field").asString()).isEqualTo("weights");
    }

    @Test
    void readsPredictionsAndEvaluationsStayOpen() {
        assertThat(anonymous.get("/models").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/datasets").statusCode()).isEqualTo(200);
        assertThat(anonymous.postJson("/predict", "{\"input\": [0.5]}").statusCode()).isEqualTo(503);
        assertThat(anonymous.postJson("/models/m1-x/evaluate", "{}").statusCode()).isEqualTo(404);
        assertThat(anonymous.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAndPrometheusNeedTheKey() {
        anonymous.postJson("/predict", "{\"input\": [0.5]}");

        assertThat(anonymous.get("/actuator/metrics").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(json(withKey.get("/actuator/metrics")).get("names").toString())
                .contains("scratchnet.predictions");
        HttpResponse<String> prometheus = withKey.get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("scratchnet_predictions_total{model=\"none\",outcome=\"no_model\"}");
    }

    @Test
    void openApiMarksTheOperationsThatNeedTheKey() {
        var document = json(anonymous.get("/v3/api-docs"));

        assertThat(document.at("/components/securitySchemes/apiKey/scheme").asString()).isEqualTo("bearer");
        assertThat(document.at("/paths/~1models/post/security").isArray()).isTrue();
        assertThat(document.at("/paths/~1models~1{id}/delete/security").isArray()).isTrue();
        assertThat(document.at("/paths/~1models/get/security").isMissingNode()).isTrue();
        assertThat(document.at("/paths/~1predict/post/security").isMissingNode()).isTrue();
        assertThat(document.at("/paths/~1models~1{id}~1evaluate/post/security").isMissingNode()).isTrue();
    }
}
