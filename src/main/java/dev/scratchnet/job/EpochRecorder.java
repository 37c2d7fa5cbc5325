package dev.scratchnet.job;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.scratchnet.engine.Checkpoint;
import dev.scratchnet.engine.EpochResult;
import dev.scratchnet.engine.TrainingListener;

/**
 * What a running job reports, on its training thread: after each epoch the checkpoint, then the record that lists
 * the epoch (so a record never names an epoch its checkpoint cannot continue from), a log line and the epoch timer;
 * after each iteration the live progress, published at most once per progress interval.
 */
final class EpochRecorder implements TrainingListener {

    private static final Logger log = LoggerFactory.getLogger(EpochRecorder.class);

    private final TrainingJob job;
    private final JobStore store;
    private final JobEvents events;
    private final Timer epochTimer;
    private final long progressIntervalNanos;
    private long lastProgress;

    EpochRecorder(TrainingJob job, JobStore store, JobEvents events, Timer epochTimer, long progressIntervalNanos) {
        this.job = job;
        this.store = store;
        this.events = events;
        this.epochTimer = epochTimer;
        this.progressIntervalNanos = progressIntervalNanos;
        this.lastProgress = System.nanoTime() - progressIntervalNanos;
    }

    @Override
    public void onIteration(int epoch, int iteration, int iterations, double batchLoss) {
        Progress progress = Progress.of(epoch, job.record().config().epochs(), iteration, iterations);
        job.progressed(progress);
        long now = System.nanoTime();
        if (now - lastProgress >= progressIntervalNanos) {
            lastProgress = now;
            events.publish(job.id(), JobEvents.PROGRESS, progress);
        }
    }

    @Override
    public void onEpoch(EpochResult result, Checkpoint checkpoint) {
        store.saveCheckpoint(job.id(), checkpoint);
        job.epochFinished(result);
        epochTimer.record(Duration.ofNanos((long) (result.seconds() * 1e9)));
        log.info("Job {} epoch {}/{}: train accuracy {}, test accuracy {}, train loss {}, test loss {}, {} s",
                job.id(), result.epoch(), job.record().config().epochs(), figure(result.trainAccuracy()),
                figure(result.testAccuracy()), figure(result.trainLoss()), figure(result.testLoss()),
                String.format(Locale.ROOT, "%.2f", result.seconds()));
    }

    private static String figure(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
