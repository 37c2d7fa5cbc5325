package dev.scratchnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.scratchnet.ServiceClient;
import dev.scratchnet.ServiceClient.Form;
import dev.scratchnet.ServiceHome;

/**
 * The API key never reaches the log, right or wrong, even with the web layer and our own code logging at DEBUG:
 * a log file is read by more people than the key is meant for.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "scratchnet.api-key=" + ApiKeyLoggingTest.KEY,
        "logging.level.dev.scratchnet=DEBUG",
        "logging.level.org.springframework.web=DEBUG"})
@ServiceHome.Fresh
class ApiKeyLoggingTest {

    static final String KEY = "logged-key-c41d9e";
    private static final String WRONG_KEY = "wrong-key-8b02fa";

    @LocalServerPort
    int port;

    @Test
    void neitherTheRightKeyNorAWrongOneIsLogged(CapturedOutput output) {
        ServiceClient anonymous = new ServiceClient(port);
        for (ServiceClient client : List.of(anonymous.withKey(WRONG_KEY), anonymous.withKey(KEY))) {
            client.delete("/models/m1-x");
            client.postJson("/jobs", "{\"not\": \"a job\"}");
            client.post("/models", new Form().field("activation", "relu"));
            client.get("/actuator/metrics");
            client.get("/jobs/j-unknown");
        }
        assertThat(anonymous.withKey(WRONG_KEY).delete("/models/m1-x").statusCode()).isEqualTo(401);
        assertThat(anonymous.withKey(KEY).delete("/models/m1-x").statusCode()).isEqualTo(404);

        // The capture did see the requests: a silent log would make the next assertions vacuous.
        assertThat(output.getAll()).contains("/models/m1-x");
        assertThat(output.getAll()).doesNotContain(KEY).doesNotContain(WRONG_KEY);
    }
}
