package dev.scratchnet.job;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.scratchnet.engine.EpochResult;
import dev.scratchnet.engine.GradientCheck;

/** A job as the API shows it: {@code GET /jobs/{id}}, each entry of {@code GET /jobs}, and what POST answers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A training job", example = """
        {"id":"j7-k2x9q1","status":"RUNNING","config":{"dataset":"mnist","hiddenSizes":[50],"activation":"sigmoid",
         "outputActivation":"softmax","loss":"cross_entropy","optimizer":"sgd","learningRate":0.1,"batchSize":100,
         "epochs":17,"sampling":"with_replacement","weightInit":"normal","weightInitStd":0.01,"gradient":"backprop",
         "gradientCheck":false,"seed":4021958172},
         "progress":{"epoch":2,"epochs":17,"iteration":300,"iterations":600,"percent":8.8},
         "epochs":[{"epoch":1,"trainAccuracy":0.7875,"testAccuracy":0.7942,"trainLoss":0.903,"testLoss":0.889,
         "seconds":1.9}],"createdAt":"2026-11-23T10:15:00Z","startedAt":"2026-11-23T10:15:01Z"}""")
public record JobView(
        @Schema(description = "j, the submission number, and a random suffix", example = "j7-k2x9q1") String id,
        @Schema(description = "QUEUED → RUNNING → SUCCEEDED, FAILED or CANCELLED; a job found RUNNING at start-up "
                + "is QUEUED again until a worker resumes it", example = "RUNNING")
        JobStatus status,
        @Schema(description = "The effective configuration: the request with every default and the seed filled in")
        JobConfig config,
        @Schema(description = "Where training is; percent is 100 once SUCCEEDED")
        Progress progress,
        @Schema(description = "One entry per finished epoch: accuracy and loss over the whole train and test "
                + "sets, and the epoch's wall-clock seconds")
        List<EpochResult> epochs,
        @Schema(description = "Backprop against numerical gradients on three training samples, when asked for: the "
                + "largest absolute and relative differences, and per parameter array", example = """
                {"maxAbsoluteDifference":1.2e-10,"maxRelativeDifference":3.4e-5,"parameters":[{"name":"W1",
                "meanAbsoluteDifference":4.6e-13,"maxAbsoluteDifference":5.7e-12,"maxRelativeDifference":3.4e-5}]}""")
        GradientCheck gradientCheck,
        @Schema(description = "The model the job saved, once SUCCEEDED", example = "m3-1x2y3z")
        String modelId,
        @Schema(description = "Why the job FAILED", example = "The loss became NaN at epoch 2, iteration 17: the "
                + "learning rate 50.0 is probably too large")
        String error,
        @Schema(description = "When it was submitted", example = "2026-11-23T10:15:00Z")
        Instant createdAt,
        @Schema(description = "When it first started; a resumed job keeps it", example = "2026-11-23T10:15:01Z")
        Instant startedAt,
        @Schema(description = "When it ended", example = "2026-11-23T10:16:40Z")
        Instant finishedAt) {

    static JobView of(JobRecord record, Progress progress) {
        return new JobView(record.id(), record.status(), record.config(), progress, record.epochs(),
                record.gradientCheck(), record.modelId(), record.error(), record.createdAt(), record.startedAt(),
                record.finishedAt());
    }
}
