package dev.scratchnet;

import java.nio.file.Path;

import dev.scratchnet.dataset.DatasetWrites;
import dev.scratchnet.job.JobWrites;
import dev.scratchnet.model.ModelRegistry;
import dev.scratchnet.model.NewModel;
import dev.scratchnet.model.TestModels;
import dev.scratchnet.storage.ScratchnetHome;

/**
 * The crash half of {@link CrashMatrixIT}, run in a JVM of its own with {@code scratchnet.crash-at} set: one durable
 * write of the matrix, done by the production store over a home folder. Exiting normally means the switch never
 * fired. Arguments: the row, the home, the spare file holding the checkpoint to write.
 */
final class CrashingWrite {

    private CrashingWrite() {
    }

    public static void main(String[] args) throws Exception {
        CrashMatrixIT.Row row = CrashMatrixIT.Row.valueOf(args[0]);
        Path home = Path.of(args[1]);
        switch (row) {
            case MODEL, LATEST -> new ModelRegistry(new ScratchnetHome(home)).publish(model(row));
            case CHECKPOINT -> JobWrites.saveSecondCheckpoint(home, Path.of(args[2]));
            case JOB -> JobWrites.cancelQueued(home);
            case DATASET -> DatasetWrites.downloadSecond(home);
        }
    }

    /** The model a row publishes, or one of the home's two earlier ones: untrained, told apart by job id and seed. */
    static NewModel model(CrashMatrixIT.Row row) {
        return named(row.jobId(), row.ordinal() + 10);
    }

    static NewModel named(String jobId, long seed) {
        NewModel untrained = TestModels.untrainedMnist(seed);
        return new NewModel(untrained.architecture(), untrained.loss(), untrained.weights(), untrained.dataset(),
                untrained.classNames(), untrained.scaling(), jobId, null);
    }
}
