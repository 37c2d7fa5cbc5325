package dev.scratchnet.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.scratchnet.engine.EpochResult;
import dev.scratchnet.engine.GradientCheck;

/**
 * A job as {@code job.json} keeps it: everything but the live progress, so that a restart lists it as it was.
 *
 * @param sequence       submission order, which {@code GET /jobs} and the queue after a restart follow
 * @param idempotencyKey the {@code Idempotency-Key} it was submitted with, or null
 * @param requestDigest  SHA-256 of the defaulted request, what a retry with the same key must match
 */
record JobRecord(String id, long sequence, JobConfig config, JobStatus status, List<EpochResult> epochs,
        GradientCheck gradientCheck, String modelId, String error, Instant createdAt, Instant startedAt,
        Instant finishedAt, String idempotencyKey, String requestDigest) {

    JobRecord {
        epochs = epochs == null ? List.of() : List.copyOf(epochs);
    }

    static JobRecord queued(String id, long sequence, JobConfig config, Instant now, String idempotencyKey,
            String requestDigest) {
        return new JobRecord(id, sequence, config, JobStatus.QUEUED, List.of(), null, null, null, now, null, null,
                idempotencyKey, requestDigest);
    }

    /** Running; a job that resumes keeps the time it first started. */
    JobRecord started(Instant now) {
        return new JobRecord(id, sequence, config, JobStatus.RUNNING, epochs, gradientCheck, modelId, error,
                createdAt, startedAt == null ? now : startedAt, finishedAt, idempotencyKey, requestDigest);
    }

    JobRecord withEpochs(List<EpochResult> history) {
        return new JobRecord(id, sequence, config, status, history, gradientCheck, modelId, error, createdAt,
                startedAt, finishedAt, idempotencyKey, requestDigest);
    }

    JobRecord withEpoch(EpochResult epoch) {
        List<EpochResult> history = new ArrayList<>(epochs);
        history.add(epoch);
        return withEpochs(history);
    }

    JobRecord withGradientCheck(GradientCheck check) {
        return new JobRecord(id, sequence, config, status, epochs, check, modelId, error, createdAt, startedAt,
                finishedAt, idempotencyKey, requestDigest);
    }

    JobRecord ended(JobStatus end, String model, String reason, Instant now) {
        return new JobRecord(id, sequence, config, end, epochs, gradientCheck, model, reason, createdAt, startedAt,
                now, idempotencyKey, requestDigest);
    }

    /** Queued again in memory after a restart found it running; the file keeps RUNNING until it runs again. */
    JobRecord requeued() {
        return new JobRecord(id, sequence, config, JobStatus.QUEUED, epochs, gradientCheck, modelId, error,
                createdAt, startedAt, finishedAt, idempotencyKey, requestDigest);
    }
}
