package dev.scratchnet.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scratchnet.dataset.Dataset;
import dev.scratchnet.dataset.DatasetCatalog;
import dev.scratchnet.engine.EpochResult;
import dev.scratchnet.storage.ScratchnetHome;

/**
 * Jobs driven through the runner on the test's thread: stopped after an epoch as a shutdown stops them, then resumed
 * by a fresh set of parts over the same folder, as after a restart.
 */
class JobRunnerTest {

    /** Adam, so that the resumed run also needs the optimizer's moments back; 1,000 digits keep it quick. */
    private static final JobConfig SEEDED = JobFixture.config("mnist", List.of(30), "relu", "adam", 0.01, 50, 4,
            1000, 20_240_601L);

    @TempDir
    Path home;

    @Test
    void seededJobStoppedAfterTwoEpochsResumesToTheWeightsOfAnUninterruptedRun() throws IOException {
        String id = stopAfterTwoEpochs();

        JobFixture restarted = new JobFixture(home);
        TrainingJob resumed = restarted.jobs.get(id);
        assertThat(restarted.jobs.unfinished()).containsExactly(resumed);
        assertThat(resumed.record().status()).isEqualTo(JobStatus.QUEUED);
        restarted.runner.run(resumed, () -> false);
        TrainingJob uninterrupted = restarted.runToEnd(SEEDED);

        assertThat(resumed.record().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(resumed.record().epochs()).hasSize(4);
        JobFixture.assertSameBits(restarted.weights(resumed), restarted.weights(uninterrupted));
        assertThat(figures(resumed)).isEqualTo(figures(uninterrupted));
        assertThat(home.resolve("jobs").resolve(id).resolve(JobStore.CHECKPOINT)).doesNotExist();
    }

    @Test
    void damagedCheckpointMakesTheJobStartOverAndStillEndAsSeeded() throws IOException {
        String id = stopAfterTwoEpochs();
        Path checkpoint = home.resolve("jobs").resolve(id).resolve(JobStore.CHECKPOINT);
        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(checkpoint, bytes);

        JobFixture restarted = new JobFixture(home);
        TrainingJob job = restarted.jobs.get(id);
        restarted.runner.run(job, () -> false);

        assertThat(job.record().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.record().epochs()).hasSize(4);
        JobFixture.assertSameBits(restarted.weights(job), restarted.weights(restarted.runToEnd(SEEDED)));
    }

    @Test
    void truncatedJobRecordIsSkippedAndTheOthersLoad() throws IOException {
        JobFixture first = new JobFixture(home);
        TrainingJob kept = first.jobs.create(SEEDED.withDefaults(), null);
        TrainingJob torn = first.jobs.create(SEEDED.withDefaults(), null);
        Path record = home.resolve("jobs").resolve(torn.id()).resolve(JobStore.RECORD);
        byte[] bytes = Files.readAllBytes(record);
        Files.write(record, Arrays.copyOf(bytes, bytes.length / 2));

        JobFixture restarted = new JobFixture(home);

        assertThat(restarted.jobs.list()).extracting(TrainingJob::id).containsExactly(kept.id());
        assertThat(restarted.jobs.unfinished()).extracting(TrainingJob::id).containsExactly(kept.id());
    }

    @Test
    void divergingLossFailsWithItsReasonAndSavesNoModel() {
        JobFixture fixture = new JobFixture(home);
        JobConfig exploding = new JobConfig("mnist", List.of(50), "tanh", "identity", "sum_squares", "sgd", 100.0,
                100, 10, null, "xavier", null, null, null, null, 1000, 1L);

        TrainingJob job = fixture.runToEnd(exploding);

        assertThat(job.record().status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.record().error()).contains("The loss became").contains("learning rate 100.0");
        assertThat(job.record().modelId()).isNull();
        assertThat(fixture.models.list()).isEmpty();
    }

    @Test
    void gradientCheckComparesEveryParameterArrayBeforeTraining() {
        JobFixture fixture = new JobFixture(home);
        JobConfig checked = new JobConfig("xor", List.of(4), "sigmoid", null, null, null, null, 4, 1, null, "xavier",
                null, null, true, null, null, 3L);

        TrainingJob job = fixture.runToEnd(checked);

        assertThat(job.record().gradientCheck().parameters()).extracting(p -> p.name())
                .containsExactly("W1", "b1", "W2", "b2");
        assertThat(job.record().gradientCheck().maxAbsoluteDifference()).isLessThan(1e-6);
    }

    @Test
    void jobFoundRunningAfterItsModelWasPublishedKeepsThatModel() {
        JobFixture first = new JobFixture(home);
        TrainingJob job = first.runToEnd(JobFixture.config("and", List.of(), null, null, 0.5, 4, 20, null, 1L));
        String modelId = job.record().modelId();
        // As if the service died after publishing the model and before saving the job as SUCCEEDED.
        first.store.save(job.record().ended(JobStatus.RUNNING, null, null, null));

        JobFixture restarted = new JobFixture(home);
        TrainingJob again = restarted.jobs.get(job.id());
        restarted.runner.run(again, () -> false);

        assertThat(again.record().modelId()).isEqualTo(modelId);
        assertThat(restarted.models.list()).hasSize(1);
    }

    @Test
    void restartQueuesTheRunningJobFirstThenTheQueuedInTheirOrder() {
        JobFixture first = new JobFixture(home);
        TrainingJob a = first.jobs.create(SEEDED.withDefaults(), null);
        TrainingJob b = first.jobs.create(SEEDED.withDefaults(), null);
        TrainingJob c = first.jobs.create(SEEDED.withDefaults(), null);
        TrainingJob ended = first.jobs.create(SEEDED.withDefaults(), null);
        b.start(Instant.now());
        ended.cancel(Instant.now());

        JobFixture restarted = new JobFixture(home);

        assertThat(restarted.jobs.unfinished()).extracting(TrainingJob::id).containsExactly(b.id(), a.id(), c.id());
        assertThat(restarted.jobs.list()).extracting(TrainingJob::id)
                .containsExactly(ended.id(), c.id(), b.id(), a.id());
        assertThat(restarted.jobs.get(ended.id()).record().status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void idempotencyKeyStillFindsItsJobAfterARestart() {
        JobConfig config = JobFixture.config("and", List.of(), null, null, 0.5, 4, 2, null, null).withDefaults();
        TrainingJob job = new JobFixture(home).jobs.create(config, "retry-me");

        JobFixture restarted = new JobFixture(home);

        assertThat(restarted.jobs.replay("retry-me", config)).map(TrainingJob::id).hasValue(job.id());
        assertThatThrownBy(() -> restarted.jobs.replay("retry-me", config.withSeed(2)))
                .isInstanceOf(JobConflictException.class).hasMessageContaining(job.id());
    }

    @Test
    void errorThrownByTrainingFailsTheJobWithoutAStackTraceAndTheWorkerTakesTheNextJob() throws InterruptedException {
        DatasetCatalog catalog = JobFixture.builtInDatasets();
        Dataset broken = mock(Dataset.class);
        when(broken.train()).thenThrow(new StackOverflowError());
        when(catalog.get("mnist")).thenReturn(broken);
        JobFixture fixture = new JobFixture(home, catalog);
        JobQueue queue = new JobQueue(fixture.properties, fixture.jobs, fixture.events, fixture.runner);
        queue.start();
        try {
            TrainingJob failing = queue.submit(SEEDED.withDefaults(), null).job();
            TrainingJob next = queue.submit(JobFixture.config("and", List.of(), null, null, 0.5, 4, 2, null, 1L)
                    .withDefaults(), null).job();

            awaitEnd(next);

            assertThat(failing.record().status()).isEqualTo(JobStatus.FAILED);
            assertThat(failing.record().error()).contains("StackOverflowError").doesNotContain("\tat ");
            assertThat(next.record().status()).isEqualTo(JobStatus.SUCCEEDED);
        } finally {
            queue.stop();
        }
    }

    @Test
    void cancelThatArrivesAfterTheLastIterationStillEndsTheJobCancelledWithoutAModel() {
        AtomicReference<TrainingJob> running = new AtomicReference<>();
        AtomicBoolean accepted = new AtomicBoolean();
        // The last epoch's announcement comes after the trainer's last look at the cancel flag.
        JobEvents events = new JobEvents() {
            @Override
            void publish(String jobId, String name, Object data) {
                if (data instanceof EpochResult epoch && epoch.epoch() == 2) {
                    accepted.set(!running.get().cancel(Instant.now()));
                }
                super.publish(jobId, name, data);
            }
        };
        JobFixture fixture = new JobFixture(home, JobFixture.builtInDatasets(), events);
        TrainingJob job = fixture.jobs.create(JobFixture.config("and", List.of(), null, null, 0.5, 4, 2, null, 1L)
                .withDefaults(), null);
        running.set(job);

        fixture.runner.run(job, () -> false);

        assertThat(accepted).as("the cancel was answered 202").isTrue();
        assertThat(job.record().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(job.record().modelId()).isNull();
        assertThat(fixture.models.list()).isEmpty();
    }

    @Test
    void cancelOfJobPublishingItsModelIsConflict() {
        TrainingJob job = new JobFixture(home).jobs.create(SEEDED.withDefaults(), null);
        job.start(Instant.now());

        assertThat(job.beginSettling()).isTrue();

        assertThatThrownBy(() -> job.cancel(Instant.now())).isInstanceOf(JobConflictException.class)
                .hasMessageContaining("finished training");
        assertThat(job.record().status()).isEqualTo(JobStatus.RUNNING);
    }

    private static void awaitEnd(TrainingJob job) throws InterruptedException {
        long deadline = System.nanoTime() + JobApi.PATIENCE.toNanos();
        while (!job.record().status().isEnded()) {
            assertThat(System.nanoTime()).as("job %s still %s", job.id(), job.record().status())
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Runs the seeded job until a stop, as at shutdown, comes after its second epoch; returns its id. */
    private String stopAfterTwoEpochs() {
        JobFixture first = new JobFixture(home);
        TrainingJob job = first.jobs.create(SEEDED.withDefaults(), null);
        first.runner.run(job, () -> job.record().epochs().size() >= 2);

        JobRecord saved = new JobStore(new ScratchnetHome(home)).loadAll().get(0);
        assertThat(saved.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(saved.epochs()).hasSize(2);
        assertThat(home.resolve("jobs").resolve(job.id()).resolve(JobStore.CHECKPOINT)).exists();
        return job.id();
    }

    /** The epochs' figures without their wall-clock seconds, which no two runs share. */
    private static List<List<Double>> figures(TrainingJob job) {
        return job.record().epochs().stream().map(e -> List.of((double) e.epoch(), e.trainAccuracy(),
                e.testAccuracy(), e.trainLoss(), e.testLoss())).toList();
    }
}
