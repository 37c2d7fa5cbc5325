package dev.scratchnet.job;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import dev.scratchnet.dataset.Dataset;
import dev.scratchnet.dataset.DatasetCatalog;
import dev.scratchnet.dataset.LabelledSamples;
import dev.scratchnet.engine.Batch;
import dev.scratchnet.engine.Checkpoint;
import dev.scratchnet.engine.EpochResult;
import dev.scratchnet.engine.GradientCheck;
import dev.scratchnet.engine.LossDivergedException;
import dev.scratchnet.engine.MultiLayerNet;
import dev.scratchnet.engine.RandomState;
import dev.scratchnet.engine.Trainer;
import dev.scratchnet.engine.TrainingConfig;
import dev.scratchnet.engine.TrainingResult;
import dev.scratchnet.model.ModelMetrics;
import dev.scratchnet.model.ModelRegistry;
import dev.scratchnet.model.NewModel;
import dev.scratchnet.model.SavedModel;
import dev.scratchnet.storage.ScratchnetProperties;
import dev.scratchnet.storage.StorageFullException;
import dev.scratchnet.storage.StorageSpace;

/**
 * Trains one job on a worker thread, from scratch or from its checkpoint, and settles how it ends: a published model,
 * a failure with its reason, a cancellation, or (at shutdown) nothing at all, so that it resumes at the next start.
 */
@Component
class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    /** The book checks gradients on {@code x_train[:3]} (DLfS ch. 5, gradient_check.py). */
    private static final int GRADIENT_CHECK_SAMPLES = 3;

    private final DatasetCatalog catalog;
    private final ModelRegistry registry;
    private final JobStore store;
    private final JobEvents events;
    private final long progressIntervalNanos;
    private final Timer epochTimer;
    private final Trainer trainer = new Trainer();

    JobRunner(DatasetCatalog catalog, ModelRegistry registry, JobStore store, JobEvents events,
            ScratchnetProperties properties, MeterRegistry meters) {
        this.catalog = catalog;
        this.registry = registry;
        this.store = store;
        this.events = events;
        this.progressIntervalNanos = properties.jobs().progressInterval().toNanos();
        this.epochTimer = Timer.builder("scratchnet.jobs.epoch").description("Wall-clock time of one training epoch")
                .register(meters);
    }

    /** Runs the job until it ends or {@code stopping} turns true; never throws. */
    void run(TrainingJob job, BooleanSupplier stopping) {
        try {
            if (!job.start(Instant.now())) {
                return;
            }
            Dataset dataset = catalog.get(job.record().config().dataset());
            TrainingResult result = train(job, dataset, () -> job.isCancelRequested() || stopping.getAsBoolean());
            settle(job, dataset, result);
        } catch (LossDivergedException e) {
            log.info("Job {} failed: {}", job.id(), e.getMessage());
            failQuietly(job, e.getMessage());
        } catch (StorageFullException e) {
            String reason = storageFull(job, e);
            log.warn("Job {} failed: {}", job.id(), reason);
            failQuietly(job, reason);
        } catch (ErrorResponseException e) {
            // The catalog's refusals (dataset gone, files unreadable) carry a message meant for the client.
            failQuietly(job, e.getBody().getDetail());
        } catch (Throwable e) {
            if (StorageSpace.isNoSpace(e)) {
                // A full disk met by a writer that wraps its IOException (Jackson does).
                String reason = storageFull(job, StorageFullException.noSpace(e));
                log.warn("Job {} failed: {}", job.id(), reason, e);
                failQuietly(job, reason);
                return;
            }
            // Any Error too: an OutOfMemoryError here is this job's arrays, unreachable once it fails; a
            // StackOverflowError or AssertionError is this job's bug. Either way the service carries on, and the
            // job must not stay RUNNING for ever.
            log.error("Job {} failed", job.id(), e);
            failQuietly(job, "Training failed: " + (e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName()) + "; the server log has the details");
        }
    }

    private TrainingResult train(TrainingJob job, Dataset dataset, BooleanSupplier cancelled) {
        JobConfig config = job.record().config();
        LabelledSamples train = config.trainLimit() == null ? dataset.train()
                : dataset.train().limit(config.trainLimit());
        TrainingConfig training = config.trainingConfig(dataset.inputSize(), dataset.classCount());
        if (config.gradientCheck() && job.record().gradientCheck() == null) {
            job.gradientChecked(gradientCheck(training, train));
        }
        EpochRecorder recorder = new EpochRecorder(job, store, events, epochTimer, progressIntervalNanos);
        Optional<Checkpoint> checkpoint = store.checkpoint(job.id()).filter(c -> fits(job, c, training));
        if (checkpoint.isPresent()) {
            job.resumeAt(checkpoint.get().history());
            log.info("Job {} resumes after epoch {}", job.id(), checkpoint.get().epochsDone());
            return trainer.resume(training, checkpoint.get(), train, dataset.test(), recorder, cancelled);
        }
        if (!job.record().epochs().isEmpty()) {
            job.resumeAt(List.of());
            log.info("Job {} has no usable checkpoint and starts over", job.id());
        }
        return trainer.train(training, train, dataset.test(), recorder, cancelled);
    }

    private static boolean fits(TrainingJob job, Checkpoint checkpoint, TrainingConfig training) {
        List<Integer> sizes = Arrays.stream(checkpoint.weights().sizes()).boxed().toList();
        boolean fits = sizes.equals(training.architecture().sizes()) && checkpoint.epochsDone() <= training.epochs();
        if (!fits) {
            log.warn("Job {}: its checkpoint does not match its configuration; the job starts over", job.id());
        }
        return fits;
    }

    private static GradientCheck gradientCheck(TrainingConfig training, LabelledSamples train) {
        // The network as training will start it: the same seed draws the same initial weights.
        MultiLayerNet net = MultiLayerNet.initialize(training.architecture(), training.loss(), training.weightInit(),
                training.weightInitStd(), new RandomState(training.seed()));
        Batch batch = new Batch(Math.min(GRADIENT_CHECK_SAMPLES, train.size()), train.inputSize());
        batch.fillRange(train, 0, batch.capacity());
        return GradientCheck.of(net, batch);
    }

    private void settle(TrainingJob job, Dataset dataset, TrainingResult result) {
        if (result.outcome() == TrainingResult.Outcome.CANCELLED) {
            if (job.isCancelRequested()) {
                job.cancelled(Instant.now());
                log.info("Job {} cancelled after {} epochs", job.id(), result.epochs().size());
            } else {
                log.info("Job {} stops for shutdown after {} epochs and resumes at the next start", job.id(),
                        result.epochs().size());
            }
            return;
        }
        if (!job.beginSettling()) {
            // The cancel came after the last iteration's check: it was answered 202, so no model.
            job.cancelled(Instant.now());
            log.info("Job {} cancelled as its training finished", job.id());
            return;
        }
        SavedModel model = publish(job, dataset, result);
        job.succeed(model.id(), Instant.now());
        log.info("Job {} succeeded with model {} (epoch {} of {})", job.id(), model.id(), result.bestEpoch(),
                result.epochs().size());
    }

    /** The job's model; if a crash came between publishing it and saving the job, the one published then. */
    private SavedModel publish(TrainingJob job, Dataset dataset, TrainingResult result) {
        Optional<SavedModel> earlier = registry.list().stream().filter(m -> job.id().equals(m.jobId())).findFirst();
        if (earlier.isPresent()) {
            return earlier.get();
        }
        JobConfig config = job.record().config();
        EpochResult best = result.epochs().get(result.bestEpoch() - 1);
        return registry.publish(new NewModel(config.architecture(dataset.inputSize(), dataset.classCount()),
                ApiNames.LOSS.get(config.loss()), result.weights(), dataset.name(), dataset.classNames(),
                dataset.scaling(), job.id(), new ModelMetrics(best.epoch(), best.trainAccuracy(),
                best.testAccuracy(), best.trainLoss(), best.testLoss())));
    }

    /**
     * A job the disk has no room for fails rather than pauses: nothing would free the space by itself, and a job
     * left RUNNING would hold its worker. Epochs are saved in order, so the one that failed follows the last listed.
     */
    private static String storageFull(TrainingJob job, StorageFullException e) {
        int saved = job.record().epochs().size();
        String what = job.isSettling() ? "The trained model (after epoch " + saved + ")"
                : "Epoch " + (saved + 1);
        String detail = e.getBody().getDetail();
        return what + " could not be saved: " + Character.toLowerCase(detail.charAt(0)) + detail.substring(1) + ". "
                + (saved == 0 ? "No epoch is listed" : "Epochs 1 to " + saved + " are listed")
                + "; submit the job again once there is room";
    }

    private static void failQuietly(TrainingJob job, String reason) {
        try {
            job.fail(reason, Instant.now());
        } catch (RuntimeException e) {
            log.error("Job {} failed ({}) and that could not be saved: {}", job.id(), reason, e.getMessage());
        }
    }
}
