package dev.scratchnet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service over real HTTP on loopback, for tests: JSON, raw bytes and multipart forms, with or without a key. */
public final class ServiceClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String bearer;

    public ServiceClient(int port) {
        this(port, null);
    }

    private ServiceClient(int port, String bearer) {
        this.port = port;
        this.bearer = bearer;
    }

    /** The same client sending {@code Authorization: Bearer key}. */
    public ServiceClient withKey(String key) {
        return new ServiceClient(port, key);
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    public HttpResponse<String> postJson(String path, String json) {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public HttpResponse<String> post(String path, Form form) {
        return post(path, "multipart/form-data; boundary=" + form.boundary, form.bytes());
    }

    public HttpResponse<String> send(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** Polls {@code GET /jobs/{id}} until the job is neither QUEUED nor RUNNING; an AssertionError past {@code patience}. */
    public JsonNode awaitJobEnd(String id, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        JsonNode job = json(get("/jobs/" + id));
        while (job.get("status").asString().matches("QUEUED|RUNNING")) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Job " + id + " still " + job.get("status").asString() + " after " + patience);
            }
            Thread.sleep(50);
            job = json(get("/jobs/" + id));
        }
        return job;
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        return bearer == null ? builder : builder.header("Authorization", "Bearer " + bearer);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data body built field by field. */
    public static final class Form {

        final String boundary = "----scratchnet" + UUID.randomUUID();
        private final List<byte[]> parts = new ArrayList<>();

        public Form field(String name, String value) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public Form file(String name, String fileName, String contentType, byte[] content) {
            ByteArrayOutputStream part = new ByteArrayOutputStream();
            part.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                    + "\"; filename=\"" + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            part.writeBytes(content);
            part.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            parts.add(part.toByteArray());
            return this;
        }

        byte[] bytes() {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            parts.forEach(body::writeBytes);
            body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return body.toByteArray();
        }
    }
}
