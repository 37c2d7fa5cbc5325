package dev.scratchnet.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scratchnet.engine.EpochResult;
import dev.scratchnet.storage.ScratchnetHome;

/** Job event streams: the late subscriber's snapshot, order and completion, and a client too slow to keep up. */
class JobEventsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path home;

    private final JobEvents events = new JobEvents();

    @Test
    void lateSubscriberGetsTheStatusEveryEpochAndTheProgressThenTheStreamEnds() throws InterruptedException {
        List<EpochResult> epochs = new ArrayList<>();
        for (int epoch = 1; epoch <= 3000; epoch++) {
            epochs.add(new EpochResult(epoch, 1.0, 1.0, 0.01, 0.01, 0.01));
        }
        TrainingJob ended = job(record().started(Instant.now()).withEpochs(epochs)
                .ended(JobStatus.SUCCEEDED, "m1", null, Instant.now()));
        Recorder client = new Recorder();

        events.subscribe(ended, client);

        assertThat(client.ended.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        List<String> expected = new ArrayList<>(List.of(JobEvents.STATUS));
        expected.addAll(Collections.nCopies(3000, JobEvents.EPOCH));
        expected.add(JobEvents.PROGRESS);
        assertThat(client.names).isEqualTo(expected);
        assertThat(client.error).isNull();
    }

    @Test
    void runningJobStreamsEachChangeInOrderAndEndsWithItsLastStatus() throws InterruptedException {
        TrainingJob job = job(record().started(Instant.now()));
        Recorder client = new Recorder();
        events.subscribe(job, client);

        job.epochFinished(new EpochResult(1, 0.5, 0.5, 1.0, 1.0, 0.1));
        job.epochFinished(new EpochResult(2, 0.7, 0.6, 0.8, 0.9, 0.1));
        job.succeed("m1", Instant.now());

        assertThat(client.ended.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(client.names).containsExactly(JobEvents.STATUS, JobEvents.PROGRESS, JobEvents.EPOCH,
                JobEvents.EPOCH, JobEvents.STATUS);
        assertThat(client.error).isNull();
    }

    @Test
    void clientThatStopsReadingIsDroppedWithoutHoldingUpTheTrainingThread() throws InterruptedException {
        TrainingJob job = job(record().started(Instant.now()));
        CountDownLatch stuck = new CountDownLatch(1);
        Recorder client = new StuckRecorder(stuck);
        JobStream stream = events.subscribe(job, client);

        assertTimeoutPreemptively(PATIENCE, () -> {
            for (int iteration = 1; iteration <= 5000; iteration++) {
                events.publish(job.id(), JobEvents.PROGRESS, Progress.of(1, 1, iteration, 5000));
            }
        });

        assertThat(stream.isClosed()).isTrue();
        // The error is reported once the blocked send returns: that send holds the emitter's lock.
        stuck.countDown();
        assertThat(client.ended.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(client.error).hasMessageContaining("behind");
    }

    @Test
    void clientsThatNeverReadHoldUpOnlyThemselvesEvenWhenTheyOutnumberTheSenders() throws InterruptedException {
        JobEvents small = new JobEvents(new EventSenders(4, Duration.ofMillis(300)), 100);
        TrainingJob job = new TrainingJob(record().started(Instant.now()), new JobStore(new ScratchnetHome(home)),
                small);
        CountDownLatch stuck = new CountDownLatch(1);
        List<Recorder> silent = new ArrayList<>();
        List<JobStream> silentStreams = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            Recorder client = new StuckRecorder(stuck);
            silent.add(client);
            silentStreams.add(small.subscribe(job, client));
        }
        List<Recorder> readers = List.of(new Recorder(), new Recorder(), new Recorder());
        readers.forEach(reader -> small.subscribe(job, reader));

        job.epochFinished(new EpochResult(1, 0.5, 0.5, 1.0, 1.0, 0.1));
        job.epochFinished(new EpochResult(2, 0.7, 0.6, 0.8, 0.9, 0.1));
        job.succeed("m1", Instant.now());

        for (Recorder reader : readers) {
            assertThat(reader.ended.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(reader.names).containsExactly(JobEvents.STATUS, JobEvents.PROGRESS, JobEvents.EPOCH,
                    JobEvents.EPOCH, JobEvents.STATUS);
            assertThat(reader.error).isNull();
        }
        stuck.countDown();
        // A silent client still waiting for its first turn when the test lets go reads everything after all.
        for (int k = 0; k < silent.size(); k++) {
            Recorder client = silent.get(k);
            assertThat(client.ended.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(silentStreams.get(k).isClosed()).isTrue();
            if (client.error == null) {
                assertThat(client.names).hasSize(5);
            } else {
                assertThat(client.error).hasMessageContaining("read nothing");
            }
        }
        assertThat(silent).filteredOn(client -> client.error != null).isNotEmpty();
    }

    private TrainingJob job(JobRecord record) {
        return new TrainingJob(record, new JobStore(new ScratchnetHome(home)), events);
    }

    @Test
    void streamsPastTheCapAreRefusedUntilOneCloses() throws InterruptedException {
        EventSenders senders = new EventSenders(2, JobEvents.STUCK_AFTER);
        JobEvents capped = new JobEvents(senders, 2);
        TrainingJob job = new TrainingJob(record().started(Instant.now()), new JobStore(new ScratchnetHome(home)),
                capped);
        List<Recorder> clients = List.of(new Recorder(), new Recorder());
        clients.forEach(client -> capped.subscribe(job, client));

        assertThatThrownBy(() -> capped.subscribe(job, new Recorder()))
                .isInstanceOf(EventStreamsFullException.class)
                .hasMessageContaining("2 job event streams open (scratchnet.jobs.max-event-streams)");

        job.succeed("m1", Instant.now());
        for (Recorder client : clients) {
            assertThat(client.ended.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (senders.openStreams() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Recorder late = new Recorder();
        capped.subscribe(job, late);
        assertThat(late.ended.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(late.names).contains(JobEvents.STATUS);
    }

    private static JobRecord record() {
        JobConfig config = JobFixture.config("xor", List.of(2), null, null, 0.1, 4, 3000, null, 1L).withDefaults();
        return JobRecord.queued("j1-events", 1, config, Instant.now(), null, "digest");
    }

    /** A client whose socket buffer is full: each send waits until the test opens {@code released}. */
    private static final class StuckRecorder extends Recorder {

        private final CountDownLatch released;

        StuckRecorder(CountDownLatch released) {
            this.released = released;
        }

        @Override
        public void send(String name, Object data) throws IOException {
            try {
                released.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.send(name, data);
        }
    }

    /** A client that keeps the names of the events it receives. */
    private static class Recorder implements JobStream.Sink {

        final List<String> names = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);
        volatile Throwable error;

        @Override
        public void send(String name, Object data) throws IOException {
            names.add(name);
        }

        @Override
        public void complete() {
            ended.countDown();
        }

        @Override
        public void completeWithError(Throwable reason) {
            error = reason;
            ended.countDown();
        }
    }
}
