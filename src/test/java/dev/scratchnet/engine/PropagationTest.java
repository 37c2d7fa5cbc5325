package dev.scratchnet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The work buffers a trainer reuses from batch to batch must not leak one batch into the next one's gradient. */
class PropagationTest {

    @Test
    void gradientOfABatchDoesNotDependOnTheBatchBefore() {
        Architecture architecture = Architecture.of(8, List.of(3), 2, Activation.SIGMOID, Activation.SOFTMAX);
        MultiLayerNet net = MultiLayerNet.initialize(architecture, Loss.CROSS_ENTROPY, WeightInit.NORMAL, 0.5,
                new RandomState(1));
        double[][] everyInput = new double[4][8];
        double[][] lastInputOnly = new double[4][8];
        for (int i = 0; i < 4; i++) {
            Arrays.fill(everyInput[i], 1.0);
            lastInputOnly[i][7] = 1.0;
        }
        int[] labels = {0, 1, 0, 1};
        Propagation reused = new Propagation(net, 4, null);
        reused.gradient(Batch.of(everyInput, labels));

        double[] afterAnother = reused.gradient(Batch.of(lastInputOnly, labels))[0].clone();
        double[] fresh = new Propagation(net, 4, null).gradient(Batch.of(lastInputOnly, labels))[0];

        // Inputs 0-6 are 0 throughout the second batch, so their rows of ∂L/∂W1 are 0, not the first batch's.
        assertThat(afterAnother).isEqualTo(fresh);
        assertThat(Arrays.copyOf(afterAnother, 7 * 3)).containsOnly(0.0);
    }
}
