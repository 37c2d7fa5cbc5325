package dev.scratchnet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The work buffers a trainer reuses from batch to batch must not leak one batch into the next one's gradient, and
 * neither the number of cores nor the way a step is split may change a bit of what a step computes.
 */
class PropagationTest {

    /** 600 inputs make two parts of the first layer, so parts, shards and cores all come into play. */
    private static final Architecture WIDE = Architecture.of(600, List.of(20, 12), 10, Activation.SIGMOID,
            Activation.SOFTMAX);

    @Test
    void gradientIsTheSameBitsOnOneTwoOrThreeCores() {
        ArraySamples samples = sparseSamples(100, 600, 7);
        Batch batch = drawnInOrder(samples);
        double[][] alone = new Propagation(net(), 100, null).gradient(batch);
        for (int cores = 1; cores <= 3; cores++) {
            try (ShardTeam team = new ShardTeam(cores)) {
                Batch drawn = drawnInOrder(samples);
                assertThat(new Propagation(net(), 100, team).gradient(drawn)).as("%d cores", cores)
                        .isDeepEqualTo(alone);
            }
        }
    }

    @Test
    void stepMovesEveryParameterAndGivesTheLossExactlyAsUpdateAfterGradientThenForwardDo() {
        ArraySamples samples = sparseSamples(64, 600, 11);
        for (OptimizerKind kind : OptimizerKind.values()) {
            MultiLayerNet stepped = net();
            MultiLayerNet updated = net();
            Optimizer stepping = kind.create(0.05);
            Optimizer updating = kind.create(0.05);
            try (ShardTeam team = new ShardTeam(2)) {
                Propagation stepper = new Propagation(stepped, 32, team);
                Propagation plain = new Propagation(updated, 32, null);
                Batch batch = new Batch(32, 600);
                for (int first = 0; first < 64; first += 32) {
                    batch.fillRange(samples, first, 32);
                    double lossAfterStep = stepper.step(batch, stepping);
                    updating.update(updated.parameters(), plain.gradient(batch));
                    plain.forward(batch);
                    assertThat(lossAfterStep).as(kind.apiName()).isEqualTo(plain.loss(batch));
                }
            }
            assertThat(stepped.parameters()).as(kind.apiName()).isDeepEqualTo(updated.parameters());
        }
    }

    @Test
    void drawnBatchHoldsTheSameEntriesAsTheSameRowsGivenWhole() {
        ArraySamples samples = sparseSamples(5, 600, 3);
        Batch whole = Batch.of(samples.rows(), samples.labels());
        Batch drawn = drawnInOrder(samples);
        MultiLayerNet net = net();
        Propagation fromRows = new Propagation(net, 5, null);
        Propagation fromSamples = new Propagation(net, 5, null);
        fromRows.forward(whole);
        fromSamples.forward(drawn);
        assertThat(fromSamples.outputRows(drawn)).isDeepEqualTo(fromRows.outputRows(whole));
        assertThat(fromSamples.loss(drawn)).isEqualTo(fromRows.loss(whole));
    }

    @Test
    void aBatchGivesTheSameGradientWhicheverWayItsColumnsAreCountedAndHoweverOftenItIsUsed() {
        ArraySamples samples = sparseSamples(40, 600, 13);
        Batch fresh = drawnInOrder(samples);
        // A fresh batch counts its columns while its parts are copied for the gradient's forward pass.
        double[][] expected = new Propagation(net(), 40, null).gradient(fresh);

        Batch forwardedFirst = drawnInOrder(samples);
        Propagation propagation = new Propagation(net(), 40, null);
        // A prediction copies the parts before there is room for columns: the gradient counts them afterwards.
        propagation.forward(forwardedFirst);
        double[][] first = Arrays.stream(propagation.gradient(forwardedFirst)).map(double[]::clone)
                .toArray(double[][]::new);
        double[][] again = propagation.gradient(forwardedFirst);

        assertThat(first).isDeepEqualTo(expected);
        assertThat(again).isDeepEqualTo(expected);
    }

    private static MultiLayerNet net() {
        return MultiLayerNet.initialize(WIDE, Loss.CROSS_ENTROPY, WeightInit.XAVIER, 0.01, new RandomState(5));
    }

    /** Rows four fifths zero, like MNIST's, with values in (0, 1]. */
    private static ArraySamples sparseSamples(int count, int inputs, long seed) {
        java.util.Random random = new java.util.Random(seed);
        double[][] rows = new double[count][inputs];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < inputs; p++) {
                if (random.nextInt(5) == 0) {
                    rows[i][p] = (1 + random.nextInt(255)) / 255.0;
                }
            }
            labels[i] = random.nextInt(10);
        }
        return new ArraySamples(rows, labels, 10);
    }

    /** A batch drawn from all the samples, in order, as a trainer fills one. */
    private static Batch drawnInOrder(ArraySamples samples) {
        int[] indices = new int[samples.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i;
        }
        Batch batch = new Batch(indices.length, samples.inputSize());
        batch.fill(samples, indices, 0, indices.length);
        return batch;
    }

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
