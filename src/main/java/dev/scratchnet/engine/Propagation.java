package dev.scratchnet.engine;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Forward and backward passes of one network over batches of up to a fixed size, with the work buffers allocated
 * once. A batch is split into shards of samples; each shard accumulates its own gradient, and the shards' gradients
 * are summed at the end. How many shards depends on the batch size alone, never on the machine, so a run gives the
 * same bits on one core or eight; the cores only decide how many shards run at once. Not for concurrent use: a
 * trainer owns one, a prediction makes its own.
 */
final class Propagation {

    /** Below this many samples a shard costs more to hand to another thread than to compute. */
    private static final int MIN_SHARD_SAMPLES = 16;
    /** Enough shards to keep four cores busy; a batch of 100 makes four shards of 25. */
    private static final int MAX_SHARDS = 4;

    private final MultiLayerNet net;
    private final int[] sizes;
    private final double[][] outputs;
    /** Runs the shards of a phase on several cores; null runs them one after another on the caller's. */
    private final ShardTeam team;
    private final int shardCapacity;
    /** Allocated by the first {@link #gradient}: a propagation that only predicts never needs them. */
    private double[][] deltas;
    private double[][][] shardGradients;

    Propagation(MultiLayerNet net, int capacity, ShardTeam team) {
        this.net = net;
        this.sizes = net.sizes();
        this.outputs = new double[sizes.length - 1][];
        for (int k = 0; k < outputs.length; k++) {
            outputs[k] = new double[Math.multiplyExact(capacity, sizes[k + 1])];
        }
        this.team = team;
        this.shardCapacity = shardCount(capacity);
    }

    /** Runs x through every layer; the last layer's outputs then hold y for each sample. */
    void forward(Batch batch) {
        inShards(batch.size(), (shard, from, to) -> forward(batch, from, to));
    }

    /** The loss of the outputs of the last {@link #forward}, averaged over the batch. */
    double loss(Batch batch) {
        int last = sizes.length - 2;
        int width = sizes[last + 1];
        double sum = 0.0;
        for (int i = 0; i < batch.size(); i++) {
            sum += net.loss().sampleError(outputs[last], i * width, width, batch.labels[i]);
        }
        return sum / batch.size();
    }

    /** How many samples the last {@link #forward} classified as labelled. */
    int correct(Batch batch) {
        int last = sizes.length - 2;
        int width = sizes[last + 1];
        int correct = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (OutputLayer.predictedClass(outputs[last], i * width, width) == batch.labels[i]) {
                correct++;
            }
        }
        return correct;
    }

    /** The outputs y of the last {@link #forward}, one sample per row. */
    double[][] outputRows(Batch batch) {
        int last = sizes.length - 2;
        int width = sizes[last + 1];
        double[][] rows = new double[batch.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.copyOfRange(outputs[last], i * width, (i + 1) * width);
        }
        return rows;
    }

    /**
     * Backpropagation (DLfS ch. 5, {@code TwoLayerNet.gradient}): the gradient of the batch loss for every parameter,
     * in {@link MultiLayerNet#parameters()} order. The arrays are reused by the next call.
     * <p>
     * First each shard of samples runs forward and sends δ back down to the first layer, summing the gradients of
     * the layers above it; then each shard of inputs sums its own rows of ∂L/∂W1 from the batch's compressed columns,
     * so the largest gradient needs no reduction.
     */
    double[][] gradient(Batch batch) {
        if (deltas == null) {
            deltas = new double[outputs.length][];
            for (int k = 0; k < outputs.length; k++) {
                deltas[k] = new double[outputs[k].length];
            }
            shardGradients = new double[shardCapacity][][];
            for (int s = 0; s < shardGradients.length; s++) {
                shardGradients[s] = net.newParameterArrays();
                if (s > 0) {
                    // ∂L/∂W1, the largest, is summed once for the whole batch into the first shard's array.
                    shardGradients[s][0] = new double[0];
                }
            }
        }
        int n = batch.size();
        inShards(n, (shard, from, to) -> {
            if (shard == 0) {
                // Only ∂L/∂W1 reads the columns, after this phase; the first shard indexes them on its way.
                batch.indexColumns();
            }
            double[][] gradient = shardGradients[shard];
            for (int j = 1; j < gradient.length; j++) {
                Arrays.fill(gradient[j], 0.0);
            }
            forward(batch, from, to);
            backward(batch, from, to, gradient);
        });
        double[][] total = shardGradients[0];
        int shards = shardCount(n);
        inShards(n, (shard, from, to) -> weightGradientOfFirstLayer(batch, inputSplit(batch, shard, shards),
                inputSplit(batch, shard + 1, shards), total[0]));
        for (int s = 1; s < shards; s++) {
            for (int j = 1; j < total.length; j++) {
                LayerKernels.axpy(total[j].length, 1.0, shardGradients[s][j], 0, total[j], 0);
            }
        }
        return total;
    }

    /** Rows [first, last) of ∂L/∂W1 = xᵀ·δ1, each one sum over the input's samples in sample order. */
    private void weightGradientOfFirstLayer(Batch batch, int first, int last, double[] gradient) {
        int width = sizes[1];
        for (int p = first; p < last; p++) {
            LayerKernels.addScaledRows(width, deltas[0], batch.columnSample, batch.columnValue,
                    batch.columnStart[p], batch.columnStart[p + 1], null, gradient, p * width);
        }
    }

    private void forward(Batch batch, int from, int to) {
        double[][] parameters = net.parameters();
        Activation hidden = net.architecture().hiddenActivation();
        Activation output = net.architecture().outputActivation();
        int layers = sizes.length - 1;
        for (int i = from; i < to; i++) {
            for (int k = 0; k < layers; k++) {
                int inputs = sizes[k];
                int width = sizes[k + 1];
                double[] weights = parameters[2 * k];
                double[] biases = parameters[2 * k + 1];
                if (k == 0) {
                    LayerKernels.addScaledRows(width, weights, batch.rowInput, batch.rowValue, i * inputs,
                            batch.rowEnd[i], biases, outputs[0], i * width);
                } else {
                    LayerKernels.addDenseRows(width, weights, outputs[k - 1], i * inputs, inputs, biases,
                            outputs[k], i * width);
                }
                (k == layers - 1 ? output : hidden).applyInPlace(outputs[k], i * width, width);
            }
        }
    }

    /** δ for every layer of samples [from, to), and the gradients of every parameter but W1. */
    private void backward(Batch batch, int from, int to, double[][] gradient) {
        double[][] parameters = net.parameters();
        Activation hidden = net.architecture().hiddenActivation();
        int layers = sizes.length - 1;
        for (int i = from; i < to; i++) {
            OutputLayer.delta(net.architecture().outputActivation(), net.loss(), outputs[layers - 1],
                    deltas[layers - 1], i * sizes[layers], sizes[layers], batch.labels[i], 1.0 / batch.size());
            for (int k = layers - 1; k >= 0; k--) {
                int inputs = sizes[k];
                int width = sizes[k + 1];
                double[] delta = deltas[k];
                LayerKernels.axpy(width, 1.0, delta, i * width, gradient[2 * k + 1], 0);
                if (k == 0) {
                    break;
                }
                double[] below = outputs[k - 1];
                double[] weightGradient = gradient[2 * k];
                for (int p = 0; p < inputs; p++) {
                    LayerKernels.axpy(width, below[i * inputs + p], delta, i * width, weightGradient, p * width);
                }
                double[] weights = parameters[2 * k];
                double[] belowDelta = deltas[k - 1];
                for (int p = 0; p < inputs; p++) {
                    double back = LayerKernels.dot(width, weights, p * width, delta, i * width);
                    belowDelta[i * inputs + p] = back * hidden.derivativeFromOutput(below[i * inputs + p]);
                }
            }
        }
    }

    /**
     * Where shard s of the inputs begins, so that each shard sums about the same number of non-zero entries. The
     * first shard always begins at input 0: inputs with no entry in this batch still need their rows of ∂L/∂W1
     * cleared, or the previous batch's rows would stay (and a resumed run, with fresh buffers, would differ).
     */
    private int inputSplit(Batch batch, int shard, int shards) {
        int inputs = sizes[0];
        if (shard == 0) {
            return 0;
        }
        if (shard == shards) {
            return inputs;
        }
        long target = (long) batch.columnStart[inputs] * shard / shards;
        int p = Arrays.binarySearch(batch.columnStart, 0, inputs + 1, (int) target);
        return p >= 0 ? p : -p - 1;
    }

    private static int shardCount(int samples) {
        return Math.max(1, Math.min(MAX_SHARDS, samples / MIN_SHARD_SAMPLES));
    }

    private void inShards(int samples, ShardTask task) {
        int shards = shardCount(samples);
        IntConsumer shard = s -> task.run(s, (int) ((long) samples * s / shards),
                (int) ((long) samples * (s + 1) / shards));
        if (team == null) {
            for (int s = 0; s < shards; s++) {
                shard.accept(s);
            }
        } else {
            team.run(shards, shard);
        }
    }

    @FunctionalInterface
    private interface ShardTask {
        void run(int shard, int from, int to);
    }
}
