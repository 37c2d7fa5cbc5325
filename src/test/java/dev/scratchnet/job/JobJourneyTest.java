package dev.scratchnet.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.scratchnet.ServiceClient;
import dev.scratchnet.ServiceHome;
import dev.scratchnet.model.ModelRegistry;
import dev.scratchnet.model.SavedModel;

/**
 * The jobs API over real HTTP with one worker and room for one waiting job: the book's network trained on a slice of
 * MNIST, its event stream, cancel, the full queue, idempotent retries, and the logic gates of ch. 2.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "scratchnet.jobs.max-concurrent=1",
        "scratchnet.jobs.queue-capacity=1",
        "scratchnet.jobs.progress-interval=20ms"})
@ServiceHome.Fresh
class JobJourneyTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    /** Long enough to be cancelled or to fill the queue while it runs; these tests never let it finish. */
    private static final String LONG_JOB = "{\"trainLimit\":2000,\"epochs\":500,\"seed\":1}";
    private static final String XOR = "{\"dataset\":\"xor\",\"hiddenSizes\":[8],\"activation\":\"tanh\","
            + "\"optimizer\":\"adam\",\"batchSize\":4,\"epochs\":100,\"sampling\":\"shuffle\","
            + "\"weightInit\":\"xavier\",\"seed\":1}";

    @LocalServerPort
    int port;

    @Autowired
    ModelRegistry models;

    @Autowired
    MeterRegistry meters;

    @Test
    void mnistJobGoesFromQueuedThroughRunningToSucceededWithTwoEpochsAndAModel() throws Exception {
        JobApi api = new JobApi(port);
        HttpResponse<String> accepted = api.http.postJson("/jobs", "{\"trainLimit\":2000,\"epochs\":2,\"seed\":7}");

        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = ServiceClient.json(accepted).get("id").asString();
        assertThat(accepted.headers().firstValue("Location")).hasValue("/jobs/" + id);
        assertThat(ServiceClient.json(accepted).get("status").asString()).isEqualTo("QUEUED");
        assertThat(ServiceClient.json(accepted).get("config").get("hiddenSizes").toString()).isEqualTo("[50]");

        List<JobApi.Event> events = assertTimeoutPreemptively(JobApi.PATIENCE, () -> api.events(id));

        assertThat(statuses(events)).containsSubsequence("RUNNING", "SUCCEEDED").endsWith("SUCCEEDED");
        assertThat(events.stream().filter(e -> e.name().equals("epoch")).map(e -> e.data().get("epoch").asInt()))
                .containsExactly(1, 2);
        assertThat(events.get(events.size() - 1).name()).isEqualTo("status");

        JsonNode job = api.job(id);
        assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("epochs")).hasSize(2);
        for (JsonNode epoch : job.get("epochs")) {
            assertThat(fieldNames(epoch)).containsExactly("epoch", "trainAccuracy", "testAccuracy", "trainLoss",
                    "testLoss", "seconds");
        }
        assertThat(job.get("progress").get("percent").asDouble()).isEqualTo(100.0);
        assertThat(job.has("startedAt") && job.has("finishedAt")).isTrue();
        SavedModel model = models.get(job.get("modelId").asString()).orElseThrow().model();
        assertThat(model.jobId()).isEqualTo(id);
        assertThat(model.metrics().testAccuracy()).isEqualTo(job.get("epochs").get(1).get("testAccuracy").asDouble());

        List<JobApi.Event> replay = api.events(id);
        assertThat(replay.stream().filter(e -> e.name().equals("epoch"))).hasSize(2);
        assertThat(statuses(replay)).containsExactly("SUCCEEDED");
    }

    @Test
    void cancelStopsARunningJobWithoutAModelAndAnEndedJobCannotBeCancelled() throws Exception {
        JobApi api = new JobApi(port);
        String id = api.submit(LONG_JOB);
        api.await(id, job -> job.get("progress").get("iteration").asInt() > 0);

        HttpResponse<String> cancel = api.http.postJson("/jobs/" + id + "/cancel", "");
        assertThat(cancel.statusCode()).isEqualTo(202);
        JsonNode cancelled = api.awaitStatus(id, "CANCELLED");

        assertThat(cancelled.has("modelId")).isFalse();
        assertThat(models.list()).noneMatch(model -> id.equals(model.jobId()));
        HttpResponse<String> again = api.http.postJson("/jobs/" + id + "/cancel", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        assertThat(api.http.delete("/jobs/" + id).statusCode()).isEqualTo(204);
        assertThat(api.http.get("/jobs/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void queuePastItsCapacityIsTooManyRequestsWithRetryAfter() throws Exception {
        JobApi api = new JobApi(port);
        String running = api.submit(LONG_JOB);
        String waiting = api.submit(LONG_JOB);

        HttpResponse<String> refused = api.http.postJson("/jobs", LONG_JOB);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3600L));
        assertThat(api.http.delete("/jobs/" + running).statusCode()).isEqualTo(409);
        HttpResponse<String> cancelWaiting = api.http.postJson("/jobs/" + waiting + "/cancel", "");
        assertThat(cancelWaiting.statusCode()).isEqualTo(200);
        assertThat(ServiceClient.json(cancelWaiting).get("status").asString()).isEqualTo("CANCELLED");
        api.http.postJson("/jobs/" + running + "/cancel", "");
        api.awaitStatus(running, "CANCELLED");
    }

    @Test
    void sameIdempotencyKeyGivesOneJobAndAnotherBodyWithItConflicts() throws Exception {
        JobApi api = new JobApi(port);
        String key = UUID.randomUUID().toString();
        String body = "{\"dataset\":\"and\",\"hiddenSizes\":[],\"epochs\":3}";

        HttpResponse<String> first = api.submitWithKey(body, key);
        HttpResponse<String> retry = api.submitWithKey(" { \"epochs\" : 3, \"dataset\" : \"and\", \"hiddenSizes\""
                + " : [] } ", key);
        HttpResponse<String> other = api.submitWithKey("{\"dataset\":\"and\",\"hiddenSizes\":[],\"epochs\":4}", key);

        assertThat(first.statusCode()).isEqualTo(202);
        String id = ServiceClient.json(first).get("id").asString();
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(ServiceClient.json(retry).get("id").asString()).isEqualTo(id);
        assertThat(ServiceClient.json(retry).get("config").get("seed"))
                .isEqualTo(ServiceClient.json(first).get("config").get("seed"));
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        api.awaitStatus(id, "SUCCEEDED");
        JsonNode list = ServiceClient.json(api.http.get("/jobs"));
        assertThat(StreamSupport.stream(list.spliterator(), false)
                .filter(job -> job.get("id").asString().equals(id))).hasSize(1);
    }

    @Test
    void xorWithOneHiddenLayerReachesAccuracyOne() throws Exception {
        JobApi api = new JobApi(port);
        JsonNode job = api.awaitStatus(api.submit(XOR), "SUCCEEDED");

        JsonNode last = job.get("epochs").get(99);
        assertThat(last.get("trainAccuracy").asDouble()).isEqualTo(1.0);
        assertThat(last.get("testAccuracy").asDouble()).isEqualTo(1.0);
        SavedModel model = models.get(job.get("modelId").asString()).orElseThrow().model();
        assertThat(model.architecture().sizes()).containsExactly(2, 8, 2);
        assertThat(model.metrics().testAccuracy()).isEqualTo(1.0);
    }

    @Test
    void andWithoutAHiddenLayerLearnsAsThePerceptronDoes() throws Exception {
        JobApi api = new JobApi(port);
        String id = api.submit("{\"dataset\":\"and\",\"hiddenSizes\":[],\"learningRate\":0.5,\"batchSize\":4,"
                + "\"epochs\":60,\"sampling\":\"shuffle\",\"seed\":1}");

        JsonNode job = api.awaitStatus(id, "SUCCEEDED");

        assertThat(job.get("epochs").get(59).get("testAccuracy").asDouble()).isEqualTo(1.0);
        assertThat(models.get(job.get("modelId").asString()).orElseThrow().model().architecture().sizes())
                .containsExactly(2, 2);
    }

    @Test
    void jobsAreListedNewestFirst() throws Exception {
        JobApi api = new JobApi(port);
        String older = api.submit("{\"dataset\":\"or\",\"hiddenSizes\":[],\"epochs\":1}");
        api.awaitEnd(older);
        String newer = api.submit("{\"dataset\":\"or\",\"hiddenSizes\":[],\"epochs\":1}");
        api.awaitEnd(newer);

        List<String> ids = StreamSupport.stream(ServiceClient.json(api.http.get("/jobs")).spliterator(), false)
                .map(job -> job.get("id").asString()).toList();

        assertThat(ids).containsSubsequence(newer, older);
        assertThat(ids.get(0)).isEqualTo(newer);
    }

    @Test
    void unknownJobIsNotFoundEverywhere() throws Exception {
        JobApi api = new JobApi(port);
        List<HttpResponse<String>> responses = List.of(api.http.get("/jobs/j0-none"),
                api.http.get("/jobs/j0-none/events"), api.http.postJson("/jobs/j0-none/cancel", ""),
                api.http.delete("/jobs/j0-none"));

        assertThat(responses).isNotEmpty().allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        });
    }

    @Test
    void metersCountJobsByStatusAndTimeEveryEpoch() throws Exception {
        JobApi api = new JobApi(port);
        long epochsBefore = meters.get("scratchnet.jobs.epoch").timer().count();
        api.awaitStatus(api.submit("{\"dataset\":\"nand\",\"hiddenSizes\":[],\"epochs\":3}"), "SUCCEEDED");

        assertThat(meters.get("scratchnet.jobs.epoch").timer().count()).isEqualTo(epochsBefore + 3);
        assertThat(meters.get("scratchnet.jobs").tag("status", "SUCCEEDED").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("scratchnet.jobs").tag("status", "RUNNING").gauge().value()).isZero();
    }

    @Test
    void apiDocsShowTheBooksDefaultForEveryJobFieldAndEveryJobOperation() throws Exception {
        JobApi api = new JobApi(port);
        JsonNode docs = ServiceClient.json(api.http.get("/v3/api-docs"));
        JsonNode properties = docs.at("/components/schemas/JobConfig/properties");
        JobConfig book = new JobConfig(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null).withDefaults();
        JsonNode defaults = JsonMapper.shared().valueToTree(book);

        List<String> fields = List.copyOf(defaults.propertyNames());
        assertThat(fields).hasSize(14);
        for (String field : fields) {
            assertThat(text(properties.get(field).get("default"))).as(field).isEqualTo(text(defaults.get(field)));
        }
        for (String field : properties.propertyNames()) {
            assertThat(properties.get(field).has("example") || properties.get(field).has("description")).as(field)
                    .isTrue();
        }
        assertThat(docs.at("/paths/~1jobs").propertyNames()).contains("get", "post");
        assertThat(docs.at("/paths/~1jobs~1{id}").propertyNames()).contains("get", "delete");
        assertThat(docs.at("/paths/~1jobs~1{id}~1cancel").propertyNames()).contains("post");
        assertThat(docs.at("/paths/~1jobs~1{id}~1events").propertyNames()).contains("get");
    }

    /** A default as text, whether the document gives it as a JSON string or as a number, boolean or array. */
    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : value.toString();
    }

    private static List<String> statuses(List<JobApi.Event> events) {
        return events.stream().filter(e -> e.name().equals("status")).map(e -> e.data().get("status").asString())
                .toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        return List.copyOf(node.propertyNames());
    }
}
