package dev.scratchnet.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import dev.scratchnet.dataset.BuiltInDatasets;
import dev.scratchnet.dataset.Dataset;
import dev.scratchnet.engine.Checkpoint;
import dev.scratchnet.engine.EpochResult;
import dev.scratchnet.engine.Trainer;
import dev.scratchnet.engine.TrainingListener;
import dev.scratchnet.model.ModelRegistry;
import dev.scratchnet.storage.ScratchnetHome;
import dev.scratchnet.storage.ScratchnetProperties;
import dev.scratchnet.storage.StorageFullException;
import dev.scratchnet.storage.StorageSpace;

/**
 * A job the disk has no room for: its checkpoint is refused and the one before it stays as it was; a model it cannot
 * publish fails it naming what could not be saved.
 */
class JobStorageFullTest {

    @TempDir
    Path home;

    @Test
    void checkpointRefusedForSpaceLeavesTheEarlierOneIntact() throws IOException {
        List<Checkpoint> checkpoints = twoEpochsOfXor();
        new JobStore(new ScratchnetHome(home), space(DataSize.ofBytes(0))).saveCheckpoint("j1", checkpoints.get(0));
        Path file = home.resolve("jobs/j1/" + JobStore.CHECKPOINT);
        byte[] before = Files.readAllBytes(file);
        JobStore full = new JobStore(new ScratchnetHome(home), space(DataSize.ofTerabytes(1_000_000)));

        assertThatThrownBy(() -> full.saveCheckpoint("j1", checkpoints.get(1)))
                .isInstanceOf(StorageFullException.class)
                .hasMessageContaining("scratchnet.storage.min-free-space");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(full.checkpoint("j1")).hasValueSatisfying(kept -> assertThat(kept.epochsDone()).isEqualTo(1));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void modelRefusedForSpaceFailsTheJobAfterItsLastEpoch() {
        JobFixture fixture = new JobFixture(home);
        ModelRegistry full = new ModelRegistry(new ScratchnetHome(home), space(DataSize.ofTerabytes(1_000_000)));
        JobRunner runner = new JobRunner(JobFixture.builtInDatasets(), full, fixture.store, fixture.events,
                fixture.properties, new SimpleMeterRegistry());
        TrainingJob job = fixture.jobs.create(
                JobFixture.config("xor", List.of(4), null, null, 0.1, 4, 2, null, 1L).withDefaults(), null);

        runner.run(job, () -> false);

        assertThat(job.record().status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.record().error())
                .startsWith("The trained model (after epoch 2) could not be saved: the server's storage is full")
                .endsWith("Epochs 1 to 2 are listed; submit the job again once there is room")
                .doesNotContain(home.toString());
        assertThat(job.record().epochs()).hasSize(2);
        assertThat(full.list()).isEmpty();
    }

    private StorageSpace space(DataSize minFreeSpace) {
        return new StorageSpace(home, new ScratchnetProperties.Storage(minFreeSpace),
                ScratchnetProperties.Limits.DEFAULT);
    }

    private static List<Checkpoint> twoEpochsOfXor() {
        Dataset xor = BuiltInDatasets.logicGate("xor");
        JobConfig config = JobFixture.config("xor", List.of(4), null, null, 0.1, 4, 2, null, 1L).withDefaults();
        List<Checkpoint> checkpoints = new ArrayList<>();
        new Trainer().train(config.trainingConfig(xor.inputSize(), xor.classCount()), xor.train(), xor.test(),
                new TrainingListener() {
                    @Override
                    public void onEpoch(EpochResult result, Checkpoint checkpoint) {
                        checkpoints.add(checkpoint);
                    }
                }, () -> false);
        assertThat(checkpoints).hasSize(2);
        return checkpoints;
    }
}
