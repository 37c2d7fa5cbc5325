package dev.scratchnet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The book's networks: the ch. 3 forward example, the ch. 2 perceptrons, and ch. 5's gradient check. */
class MultiLayerNetTest {

    private static final double[][] GATE_INPUTS = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};

    @Test
    void threeLayerExampleMapsTheBooksInput() {
        Weights weights = new Weights(List.of(
                new Weights.Layer(2, 3, new double[] {0.1, 0.3, 0.5, 0.2, 0.4, 0.6}, new double[] {0.1, 0.2, 0.3}),
                new Weights.Layer(3, 2, new double[] {0.1, 0.4, 0.2, 0.5, 0.3, 0.6}, new double[] {0.1, 0.2}),
                new Weights.Layer(2, 2, new double[] {0.1, 0.3, 0.2, 0.4}, new double[] {0.1, 0.2})));
        MultiLayerNet net = MultiLayerNet.of(
                new Architecture(List.of(2, 3, 2, 2), Activation.SIGMOID, Activation.IDENTITY),
                Loss.SUM_SQUARES, weights);

        assertThat(net.predict(new double[][] {{1.0, 0.5}})[0])
                .containsExactly(new double[] {0.31682708, 0.69627909}, within(1e-8));
    }

    @Test
    void perceptronsWithTheBooksWeightsComputeAndNandOr() {
        assertThat(gate(0.5, 0.5, -0.7)).containsExactly(0, 0, 0, 1);
        assertThat(gate(-0.5, -0.5, 0.7)).containsExactly(1, 1, 1, 0);
        assertThat(gate(0.5, 0.5, -0.2)).containsExactly(0, 1, 1, 1);
    }

    @Test
    void noSingleLayerComputesXor() {
        // A step perceptron fires where w1·x1 + w2·x2 + b > 0; search a fine grid of lines for one that fits XOR.
        int lines = 0;
        for (double w1 = -2; w1 <= 2; w1 += 0.1) {
            for (double w2 = -2; w2 <= 2; w2 += 0.1) {
                for (double b = -2; b <= 2; b += 0.1) {
                    lines++;
                    assertThat(gate(w1, w2, b)).isNotEqualTo(new int[] {0, 1, 1, 0});
                }
            }
        }
        assertThat(lines).isGreaterThan(60_000);
    }

    @Test
    void gradientCheckOf784By50By10AgreesOnABatchOfThree() {
        RandomState random = new RandomState(3);
        MultiLayerNet net = sigmoidSoftmax(0.01, random, 784, 50, 10);
        Batch batch = Batch.of(mnistLikeRows(3, random), new int[] {7, 2, 1});

        GradientCheck check = GradientCheck.of(net, batch);

        assertThat(check.parameters()).extracting(GradientCheck.ParameterDifference::name)
                .containsExactly("W1", "b1", "W2", "b2");
        assertThat(check.maxAbsoluteDifference()).isLessThan(1e-7);
    }

    @Test
    void gradientCheckHoldsForEveryActivationAndLoss() {
        RandomState random = new RandomState(11);
        int cases = 0;
        for (Activation hidden : List.of(Activation.SIGMOID, Activation.TANH, Activation.RELU)) {
            for (Activation output : List.of(Activation.SOFTMAX, Activation.IDENTITY, Activation.SIGMOID)) {
                for (Loss loss : Loss.values()) {
                    if (output == Activation.IDENTITY && loss == Loss.CROSS_ENTROPY) {
                        continue;
                    }
                    Architecture architecture = new Architecture(List.of(6, 5, 4, 3), hidden, output);
                    // Non-zero biases and dense Gaussian inputs: a pre-activation of exactly 0 would put ReLU on its
                    // kink, where the central difference sees half a slope.
                    MultiLayerNet net = MultiLayerNet.of(architecture, loss, withRandomBiases(
                            MultiLayerNet.initialize(architecture, loss, WeightInit.HE, 0.01, random).weights(), random));
                    double[][] rows = new double[4][6];
                    for (double[] row : rows) {
                        for (int p = 0; p < row.length; p++) {
                            row[p] = random.nextGaussian();
                        }
                    }
                    Batch batch = Batch.of(rows, new int[] {0, 2, 1, 2});

                    GradientCheck check = GradientCheck.of(net, batch);
                    assertThat(check.maxRelativeDifference())
                            .as("%s/%s/%s %s", hidden, output, loss, check).isLessThan(1e-4);
                    cases++;
                }
            }
        }
        assertThat(cases).isEqualTo(15);
    }

    @Test
    void gradientCheckHoldsWhenTheBatchIsSplitAcrossThreads() {
        RandomState random = new RandomState(13);
        Architecture architecture = new Architecture(List.of(40, 12, 5), Activation.SIGMOID, Activation.SOFTMAX);
        MultiLayerNet net = MultiLayerNet.initialize(architecture, Loss.CROSS_ENTROPY, WeightInit.XAVIER, 0.01,
                random);
        int[] labels = new int[64];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 5;
        }
        Batch batch = Batch.of(sparseRows(64, 40, random), labels);

        double[][] oneThread = new Propagation(net, 64, null).gradient(batch);
        double[][] twoThreads;
        try (ShardTeam team = new ShardTeam(2)) {
            twoThreads = new Propagation(net, 64, team).gradient(batch);
        }

        for (int j = 0; j < oneThread.length; j++) {
            assertThat(twoThreads[j]).as("parameter %d", j).containsExactly(oneThread[j]);
        }
        assertThat(GradientCheck.of(net, batch).maxAbsoluteDifference()).isLessThan(1e-8);
    }

    @Test
    void oneHiddenLayerLearnsXor() {
        Samples xor = new ArraySamples(GATE_INPUTS, new int[] {0, 1, 1, 0}, 2);
        TrainingConfig config = new TrainingConfig(
                Architecture.of(2, List.of(4), 2, Activation.TANH, Activation.SOFTMAX), Loss.CROSS_ENTROPY,
                OptimizerKind.ADAM, 0.05, 4, 300, Sampling.SHUFFLE, WeightInit.XAVIER, 0.01,
                GradientMethod.BACKPROP, 0, 7);

        TrainingResult result = new Trainer().train(config, xor, xor, new TrainingListener() { }, () -> false);

        assertThat(result.epochs().get(result.epochs().size() - 1).testAccuracy()).isEqualTo(1.0);
    }

    @Test
    void predictionRefusesRowsOfTheWrongSize() {
        MultiLayerNet net = sigmoidSoftmax(0.01, new RandomState(1), 4, 3);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> net.predict(new double[][] {{1, 2, 3, 4}, {1, 2}}))
                .hasMessage("Expected size 4 but found size 2 at index 1");
    }

    @Test
    void evaluationCountsEverySampleWhereItsLabelMeetsItsPredictedClass() {
        RandomState random = new RandomState(17);
        MultiLayerNet net = sigmoidSoftmax(1.0, random, 20, 8, 3);
        // Enough samples for chunks on more than one thread.
        double[][] rows = sparseRows(5000, 20, random);
        int[] labels = new int[rows.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (int) (random.nextDouble() * 3);
        }

        Evaluation evaluation = net.evaluate(new ArraySamples(rows, labels, 3));

        double[][] y = net.predict(rows);
        int[][] expected = new int[3][3];
        int correct = 0;
        for (int i = 0; i < rows.length; i++) {
            int predicted = MultiLayerNet.predictedClass(y[i]);
            expected[labels[i]][predicted]++;
            correct += predicted == labels[i] ? 1 : 0;
        }
        assertThat(evaluation.confusion()).isDeepEqualTo(expected);
        assertThat(correct).isBetween(1000, 4000);
        assertThat(evaluation.accuracy()).isEqualTo((double) correct / rows.length);
        assertThat(evaluation.loss()).isCloseTo(Loss.CROSS_ENTROPY.error(y, labels), within(1e-12));
        assertThat(evaluation.samples()).isEqualTo(rows.length);
    }

    private static MultiLayerNet sigmoidSoftmax(double std, RandomState random, Integer... sizes) {
        return MultiLayerNet.initialize(new Architecture(List.of(sizes), Activation.SIGMOID, Activation.SOFTMAX),
                Loss.CROSS_ENTROPY, WeightInit.NORMAL, std, random);
    }

    private static int[] gate(double w1, double w2, double b) {
        MultiLayerNet perceptron = MultiLayerNet.of(
                new Architecture(List.of(2, 1), Activation.IDENTITY, Activation.STEP), Loss.SUM_SQUARES,
                new Weights(List.of(new Weights.Layer(2, 1, new double[] {w1, w2}, new double[] {b}))));
        double[][] y = perceptron.predict(GATE_INPUTS);
        int[] outputs = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            outputs[i] = (int) y[i][0];
        }
        return outputs;
    }

    private static Weights withRandomBiases(Weights weights, RandomState random) {
        return new Weights(weights.layers().stream().map(layer -> {
            double[] biases = new double[layer.outputs()];
            for (int j = 0; j < biases.length; j++) {
                biases[j] = 0.1 * random.nextGaussian();
            }
            return new Weights.Layer(layer.inputs(), layer.outputs(), layer.weights(), biases);
        }).toList());
    }

    /** Rows in [0, 1] with about four fifths zeros, like MNIST pixels. */
    static double[][] mnistLikeRows(int count, RandomState random) {
        return sparseRows(count, 784, random);
    }

    private static double[][] sparseRows(int count, int size, RandomState random) {
        double[][] rows = new double[count][size];
        for (double[] row : rows) {
            for (int p = 0; p < row.length; p++) {
                row[p] = random.nextDouble() < 0.2 ? random.nextDouble() : 0.0;
            }
        }
        return rows;
    }
}
