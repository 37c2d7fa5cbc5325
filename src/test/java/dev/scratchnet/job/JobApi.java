package dev.scratchnet.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /jobs} over real HTTP, for the tests that start the service: requests, polling, and the event stream. */
final class JobApi {

    /** Generous: a loaded 2-core machine may be slow, and a poll that finds its state early returns at once. */
    static final Duration PATIENCE = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    JobApi(int port) {
        this.base = "http://localhost:" + port;
    }

    /** One Server-Sent Event: its name and its JSON data. */
    record Event(String name, JsonNode data) {
    }

    HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Submits a job, expects 202, and returns its id. */
    String submit(String body) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/jobs", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response).get("id").asString();
    }

    JsonNode job(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/jobs/" + id);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** Polls the job until {@code until} holds, failing after {@link #PATIENCE}. */
    JsonNode await(String id, Predicate<JsonNode> until) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode job = job(id);
        while (!until.test(job)) {
            assertThat(System.nanoTime()).as("job %s still %s", id, job.get("status")).isLessThan(deadline);
            Thread.sleep(25);
            job = job(id);
        }
        return job;
    }

    JsonNode awaitStatus(String id, String status) throws IOException, InterruptedException {
        return await(id, job -> job.get("status").asString().equals(status));
    }

    JsonNode awaitEnd(String id) throws IOException, InterruptedException {
        return await(id, job -> List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(job.get("status").asString()));
    }

    /** Reads the job's event stream until the server ends it. */
    List<Event> events(String id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/jobs/" + id + "/events"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.util.stream.Stream<String>> response = http.send(request,
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<Event> events = new ArrayList<>();
        String name = null;
        Iterator<String> lines = response.body().iterator();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("event:")) {
                name = line.substring("event:".length()).trim();
            } else if (line.startsWith("data:")) {
                events.add(new Event(name, JsonMapper.shared().readTree(line.substring("data:".length()))));
            }
        }
        return events;
    }

    static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }
}
