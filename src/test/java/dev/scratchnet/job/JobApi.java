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
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.scratchnet.ServiceClient;

/**
 * What the tests that start the service need of {@code /jobs} beyond plain requests, which go through
 * {@link ServiceClient}: submitting, polling until a state, retries with an Idempotency-Key, and the event stream.
 */
final class JobApi {

    /** Generous: a loaded 2-core machine may be slow, and a poll that finds its state early returns at once. */
    static final Duration PATIENCE = Duration.ofSeconds(120);

    /** Plain requests to the same service. */
    final ServiceClient http;
    private final HttpClient streaming = HttpClient.newHttpClient();
    private final String base;

    JobApi(int port) {
        this.http = new ServiceClient(port);
        this.base = "http://127.0.0.1:" + port;
    }

    /** One Server-Sent Event: its name and its JSON data. */
    record Event(String name, JsonNode data) {
    }

    /** Submits a job, expects 202, and returns its id. */
    String submit(String body) {
        HttpResponse<String> response = http.postJson("/jobs", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return ServiceClient.json(response).get("id").asString();
    }

    /** {@code POST /jobs} with an Idempotency-Key. */
    HttpResponse<String> submitWithKey(String body, String key) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/jobs"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header(JobController.IDEMPOTENCY_KEY, key).build();
        return streaming.send(request, HttpResponse.BodyHandlers.ofString());
    }

    JsonNode job(String id) {
        HttpResponse<String> response = http.get("/jobs/" + id);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ServiceClient.json(response);
    }

    /** Polls the job until {@code until} holds, failing after {@link #PATIENCE}. */
    JsonNode await(String id, Predicate<JsonNode> until) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode job = job(id);
        while (!until.test(job)) {
            assertThat(System.nanoTime()).as("job %s still %s", id, job.get("status")).isLessThan(deadline);
            Thread.sleep(25);
            job = job(id);
        }
        return job;
    }

    JsonNode awaitStatus(String id, String status) throws InterruptedException {
        return await(id, job -> job.get("status").asString().equals(status));
    }

    JsonNode awaitEnd(String id) throws InterruptedException {
        return await(id, job -> List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(job.get("status").asString()));
    }

    /** Reads the job's event stream until the server ends it. */
    List<Event> events(String id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/jobs/" + id + "/events"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = streaming.send(request, HttpResponse.BodyHandlers.ofLines());
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
}
