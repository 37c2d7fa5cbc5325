import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.scratchnet.engine.Activation;
import dev.scratchnet.engine.Architecture;
import dev.scratchnet.engine.Loss;
import dev.scratchnet.engine.MultiLayerNet;
import dev.scratchnet.engine.npz.WeightsFile;

/**
 * What the load benchmarks ask of a running service beyond {@code /predict}: jobs, model uploads and downloads, and
 * the network a model id names rebuilt from its downloaded weights, to check answers against.
 */
final class ScratchnetApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final HttpClient client;

    ScratchnetApi(String base) {
        this.base = base;
        // HTTP/1.1 as curl and wrk speak it: the default would offer every plain request an h2c upgrade.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpClient client() {
        return client;
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return json(send(HttpRequest.newBuilder(uri(path)).GET(), 200));
    }

    byte[] weights(String modelId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/models/" + modelId + "/weights")).GET(), 200);
    }

    /** Starts a job and returns its id. */
    String submitJob(String config) throws IOException, InterruptedException {
        return json(send(HttpRequest.newBuilder(uri("/jobs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(config)), 202)).get("id").asString();
    }

    /** Polls a job until it has ended and returns its last state; fails unless it SUCCEEDED. */
    JsonNode awaitJob(String id) throws IOException, InterruptedException {
        while (true) {
            JsonNode job = get("/jobs/" + id);
            String status = job.get("status").asString();
            if (status.equals("SUCCEEDED")) {
                return job;
            }
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                throw new IllegalStateException("Job " + id + " ended " + status + ": " + job);
            }
            Thread.sleep(100);
        }
    }

    /** Registers an .npz of a sigmoid/softmax MNIST network, as the book's sample is; returns the new model's id. */
    String uploadModel(byte[] npz) throws IOException, InterruptedException {
        String boundary = "bench" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "activation", null, "sigmoid".getBytes(StandardCharsets.UTF_8));
        part(body, boundary, "outputActivation", null, "softmax".getBytes(StandardCharsets.UTF_8));
        part(body, boundary, "dataset", null, "mnist".getBytes(StandardCharsets.UTF_8));
        part(body, boundary, "weights", "weights.npz", npz);
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return json(send(HttpRequest.newBuilder(uri("/models"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), 201)).get("id").asString();
    }

    /** The network a model id names, rebuilt here from {@code GET /models/{id}} and its downloaded weights. */
    MultiLayerNet network(String modelId) throws IOException, InterruptedException {
        JsonNode info = get("/models/" + modelId);
        JsonNode architecture = info.get("architecture");
        List<Integer> sizes = new ArrayList<>();
        architecture.get("sizes").forEach(size -> sizes.add(size.asInt()));
        Architecture shape = new Architecture(sizes, Activation.fromApiName(architecture.get("activation").asString()),
                Activation.fromApiName(architecture.get("outputActivation").asString()));
        try (InputStream in = new ByteArrayInputStream(weights(modelId))) {
            return MultiLayerNet.of(shape, Loss.fromApiName(info.get("loss").asString()), WeightsFile.read(in));
        }
    }

    static Instant instant(JsonNode node) {
        return Instant.parse(node.asString());
    }

    static JsonNode json(byte[] body) {
        return JsonMapper.shared().readTree(body);
    }

    static JsonNode json(String body) {
        return JsonMapper.shared().readTree(body);
    }

    /** The first {@code count} images of MNIST's test set from the project's built-in copy, scaled to [0, 1]. */
    static double[][] testImages(int count) {
        try (InputStream in = new GZIPInputStream(ScratchnetApi.class.getResourceAsStream(
                "/datasets/mnist/t10k-images-idx3-ubyte.gz"))) {
            in.readNBytes(16);
            double[][] images = new double[count][784];
            for (double[] image : images) {
                byte[] pixels = in.readNBytes(784);
                for (int p = 0; p < 784; p++) {
                    image[p] = (pixels[p] & 0xFF) / 255.0;
                }
            }
            return images;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {"input": [...]}} with every value written so that it parses back to the same double. */
    static String predictBody(double[] input) {
        StringBuilder json = new StringBuilder("{\"input\": [");
        for (int p = 0; p < input.length; p++) {
            json.append(p == 0 ? "" : ",").append(input[p]);
        }
        return json.append("]}").toString();
    }

    private byte[] send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request.timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            throw new IOException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private static void part(ByteArrayOutputStream body, String boundary, String name, String fileName,
            byte[] content) {
        String header = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream")
                + "\r\n\r\n";
        body.writeBytes(header.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
}
