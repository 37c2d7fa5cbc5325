package dev.scratchnet.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.scratchnet.dataset.BuiltInDatasets;
import dev.scratchnet.dataset.Dataset;
import dev.scratchnet.engine.Checkpoint;
import dev.scratchnet.engine.CheckpointFile;
import dev.scratchnet.engine.EpochResult;
import dev.scratchnet.engine.Trainer;
import dev.scratchnet.engine.TrainingListener;
import dev.scratchnet.storage.ScratchnetHome;

/**
 * The job files of the crash matrix (dev.scratchnet.CrashMatrixIT), written by the production {@link JobStore}: a
 * running job with the checkpoint of its first epoch, then three queued ones, and the two writes the matrix
 * crashes: the running job's second checkpoint, and the first queued job's record saved as cancelled.
 */
public final class JobWrites {

    /** Running at the crash, with a checkpoint after epoch 1; the checkpoint write replaces it with epoch 2's. */
    public static final String RUNNING = "j1-running";
    /** Queued; the job-record write saves it cancelled, as {@code POST /jobs/{id}/cancel} does. */
    public static final String CANCELLED = "j2-cancelled";
    /** Queued behind the others; they must stay in this order after a restart. */
    public static final List<String> QUEUED = List.of("j3-queued", "j4-queued");

    private JobWrites() {
    }

    /**
     * Writes the jobs into {@code home} and the running job's epoch-2 checkpoint to {@code spare}, for
     * {@link #saveSecondCheckpoint} to write later.
     */
    public static void prepare(Path home, Path spare) throws IOException {
        JobStore store = new JobStore(new ScratchnetHome(home));
        Instant now = Instant.now();
        List<Checkpoint> checkpoints = firstTwoCheckpoints(config());
        store.saveCheckpoint(RUNNING, checkpoints.get(0));
        store.save(JobRecord.queued(RUNNING, 1, config(), now, null, "digest").started(now)
                .withEpochs(checkpoints.get(0).history()));
        store.save(JobRecord.queued(CANCELLED, 2, config(), now, null, "digest"));
        for (int k = 0; k < QUEUED.size(); k++) {
            store.save(JobRecord.queued(QUEUED.get(k), 3 + k, config(), now, null, "digest"));
        }
        try (OutputStream out = Files.newOutputStream(spare)) {
            CheckpointFile.write(checkpoints.get(1), out);
        }
    }

    /** The checkpoint write of the matrix: epoch 2's checkpoint of the running job over epoch 1's. */
    public static void saveSecondCheckpoint(Path home, Path spare) throws IOException {
        try (InputStream in = Files.newInputStream(spare)) {
            new JobStore(new ScratchnetHome(home)).saveCheckpoint(RUNNING, CheckpointFile.read(in));
        }
    }

    /** The job-record write of the matrix: the queued job's record replaced by its cancelled one. */
    public static void cancelQueued(Path home) {
        JobStore store = new JobStore(new ScratchnetHome(home));
        JobRecord queued = store.loadAll().stream().filter(record -> record.id().equals(CANCELLED)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no job " + CANCELLED + " in " + home));
        store.save(queued.ended(JobStatus.CANCELLED, null, null, Instant.now()));
    }

    /** Each job: 200 epochs of 1,000 MNIST images, long enough that none ends while the test watches. */
    private static JobConfig config() {
        return new JobConfig("mnist", List.of(50), null, null, null, null, null, null, 200, null, null, null, null,
                null, null, 1000, 1L).withDefaults();
    }

    private static List<Checkpoint> firstTwoCheckpoints(JobConfig config) {
        Dataset mnist = BuiltInDatasets.mnist();
        List<Checkpoint> checkpoints = new ArrayList<>();
        new Trainer().train(config.trainingConfig(mnist.inputSize(), mnist.classCount()),
                mnist.train().limit(config.trainLimit()), mnist.test(), new TrainingListener() {
                    @Override
                    public void onEpoch(EpochResult result, Checkpoint checkpoint) {
                        checkpoints.add(checkpoint);
                    }
                }, () -> checkpoints.size() >= 2);
        return checkpoints;
    }
}
