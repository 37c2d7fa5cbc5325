package dev.scratchnet.job;

/** Where a job is in its life: QUEUED → RUNNING → SUCCEEDED, FAILED or CANCELLED. */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    /** Whether the job will never change again: it can be deleted but not cancelled. */
    public boolean isEnded() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
