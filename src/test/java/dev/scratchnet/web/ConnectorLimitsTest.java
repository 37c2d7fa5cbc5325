package dev.scratchnet.web;

import static dev.scratchnet.ServiceClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.scratchnet.ServiceClient;
import dev.scratchnet.ServiceClient.Form;
import dev.scratchnet.ServiceHome;
import dev.scratchnet.engine.Activation;
import dev.scratchnet.engine.Architecture;
import dev.scratchnet.engine.Loss;
import dev.scratchnet.engine.MultiLayerNet;
import dev.scratchnet.engine.RandomState;
import dev.scratchnet.engine.WeightInit;
import dev.scratchnet.engine.npz.WeightsFile;

/**
 * Limits applied by the connector itself: request headers trickled in are cut at scratchnet.limits.header-time from
 * their first byte while predictions go on, a kept-alive client is never cut, and multipart requests past
 * server.tomcat.max-part-count or max-part-header-size are a 413 naming the limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ServiceHome.Fresh
class ConnectorLimitsTest {

    private static final String ONE_INPUT = "{\"input\": [" + String.join(",", Collections.nCopies(784, "0.5")) + "]}";

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        registry.add("scratchnet.limits.header-time", () -> "2s");
        registry.add("scratchnet.datasets.upload.max-bytes", () -> "1MB");
        // Gaps of a second or two between bytes stay well within the connection timeout: only the total is tested.
        registry.add("server.tomcat.connection-timeout", () -> "5s");
    }

    @LocalServerPort
    int port;

    ServiceClient client;
    /** Its own threads: the common pool may have a single one on a small machine, and these tasks run side by side. */
    final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @BeforeEach
    void digitModel() throws IOException {
        client = new ServiceClient(port);
        if (client.get("/models").body().contains("\"id\"")) {
            return;
        }
        HttpResponse<String> upload = client.post("/models", new Form().field("activation", "sigmoid")
                .field("outputActivation", "softmax")
                .file("weights", "digits.npz", "application/octet-stream", network(784, 10)));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
    }

    @Test
    void headersTricklingAByteASecondAreCutWhilePredictionsAreAnswered() throws Exception {
        CompletableFuture<Void> trickle;
        try (RawConnection slow = new RawConnection(port, Duration.ofSeconds(30))) {
            trickle = trickle(slow, "POST /predict HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nX-Padding: " + "a".repeat(60) + "\r\n\r\n");
            AtomicBoolean done = new AtomicBoolean();
            CompletableFuture<List<Integer>> predictions = CompletableFuture.supplyAsync(() -> {
                List<Integer> statuses = new ArrayList<>();
                do {
                    statuses.add(client.postJson("/predict", ONE_INPUT).statusCode());
                } while (!done.get());
                return statuses;
            }, threads);

            // The trickle would take over 100 s; the 30 s read timeout ends the wait if the server never closes.
            boolean closed = slow.closedByServer();
            done.set(true);

            assertThat(closed).isTrue();
            assertThat(predictions.get(60, TimeUnit.SECONDS)).isNotEmpty().containsOnly(200);
        }
        trickle.get(30, TimeUnit.SECONDS);
    }

    @Test
    void blankLinesTrickledBeforeARequestCountTowardsItsDeadline() throws Exception {
        CompletableFuture<Void> trickle;
        try (RawConnection slow = new RawConnection(port, Duration.ofSeconds(30))) {
            trickle = trickle(slow, "\r\n".repeat(60));

            assertThat(slow.closedByServer()).isTrue();
        }
        trickle.get(30, TimeUnit.SECONDS);
    }

    @Test
    void keptAliveClientIsNeverCutBetweenOrDuringRequests() throws Exception {
        try (RawConnection connection = new RawConnection(port, Duration.ofSeconds(30))) {
            for (int i = 0; i < 3; i++) {
                // Idle longer than the header time between requests: the clock starts at a request's first byte.
                TimeUnit.MILLISECONDS.sleep(1500);
                connection.send("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n");
                TimeUnit.MILLISECONDS.sleep(200);
                connection.send("Accept: application/json\r\n\r\n");

                RawConnection.Response response = connection.readResponse();

                assertThat(response.status()).as("request %d", i).isEqualTo(200);
                assertThat(response.headers()).doesNotContainEntry("Connection", "close");
            }
        }
    }

    @Test
    void bodyAfterHeadersFinishedNearTheDeadlineKeepsTheUsualTimeouts() throws Exception {
        byte[] body = ONE_INPUT.getBytes(StandardCharsets.US_ASCII);
        try (RawConnection connection = new RawConnection(port, Duration.ofSeconds(30))) {
            connection.send("POST /predict HTTP/1.1\r\n");
            TimeUnit.MILLISECONDS.sleep(1000);
            // Unfinished at 1 s: the socket waits with a read timeout of the 1 s left.
            connection.send("Host: localhost\r\n");
            TimeUnit.MILLISECONDS.sleep(300);
            connection.send("Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n");
            // The body then arrives in gaps longer than that second, each within the connection timeout.
            int third = body.length / 3;
            for (int i = 0; i < 3; i++) {
                TimeUnit.MILLISECONDS.sleep(1500);
                connection.send(Arrays.copyOfRange(body, i * third, i == 2 ? body.length : (i + 1) * third));
            }

            RawConnection.Response response = connection.readResponse();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"predictions\"");
        }
    }

    @Test
    void multipartPastThePartCountIs413NamingTheLimit() {
        Form form = new Form().field("activation", "sigmoid").field("outputActivation", "softmax")
                .file("weights", "digits.npz", "application/octet-stream", new byte[16]);
        for (int i = 0; i < 126; i++) {
            form.field("classNames", "c" + i);
        }

        HttpResponse<String> response = client.post("/models", form);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("detail").asString()).contains("128 parts");
    }

    @Test
    void modelWithAClassNamePartPerOutputFitsThePartCount() throws IOException {
        // EMNIST ByClass: 62 classes, each its own classNames part, beside weights and activations.
        Form form = new Form().field("activation", "sigmoid").field("outputActivation", "softmax")
                .file("weights", "byclass.npz", "application/octet-stream", network(784, 62));
        for (int i = 0; i < 62; i++) {
            form.field("classNames", "c" + i);
        }

        HttpResponse<String> response = client.post("/models", form);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response).get("classNames").size()).isEqualTo(62);
    }

    @Test
    void uploadPastItsSizeIs413NamingTheLimit() {
        Form form = new Form().field("activation", "sigmoid").field("outputActivation", "softmax")
                .file("weights", "big.npz", "application/octet-stream", new byte[2 * 1024 * 1024]);

        HttpResponse<String> response = client.post("/models", form);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(json(response).get("detail").asString()).contains("limit of " + 1024 * 1024 + " bytes");
    }

    @Test
    void multipartPartHeaderPastItsLimitIs413NamingTheLimit() {
        Form form = new Form().field("activation", "sigmoid").field("outputActivation", "softmax")
                .file("weights", "w".repeat(3000) + ".npz", "application/octet-stream", new byte[16]);

        HttpResponse<String> response = client.post("/models", form);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("detail").asString()).contains(2048 + " bytes");
    }

    /** Sends text a byte a second until it is all sent or the server hangs up. */
    private CompletableFuture<Void> trickle(RawConnection connection, String text) {
        return CompletableFuture.runAsync(() -> {
            try {
                for (char c : text.toCharArray()) {
                    connection.send(String.valueOf(c));
                    TimeUnit.SECONDS.sleep(1);
                }
            } catch (IOException e) {
                // The server hung up: what the tests want.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threads);
    }

    /** An untrained sigmoid network from {@code inputs} to {@code outputs} through 20 hidden units, as an .npz. */
    private static byte[] network(int inputs, int outputs) throws IOException {
        Architecture architecture = new Architecture(List.of(inputs, 20, outputs), Activation.SIGMOID,
                Activation.SOFTMAX);
        ByteArrayOutputStream npz = new ByteArrayOutputStream();
        WeightsFile.write(MultiLayerNet.initialize(architecture, Loss.CROSS_ENTROPY, WeightInit.NORMAL, 0.01,
                new RandomState(1)).weights(), npz);
        return npz.toByteArray();
    }
}
