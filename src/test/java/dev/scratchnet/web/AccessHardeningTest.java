package dev.scratchnet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

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
 * Issue 6, items 9 and 10 over real HTTP with a key set: every state-changing operation the OpenAPI document lists
 * asks for the key, the actuator shows only health and info publicly, foreign origins get no CORS grant, and error
 * bodies give away no stack traces, class names, paths or versions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "scratchnet.api-key=" + AccessHardeningTest.KEY)
@ServiceHome.Fresh
class AccessHardeningTest {

    static final String KEY = "hardening-key-7f3a";

    /** The two POSTs that change nothing and stay open (see {@link Access}). */
    private static final Set<String> OPEN = Set.of("POST /predict", "POST /models/{id}/evaluate");

    /** The write operations the service has today; fewer checked means the walk missed the document's paths. */
    private static final int LEAST_WRITES = 7;

    /** The book's weights, as ModelControllerTest uses them. */

    private static final String EVIL_ORIGIN = "https://evil.example";

    private static final Path home = ServiceHome.of(AccessHardeningTest.class);

    @LocalServerPort
    int port;

    ServiceClient anonymous;
    ServiceClient withKey;

    @BeforeEach
    void clients() {
        anonymous = new ServiceClient(port);
        withKey = anonymous.withKey(KEY);
    }

    @Test
    void everyStateChangingOperationInTheOpenApiDocumentNeedsTheKey() {
        JsonNode paths = ServiceClient.json(anonymous.get("/v3/api-docs")).get("paths");
        List<String> checked = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (String method : List.of("post", "put", "patch", "delete")) {
                if (!path.getValue().has(method)) {
                    continue;
                }
                String operation = method.toUpperCase() + " " + path.getKey();
                String uri = path.getKey().replaceAll("\\{[^}]+}", "x1");
                for (ServiceClient client : List.of(anonymous, anonymous.withKey(KEY + "-wrong"))) {
                    HttpResponse<String> response = client.send(method.toUpperCase(), uri);
                    if (OPEN.contains(operation)) {
                        assertThat(response.statusCode()).as(operation).isNotEqualTo(401);
                        continue;
                    }
                    assertThat(response.statusCode()).as(operation).isEqualTo(401);
                    assertThat(response.headers().firstValue("WWW-Authenticate")).as(operation).get().asString()
                            .startsWith("Bearer");
                    assertThat(response.headers().firstValue("Content-Type")).as(operation)
                            .hasValue("application/problem+json");
                }
                (OPEN.contains(operation) ? open : checked).add(operation);
            }
        }
        assertThat(checked).as("write operations walked").hasSizeGreaterThanOrEqualTo(LEAST_WRITES)
                .contains("POST /jobs", "DELETE /models/{id}", "POST /datasets");
        assertThat(open).containsExactlyInAnyOrderElementsOf(OPEN);
    }

    @Test
    void actuatorShowsHealthAndInfoPubliclyMetricsWithTheKeyAndNothingElse() {
        for (String endpoint : List.of("/actuator/health", "/actuator/info")) {
            assertThat(anonymous.get(endpoint).statusCode()).as(endpoint).isEqualTo(200);
        }
        for (String endpoint : List.of("/actuator/metrics", "/actuator/prometheus")) {
            assertThat(anonymous.get(endpoint).statusCode()).as(endpoint).isEqualTo(401);
            assertThat(anonymous.withKey("nope").get(endpoint).statusCode()).as(endpoint).isEqualTo(401);
            assertThat(withKey.get(endpoint).statusCode()).as(endpoint).isEqualTo(200);
        }
        for (String endpoint : List.of("/actuator/env", "/actuator/beans", "/actuator/heapdump",
                "/actuator/threaddump", "/actuator/configprops", "/actuator/loggers", "/actuator/mappings",
                "/actuator/shutdown")) {
            assertThat(withKey.get(endpoint).statusCode()).as(endpoint).isEqualTo(404);
        }
        assertThat(withKey.send("POST", "/actuator/shutdown").statusCode()).isEqualTo(404);
    }

    @Test
    void foreignOriginsGetNoCorsGrant() throws Exception {
        HttpResponse<String> preflight = raw(HttpRequest.newBuilder(uri("/jobs"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", EVIL_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        for (String path : List.of("/models", "/jobs", "/actuator/health")) {
            HttpResponse<String> simple = raw(HttpRequest.newBuilder(uri(path)).GET().header("Origin", EVIL_ORIGIN));
            assertThat(simple.statusCode()).as(path).isNotEqualTo(401);
            assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
        }
    }

    @Test
    void errorBodiesGiveAwayNoInternals() throws Exception {
        // A model to serve, so that a bad image reaches the decoder instead of a 503 for no model.
        HttpResponse<String> upload = withKey.post("/models", new Form().field("activation", "sigmoid")
                .field("outputActivation", "softmax").file("weights", "digits.npz", "application/octet-stream",
                        digitNetwork()));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        byte[] hostileNpz = zip("../../../etc/evil.npy", "/abs.npy");
        Map<String, HttpResponse<String>> errors = Map.of(
                "malformed JSON to /jobs", withKey.postJson("/jobs", "{\"dataset\": \"mnist\", \"epochs\": 3,,}"),
                "JSON of the wrong shape to /jobs", withKey.postJson("/jobs", "[1, 2, 3]"),
                "unknown job", withKey.get("/jobs/j-does-not-exist"),
                "bad image to /predict", anonymous.post("/predict", "image/png",
                        "\u0089PNG\r\n\u001a\nthis is not a png".getBytes(StandardCharsets.ISO_8859_1)),
                "hostile npz to /models", withKey.post("/models", new Form().field("activation", "relu")
                        .field("outputActivation", "softmax")
                        .file("weights", "../../evil.npz", "application/octet-stream", hostileNpz)),
                "broken multipart to /models", withKey.post("/models", "multipart/form-data; boundary=zz",
                        "--zz\r\nContent-Disposition: form-data; name=\"weights\"\r\n\r\ntrunc".getBytes(
                                StandardCharsets.US_ASCII)),
                "unknown path", anonymous.get("/no/such/thing/../../etc/passwd"),
                "wrong method", withKey.send("PUT", "/models"),
                "unsupported media type", anonymous.post("/predict", "text/plain", "hello".getBytes(
                        StandardCharsets.US_ASCII)));

        List<String> forbidden = List.of("at dev.", "at java.", "at org.", "Exception", ".java:", "dev.scratchnet",
                "java.lang", "org.springframework", "tools.jackson", home.toString(), "/work", "/root", "/tmp",
                "Spring", "Tomcat", "ojAlgo", "Jackson");
        errors.forEach((what, response) -> {
            assertThat(response.statusCode()).as(what).isBetween(400, 499);
            assertThat(response.body()).as(what).isNotBlank();
            for (String marker : forbidden) {
                assertThat(response.body()).as(what + ": " + response.body()).doesNotContainIgnoringCase(marker);
            }
            assertThat(response.headers().firstValue("Server")).as(what).isEmpty();
            assertThat(response.headers().firstValue("X-Powered-By")).as(what).isEmpty();
        });
    }

    private HttpResponse<String> raw(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static byte[] zip(String... names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A small untrained 784-20-10 network as an .npz: any model that takes MNIST images will do here. */
    private static byte[] digitNetwork() throws IOException {
        Architecture architecture = new Architecture(List.of(784, 20, 10), Activation.SIGMOID, Activation.SOFTMAX);
        ByteArrayOutputStream npz = new ByteArrayOutputStream();
        WeightsFile.write(MultiLayerNet.initialize(architecture, Loss.CROSS_ENTROPY, WeightInit.NORMAL, 0.01,
                new RandomState(1)).weights(), npz);
        return npz.toByteArray();
    }
}
