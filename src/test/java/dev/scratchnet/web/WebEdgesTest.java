package dev.scratchnet.web;

import static dev.scratchnet.ServiceClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import dev.scratchnet.ServiceClient;
import dev.scratchnet.ServiceHome;

/**
 * Without an API key: no model yet (503 on /predict, 404 on /models/latest), health and info open, metrics closed,
 * and the API described at /v3/api-docs and /swagger-ui.html.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ServiceHome.Fresh
class WebEdgesTest {

    @LocalServerPort
    int port;

    @Test
    void predictBeforeAnyModelIs503SayingHowToTrainOne() {
        ServiceClient client = new ServiceClient(port);

        HttpResponse<String> predict = client.postJson("/predict", "{\"input\": [0.5]}");
        HttpResponse<String> latest = client.get("/models/latest");

        assertThat(predict.statusCode()).isEqualTo(503);
        assertThat(predict.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(predict).get("detail").asString()).contains("POST /jobs").contains("POST /models");
        assertThat(latest.statusCode()).isEqualTo(404);
        assertThat(json(latest).get("detail").asString()).contains("POST /jobs");
    }

    @Test
    void healthAndInfoAreOpenAndMetricsClosedWithoutAKey() {
        ServiceClient client = new ServiceClient(port);

        assertThat(json(client.get("/actuator/health/liveness")).get("status").asString()).isEqualTo("UP");
        assertThat(json(client.get("/actuator/health/readiness")).get("status").asString()).isEqualTo("UP");
        JsonNode info = json(client.get("/actuator/info"));
        assertThat(info.at("/build/version").asString()).isNotBlank();
        assertThat(info.get("engine").asString()).matches("ojAlgo [0-9.]+, vector kernels (on|off)");
        assertThat(info.get("datasets").asInt()).isGreaterThanOrEqualTo(5);
        HttpResponse<String> metrics = client.get("/actuator/metrics");
        assertThat(metrics.statusCode()).isEqualTo(403);
        assertThat(json(metrics).get("detail").asString()).contains("SCRATCHNET_API_KEY");
        assertThat(client.get("/actuator/prometheus").statusCode()).isEqualTo(403);
    }

    @Test
    void openApiDescribesEveryServingEndpointAndSwaggerUiIsServed() {
        ServiceClient client = new ServiceClient(port);

        JsonNode document = json(client.get("/v3/api-docs"));

        assertThat(document.at("/info/title").asString()).isEqualTo("scratchnet");
        assertThat(document.get("paths").propertyNames()).contains("/predict", "/models", "/models/latest",
                "/models/{id}", "/models/{id}/weights", "/models/{id}/evaluate");
        assertThat(document.at("/components/schemas/PredictRequest/example/input")).hasSize(784);
        assertThat(client.get("/swagger-ui.html").statusCode()).isIn(200, 302);
        assertThat(client.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }

    @Test
    void everyErrorResponseIsDocumentedAsAProblemDetail() {
        JsonNode document = json(new ServiceClient(port).get("/v3/api-docs"));
        int errorResponses = 0;
        for (JsonNode path : document.get("paths")) {
            for (JsonNode operation : path) {
                for (var response : operation.get("responses").properties()) {
                    if (response.getKey().matches("[45]\\d\\d")) {
                        JsonNode problem = response.getValue().path("content").path("application/problem+json");
                        assertThat(problem.path("schema").path("$ref").asString()).as(response.getKey() + " of "
                                + operation.path("operationId").asString())
                                .isEqualTo("#/components/schemas/ProblemDetail");
                        errorResponses++;
                    }
                }
            }
        }
        assertThat(errorResponses).isGreaterThan(30);
        for (String upload : new String[] {"/datasets", "/models"}) {
            assertThat(document.path("paths").path(upload).path("post").path("responses").path("507")
                    .path("content").has("application/problem+json")).as("507 of POST " + upload).isTrue();
        }
        assertThat(document.path("components").path("schemas").path("ProblemDetail").path("properties")
                .has("detail")).isTrue();
    }
}
