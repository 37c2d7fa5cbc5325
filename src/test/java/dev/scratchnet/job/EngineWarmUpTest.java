package dev.scratchnet.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.AdditionalAnswers;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.scratchnet.dataset.BuiltInDatasets;
import dev.scratchnet.dataset.Dataset;
import dev.scratchnet.dataset.DatasetCatalog;

/** The warm-up trains as long as it is asked to, and gives way to the first job. */
@ExtendWith(OutputCaptureExtension.class)
class EngineWarmUpTest {

    @TempDir
    Path home;

    @Test
    void trainsTheIterationsAskedFor() {
        assertThat(EngineWarmUp.train(45, () -> false)).isEqualTo(45);
    }

    @Test
    void stopsBeforeTheNextIterationWhenToldTo() {
        assertThat(EngineWarmUp.train(EngineWarmUp.ITERATIONS, () -> true)).isZero();

        AtomicInteger asked = new AtomicInteger();
        // Told to stop at its eleventh question: ten iterations run, none after.
        assertThat(EngineWarmUp.train(EngineWarmUp.ITERATIONS, () -> asked.incrementAndGet() > 10)).isEqualTo(10);
    }

    @Test
    void queueStopsWarmingUpWhileAJobRuns(CapturedOutput output) throws InterruptedException {
        // The job holds its worker until the warm-up has said it stopped: it cannot end first and free the cores.
        CountDownLatch warmUpOver = new CountDownLatch(1);
        Dataset mnist = BuiltInDatasets.mnist();
        Dataset held = mock(Dataset.class, AdditionalAnswers.delegatesTo(mnist));
        doAnswer(call -> {
            warmUpOver.await(JobApi.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            return mnist.train();
        }).when(held).train();
        DatasetCatalog catalog = JobFixture.builtInDatasets();
        when(catalog.get("mnist")).thenReturn(held);
        JobFixture fixture = new JobFixture(home, catalog);
        assertThat(fixture.properties.jobs().warmUp()).as("on by default").isTrue();
        JobQueue queue = new JobQueue(fixture.properties, fixture.jobs, fixture.events, fixture.runner);
        queue.start();
        try {
            TrainingJob job = queue.submit(JobFixture.config("mnist", List.of(10), null, null, 0.1, 100, 1, 500, 1L)
                    .withDefaults(), null).job();

            long deadline = System.nanoTime() + JobApi.PATIENCE.toNanos();
            while (!output.getAll().contains("Stopped warming up the training engine")) {
                assertThat(System.nanoTime()).as("the warm-up still running").isLessThan(deadline);
                Thread.sleep(10);
            }
            warmUpOver.countDown();
            while (!job.record().status().isEnded()) {
                assertThat(System.nanoTime()).as("job still %s", job.record().status()).isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(job.record().status()).isEqualTo(JobStatus.SUCCEEDED);
        } finally {
            warmUpOver.countDown();
            queue.stop();
        }
    }
}
