package dev.scratchnet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.scratchnet.dataset.BuiltInDatasets;
import dev.scratchnet.dataset.Dataset;

/**
 * The book's training run on full MNIST (DLfS ch. 4, train_neuralnet.py): 784-50-10, sigmoid, std 0.01, batches of
 * 100 with replacement, SGD 0.1. The book's curve reads ≈0.79, ≈0.88, ≈0.90 test accuracy after epochs 1-3.
 */
class MnistTrainingTest {

    @Test
    void booksConfigurationFollowsTheBooksCurve() {
        Dataset mnist = BuiltInDatasets.mnist();
        List<EpochResult> epochs = new ArrayList<>();
        TrainingListener record = new TrainingListener() {
            @Override
            public void onEpoch(EpochResult result, Checkpoint checkpoint) {
                epochs.add(result);
            }
        };

        TrainingResult result = new Trainer().train(TrainingConfig.book(784, 10, 3, 0), mnist.train(), mnist.test(),
                record, () -> false);

        assertThat(result.outcome()).isEqualTo(TrainingResult.Outcome.COMPLETED);
        assertThat(epochs).hasSize(3);
        assertThat(epochs.get(1).testAccuracy()).isGreaterThanOrEqualTo(0.87);
        assertThat(epochs.get(2).testAccuracy()).isGreaterThanOrEqualTo(0.89);
        assertThat(epochs.get(2).trainAccuracy()).isGreaterThanOrEqualTo(0.89);
        assertThat(epochs.get(2).testLoss()).isLessThan(epochs.get(0).testLoss());
    }
}
