package dev.scratchnet.job;

import java.time.Instant;
import java.util.List;

import dev.scratchnet.engine.EpochResult;
import dev.scratchnet.engine.GradientCheck;

/**
 * One job: its record as last saved, its live progress, and the rules for changing its status. Every change is
 * saved before it becomes visible and announced on the job's event stream while the job's lock is held, so a
 * subscriber that takes the same lock for its first snapshot misses nothing and sees nothing twice.
 */
final class TrainingJob {

    private final JobStore store;
    private final JobEvents events;
    private volatile JobRecord record;
    private volatile Progress progress;
    private volatile boolean cancelRequested;
    private boolean settling;

    TrainingJob(JobRecord record, JobStore store, JobEvents events) {
        this.record = record;
        this.store = store;
        this.events = events;
        this.progress = record.status() == JobStatus.SUCCEEDED
                ? Progress.of(record.epochs().size(), record.config().epochs()).finished()
                : Progress.of(record.epochs().size(), record.config().epochs());
    }

    String id() {
        return record.id();
    }

    JobRecord record() {
        return record;
    }

    JobView view() {
        return JobView.of(record, progress);
    }

    Progress progress() {
        return progress;
    }

    boolean isCancelRequested() {
        return cancelRequested;
    }

    /** Marks the job running; false if it was cancelled between leaving the queue and getting here. */
    synchronized boolean start(Instant now) {
        if (record.status().isEnded()) {
            return false;
        }
        change(record.started(now));
        events.publish(id(), JobEvents.STATUS, JobEvents.StatusChange.of(record));
        return true;
    }

    /** Continues after a restart with the epochs its checkpoint holds; none when it starts over. */
    synchronized void resumeAt(List<EpochResult> history) {
        change(record.withEpochs(history));
        progress = Progress.of(history.size(), record.config().epochs());
    }

    synchronized void gradientChecked(GradientCheck check) {
        change(record.withGradientCheck(check));
    }

    void progressed(Progress now) {
        progress = now;
    }

    synchronized void epochFinished(EpochResult epoch) {
        change(record.withEpoch(epoch));
        events.publish(id(), JobEvents.EPOCH, epoch);
    }

    synchronized void succeed(String modelId, Instant now) {
        progress = progress.finished();
        end(record.ended(JobStatus.SUCCEEDED, modelId, null, now));
    }

    synchronized void fail(String reason, Instant now) {
        end(record.ended(JobStatus.FAILED, null, reason, now));
    }

    synchronized void cancelled(Instant now) {
        end(record.ended(JobStatus.CANCELLED, null, null, now));
    }

    /**
     * Ends the stretch in which the job can be cancelled, once training has finished and before its model is
     * published; false if a cancel came first, and then the job must end CANCELLED, as that cancel's 202 promised.
     */
    synchronized boolean beginSettling() {
        settling = true;
        return !cancelRequested;
    }

    /** Whether training has finished and the model is being published. */
    synchronized boolean isSettling() {
        return settling;
    }

    /**
     * Cancels the job: a queued one at once (true: take it off the queue), a running one at its next iteration
     * (false). An ended job, or one whose training has finished and whose model is being published, cannot be
     * cancelled: 409.
     */
    synchronized boolean cancel(Instant now) {
        if (record.status().isEnded()) {
            throw new JobConflictException("Job " + id() + " already ended as " + record.status()
                    + "; only QUEUED and RUNNING jobs can be cancelled");
        }
        if (settling) {
            throw new JobConflictException("Job " + id() + " has finished training and is publishing its model; "
                    + "it can no longer be cancelled");
        }
        cancelRequested = true;
        if (record.status() == JobStatus.QUEUED) {
            cancelled(now);
            return true;
        }
        return false;
    }

    /** Only an ended job can be deleted: a live one would leave a worker training for nobody. */
    synchronized void checkDeletable() {
        if (!record.status().isEnded()) {
            throw new JobConflictException("Job " + id() + " is " + record.status() + "; cancel it before deleting it");
        }
    }

    private void end(JobRecord ended) {
        // An ended job must show as ended even if the disk refuses the record; the failure is the caller's to log.
        try {
            change(ended);
            // An ended job never resumes, so its checkpoint is only disk space.
            store.deleteCheckpoint(id());
        } finally {
            record = ended;
            events.publish(id(), JobEvents.STATUS, JobEvents.StatusChange.of(ended));
            events.end(id());
        }
    }

    private void change(JobRecord next) {
        store.save(next);
        record = next;
    }
}
