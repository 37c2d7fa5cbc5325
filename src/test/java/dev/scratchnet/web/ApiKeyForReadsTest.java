package dev.scratchnet.web;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.scratchnet.ServiceClient;
import dev.scratchnet.ServiceHome;

/** With {@code scratchnet.api-key-for-reads}, only health, info and the API documents stay open. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"scratchnet.api-key=s3cret", "scratchnet.api-key-for-reads=true"})
@ServiceHome.Fresh
class ApiKeyForReadsTest {

    @LocalServerPort
    int port;

    @Test
    void readsAndPredictionsNeedTheKeyToo() {
        ServiceClient anonymous = new ServiceClient(port);
        ServiceClient withKey = anonymous.withKey("s3cret");

        assertThat(anonymous.get("/models").statusCode()).isEqualTo(401);
        assertThat(anonymous.postJson("/predict", "{\"input\": [0.5]}").statusCode()).isEqualTo(401);
        assertThat(anonymous.postJson("/models/m1-x/evaluate", "{}").statusCode()).isEqualTo(401);
        assertThat(withKey.get("/models").statusCode()).isEqualTo(200);
        assertThat(withKey.postJson("/predict", "{\"input\": [0.5]}").statusCode()).isEqualTo(503);
        assertThat(anonymous.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/info").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").statusCode()).isEqualTo(200);
    }
}
