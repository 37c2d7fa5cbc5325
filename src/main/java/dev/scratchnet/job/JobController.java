package dev.scratchnet.job;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/** {@code /jobs}: submit training jobs, follow them, cancel and delete them. */
@RestController
@RequestMapping(path = "/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Jobs", description = "Training jobs that run in the background on a bounded queue and survive restarts")
class JobController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;

    private final JobLimits limits;
    private final JobRegistry registry;
    private final JobQueue queue;
    private final JobEvents events;
    private final JobRequestReader reader;

    JobController(JobLimits limits, JobRegistry registry, JobQueue queue, JobEvents events, JsonMapper mapper) {
        this.reader = new JobRequestReader(mapper);
        this.limits = limits;
        this.registry = registry;
        this.queue = queue;
        this.events = events;
    }

    @PostMapping
    @Operation(summary = "Start a training job",
            description = "The body is optional and every field defaults to the book's value (DLfS ch. 4: MNIST, "
                    + "784-50-10 sigmoid/softmax, SGD at 0.1, batches of 100, 17 epochs = 10,000 iterations). The "
                    + "job waits in a bounded queue; follow it with GET /jobs/{id} or its event stream.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = JobConfig.class),
                            examples = {
                                @ExampleObject(name = "book", summary = "The book's run, all defaults", value = "{}"),
                                @ExampleObject(name = "quick", summary = "Two quick epochs on 2,000 digits",
                                        value = "{\"trainLimit\":2000,\"epochs\":2,\"seed\":42}"),
                                @ExampleObject(name = "xor", summary = "XOR with one hidden layer (ch. 2)",
                                        value = "{\"dataset\":\"xor\",\"hiddenSizes\":[8],\"activation\":\"tanh\","
                                                + "\"optimizer\":\"adam\",\"batchSize\":4,\"epochs\":100,"
                                                + "\"sampling\":\"shuffle\",\"weightInit\":\"xavier\"}")})))
    @ApiResponse(responseCode = "202", description = "Queued; Location is /jobs/{id}")
    @ApiResponse(responseCode = "200", description = "A retry: the job this Idempotency-Key and body created before")
    @ApiResponse(responseCode = "400", description = "A field at fault; errors names it, its value and what is "
            + "allowed", content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class), examples = @ExampleObject(value = """
                            {"type":"about:blank","title":"Bad Request","status":400,"instance":"/jobs",
                             "detail":"activation 'step' cannot be trained: its derivative is 0 almost everywhere, \
                            so gradient descent gets no signal (DLfS ch. 3-4)",
                             "errors":[{"field":"activation","rejected":"step","allowed":["sigmoid","relu","tanh"]}]}\
                            """)))
    @ApiResponse(responseCode = "409", description = "The Idempotency-Key was used with another body")
    @ApiResponse(responseCode = "413", description = "A body over 64 KB")
    @ApiResponse(responseCode = "415", description = "A non-empty body that is not JSON")
    @ApiResponse(responseCode = "429", description = "The queue is full; Retry-After says when to try again")
    ResponseEntity<JobView> submit(
            @Parameter(description = "Makes retries safe: the same key with the same body returns the first job, "
                    + "with another body it is a 409", example = "5f1c9a7e-retry-safe")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false)
            String contentType,
            @Parameter(hidden = true) InputStream body) throws IOException, HttpMediaTypeNotSupportedException {
        checkIdempotencyKey(idempotencyKey);
        JobConfig request = reader.read(body, contentType);
        JobQueue.Submission submission = queue.submit(limits.check(request), idempotencyKey);
        URI location = URI.create("/jobs/" + submission.job().id());
        return (submission.created() ? ResponseEntity.accepted() : ResponseEntity.ok()).location(location)
                .body(submission.view());
    }

    @GetMapping
    @Operation(summary = "List every job, newest first")
    List<JobView> list() {
        return registry.list().stream().map(TrainingJob::view).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "A job: status, effective config, progress, per-epoch figures, model or error")
    @ApiResponse(responseCode = "200", description = "The job")
    @ApiResponse(responseCode = "404", description = "No such job")
    JobView get(@Parameter(description = "The job's id", example = "j7-k2x9q1") @PathVariable String id) {
        return registry.get(id).view();
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow a job as Server-Sent Events",
            description = "Events: status ({status, modelId, error}) at each change, epoch (one finished epoch's "
                    + "figures) and progress ({epoch, epochs, iteration, iterations, percent}, at most every "
                    + "scratchnet.jobs.progress-interval). A subscriber first gets the job's status, its epochs so "
                    + "far and its progress; the stream ends when the job ends.")
    @ApiResponse(responseCode = "200", description = "The event stream", content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, examples = @ExampleObject(value = """
                    event:status
                    data:{"status":"RUNNING"}

                    event:progress
                    data:{"epoch":1,"epochs":2,"iteration":10,"iterations":20,"percent":25.0}

                    event:epoch
                    data:{"epoch":1,"trainAccuracy":0.62,"testAccuracy":0.6,"trainLoss":1.9,"testLoss":1.92,\
                    "seconds":0.4}
                    """)))
    @ApiResponse(responseCode = "404", description = "No such job")
    @ApiResponse(responseCode = "503", description = "Over scratchnet.jobs.max-event-streams open streams")
    SseEmitter events(@Parameter(description = "The job's id", example = "j7-k2x9q1") @PathVariable String id) {
        return events.subscribe(registry.get(id));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a queued or running job",
            description = "A queued job is CANCELLED at once (200); a running one stops within one iteration "
                    + "(202: its status turns CANCELLED shortly, as its event stream shows). No model is saved: a "
                    + "cancel answered 202 always ends CANCELLED, even if training finished meanwhile. Once training "
                    + "has finished and the model is being published, a cancel is refused (409) and the job ends "
                    + "SUCCEEDED.")
    @ApiResponse(responseCode = "200", description = "Cancelled")
    @ApiResponse(responseCode = "202", description = "Running; it stops at its next iteration")
    @ApiResponse(responseCode = "404", description = "No such job")
    @ApiResponse(responseCode = "409", description = "The job already ended, or finished training and is "
            + "publishing its model")
    ResponseEntity<JobView> cancel(@Parameter(description = "The job's id", example = "j7-k2x9q1")
            @PathVariable String id) {
        JobView job = queue.cancel(id).view();
        return (job.status() == JobStatus.CANCELLED ? ResponseEntity.ok() : ResponseEntity.accepted()).body(job);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete an ended job and its files",
            description = "Its model, if it made one, stays. Its Idempotency-Key is forgotten.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such job")
    @ApiResponse(responseCode = "409", description = "The job is queued or running; cancel it first")
    ResponseEntity<Void> delete(@Parameter(description = "The job's id", example = "j7-k2x9q1")
            @PathVariable String id) {
        registry.delete(id);
        return ResponseEntity.noContent().build();
    }

    private static void checkIdempotencyKey(String key) {
        if (key != null && (key.isEmpty() || key.length() > MAX_KEY_LENGTH
                || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F))) {
            throw InvalidJobException.of(IDEMPOTENCY_KEY, key, List.of("1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters"), IDEMPOTENCY_KEY + " must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters, such as a UUID");
        }
    }
}
