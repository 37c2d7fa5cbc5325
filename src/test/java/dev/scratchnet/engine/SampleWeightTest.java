package dev.scratchnet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.scratchnet.dataset.BuiltInDatasets;
import dev.scratchnet.engine.npz.WeightsFile;

/** The book's trained network (DLfS ch. 3, sample_weight.pkl as .npz) scores exactly 0.9352 on the MNIST test set. */
class SampleWeightTest {

    /** The book's file: read from ../shared, never copied into the repository. */
    static final Path SAMPLE_WEIGHTS = Path.of("../shared/reference/sample_weight.npz");

    @Test
    void booksSampleWeightsScoreExactly09352OnTheTestSet() throws Exception {
        assumeTrue(Files.exists(SAMPLE_WEIGHTS), "needs ../shared/reference/sample_weight.npz");
        MultiLayerNet net = MultiLayerNet.of(
                new Architecture(List.of(784, 50, 100, 10), Activation.SIGMOID, Activation.SOFTMAX),
                Loss.CROSS_ENTROPY, WeightsFile.read(SAMPLE_WEIGHTS));

        Evaluation evaluation = net.evaluate(BuiltInDatasets.mnist().test());

        assertThat(evaluation.samples()).isEqualTo(10_000);
        assertThat(evaluation.accuracy()).isEqualTo(0.9352);
    }
}
