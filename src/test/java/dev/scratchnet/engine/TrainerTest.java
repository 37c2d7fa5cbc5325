package dev.scratchnet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The training loop: exact resumes, early stopping, cancellation and divergence. */
class TrainerTest {

    private static final double[][] GATE_INPUTS = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
    private static final Samples XOR = new ArraySamples(GATE_INPUTS, new int[] {0, 1, 1, 0}, 2);
    private static final TrainingListener QUIET = new TrainingListener() { };

    private final Trainer trainer = new Trainer();

    @Test
    void resumedRunEndsWithBitIdenticalWeights() throws IOException {
        for (OptimizerKind optimizer : OptimizerKind.values()) {
            for (Sampling sampling : Sampling.values()) {
                TrainingConfig config = config(optimizer, sampling, 5, 0);
                Samples train = blobs(300, 1);
                Samples test = blobs(100, 2);
                TrainingResult uninterrupted = trainer.train(config, train, test, QUIET, () -> false);

                List<Checkpoint> checkpoints = new ArrayList<>();
                TrainingListener keep = new TrainingListener() {
                    @Override
                    public void onEpoch(EpochResult result, Checkpoint checkpoint) {
                        checkpoints.add(checkpoint);
                    }
                };
                trainer.train(config, train, test, keep, () -> checkpoints.size() == 2);
                Checkpoint afterTwo = roundTrip(checkpoints.get(1));
                List<Integer> trainedOnResume = new ArrayList<>();
                TrainingListener count = new TrainingListener() {
                    @Override
                    public void onEpoch(EpochResult result, Checkpoint checkpoint) {
                        trainedOnResume.add(result.epoch());
                    }
                };
                TrainingResult resumed = trainer.resume(config, afterTwo, train, test, count, () -> false);

                // Continued from the checkpoint, not trained again from the seed.
                assertThat(trainedOnResume).as("%s %s", optimizer, sampling).containsExactly(3, 4, 5);
                assertThat(resumed.epochs()).as("%s %s", optimizer, sampling).isEqualTo(uninterrupted.epochs()
                        .stream().map(e -> resumedSeconds(e, resumed)).toList());
                assertSameWeights(resumed.weights(), uninterrupted.weights());
            }
        }
    }

    @Test
    void aRunTrainsOnNoMoreCoresThanAPhaseHasShards() {
        // A phase has at most two shards (parts of the inputs, or of a batch): eight cores train on two.
        assertThat(Trainer.cores(8)).isEqualTo(2);
        assertThat(Trainer.cores(2)).isEqualTo(2);
        assertThat(Trainer.cores(1)).isEqualTo(1);
    }

    @Test
    void cancelStopsWithinOneIteration() {
        AtomicInteger iterations = new AtomicInteger();
        TrainingListener count = new TrainingListener() {
            @Override
            public void onIteration(int epoch, int iteration, int total, double batchLoss) {
                iterations.incrementAndGet();
            }
        };

        TrainingResult result = trainer.train(config(OptimizerKind.SGD, Sampling.WITH_REPLACEMENT, 5, 0),
                blobs(300, 1), blobs(100, 2), count, () -> iterations.get() >= 7);

        assertThat(result.outcome()).isEqualTo(TrainingResult.Outcome.CANCELLED);
        assertThat(iterations.get()).isEqualTo(7);
        assertThat(result.epochs()).isEmpty();
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() {
        // A learning rate this small changes nothing visible, so test accuracy never improves after epoch 1.
        TrainingConfig config = tinyLearningRate(3);
        List<Checkpoint> checkpoints = new ArrayList<>();

        TrainingResult result = trainer.train(config, blobs(100, 1), blobs(50, 2), keepInto(checkpoints),
                () -> false);

        assertThat(result.outcome()).isEqualTo(TrainingResult.Outcome.STOPPED_EARLY);
        assertThat(result.epochs()).hasSize(4);
        assertThat(result.bestEpoch()).isEqualTo(1);
        assertSameWeights(result.weights(), checkpoints.get(0).weights());
    }

    @Test
    void runResumedAfterItsPatienceRanOutEndsAsItWouldHave() {
        TrainingConfig config = tinyLearningRate(3);
        List<Checkpoint> checkpoints = new ArrayList<>();
        TrainingResult uninterrupted = trainer.train(config, blobs(100, 1), blobs(50, 2), keepInto(checkpoints),
                () -> false);

        TrainingResult resumed = trainer.resume(config, checkpoints.get(3), blobs(100, 1), blobs(50, 2), QUIET,
                () -> false);

        assertThat(resumed.outcome()).isEqualTo(TrainingResult.Outcome.STOPPED_EARLY);
        assertThat(resumed.epochs()).isEqualTo(uninterrupted.epochs());
        assertSameWeights(resumed.weights(), uninterrupted.weights());
    }

    private static TrainingConfig tinyLearningRate(int patience) {
        return new TrainingConfig(
                Architecture.of(2, List.of(4), 3, Activation.SIGMOID, Activation.SOFTMAX), Loss.CROSS_ENTROPY,
                OptimizerKind.SGD, 1e-12, 10, 50, Sampling.WITH_REPLACEMENT, WeightInit.NORMAL, 0.01,
                GradientMethod.BACKPROP, patience, 5);
    }

    private static TrainingListener keepInto(List<Checkpoint> checkpoints) {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochResult result, Checkpoint checkpoint) {
                checkpoints.add(checkpoint);
            }
        };
    }

    @Test
    void divergingLossFailsWithTheEpochAndIteration() {
        TrainingConfig config = new TrainingConfig(
                Architecture.of(2, List.of(8), 3, Activation.RELU, Activation.IDENTITY), Loss.SUM_SQUARES,
                OptimizerKind.SGD, 1e6, 10, 5, Sampling.WITH_REPLACEMENT, WeightInit.HE, 0.01,
                GradientMethod.BACKPROP, 0, 5);

        assertThatThrownBy(() -> trainer.train(config, blobs(100, 1), blobs(50, 2), QUIET, () -> false))
                .isInstanceOf(LossDivergedException.class)
                .hasMessageContaining("at epoch 1, iteration");
    }

    @Test
    void singleLayerNeverLearnsXorButOneHiddenLayerDoes() {
        TrainingResult linear = trainer.train(new TrainingConfig(
                Architecture.of(2, List.of(), 2, Activation.SIGMOID, Activation.SOFTMAX), Loss.CROSS_ENTROPY,
                OptimizerKind.ADAM, 0.05, 4, 300, Sampling.SHUFFLE, WeightInit.XAVIER, 0.01,
                GradientMethod.BACKPROP, 0, 7), XOR, XOR, QUIET, () -> false);
        TrainingResult hidden = trainer.train(new TrainingConfig(
                Architecture.of(2, List.of(4), 2, Activation.SIGMOID, Activation.SOFTMAX), Loss.CROSS_ENTROPY,
                OptimizerKind.ADAM, 0.05, 4, 300, Sampling.SHUFFLE, WeightInit.XAVIER, 0.01,
                GradientMethod.NUMERICAL, 0, 7), XOR, XOR, QUIET, () -> false);

        assertThat(linear.epochs()).allSatisfy(e -> assertThat(e.trainAccuracy()).isLessThanOrEqualTo(0.75));
        assertThat(hidden.epochs().get(299).trainAccuracy()).isEqualTo(1.0);
    }

    @Test
    void shuffledEpochVisitsEverySampleOnce() {
        TrainingConfig config = config(OptimizerKind.SGD, Sampling.SHUFFLE, 1, 0);
        AtomicInteger iterations = new AtomicInteger();
        TrainingListener count = new TrainingListener() {
            @Override
            public void onIteration(int epoch, int iteration, int total, double batchLoss) {
                iterations.incrementAndGet();
                assertThat(total).isEqualTo(11);
            }
        };

        trainer.train(config, blobs(105, 1), blobs(10, 2), count, () -> false);

        assertThat(iterations.get()).isEqualTo(11);
    }

    @Test
    void corruptCheckpointIsRefused() throws IOException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        trainer.train(config(OptimizerKind.ADAM, Sampling.SHUFFLE, 1, 0), blobs(50, 1), blobs(10, 2),
                new TrainingListener() {
                    @Override
                    public void onEpoch(EpochResult result, Checkpoint checkpoint) {
                        checkpoints.add(checkpoint);
                    }
                }, () -> false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CheckpointFile.write(checkpoints.get(0), bytes);
        byte[] flipped = bytes.toByteArray();
        flipped[flipped.length / 2] ^= 1;
        byte[] truncated = java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() - 9);

        assertThatThrownBy(() -> CheckpointFile.read(new ByteArrayInputStream(flipped)))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> CheckpointFile.read(new ByteArrayInputStream(truncated)))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
    }

    private static EpochResult resumedSeconds(EpochResult expected, TrainingResult resumed) {
        // Wall-clock seconds are the only figure allowed to differ between the two runs.
        EpochResult actual = resumed.epochs().get(expected.epoch() - 1);
        return new EpochResult(expected.epoch(), expected.trainAccuracy(), expected.testAccuracy(),
                expected.trainLoss(), expected.testLoss(), actual.seconds());
    }

    private static Checkpoint roundTrip(Checkpoint checkpoint) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CheckpointFile.write(checkpoint, bytes);
        return CheckpointFile.read(new ByteArrayInputStream(bytes.toByteArray()));
    }

    private static void assertSameWeights(Weights actual, Weights expected) {
        for (int k = 0; k < expected.layers().size(); k++) {
            assertThat(actual.layers().get(k).weights()).containsExactly(expected.layers().get(k).weights());
            assertThat(actual.layers().get(k).biases()).containsExactly(expected.layers().get(k).biases());
        }
    }

    private static TrainingConfig config(OptimizerKind optimizer, Sampling sampling, int epochs, int patience) {
        return new TrainingConfig(Architecture.of(2, List.of(6, 5), 3, Activation.TANH, Activation.SOFTMAX),
                Loss.CROSS_ENTROPY, optimizer, 0.05, 10, epochs, sampling, WeightInit.XAVIER, 0.01,
                GradientMethod.BACKPROP, patience, 42);
    }

    /** Three overlapping Gaussian blobs in the plane, class = blob. */
    private static Samples blobs(int count, long seed) {
        RandomState random = new RandomState(seed);
        double[][] rows = new double[count][2];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 3;
            rows[i][0] = labels[i] + random.nextGaussian();
            rows[i][1] = (labels[i] == 1 ? 1 : 0) + random.nextGaussian();
        }
        return new ArraySamples(rows, labels, 3);
    }
}
