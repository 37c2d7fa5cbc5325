package dev.scratchnet.engine;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Forward and backward passes of one network over batches of up to a fixed size, with the work buffers allocated
 * once. The work is split into shards twice over. The first layer, nearly all of the work, is split by input: each
 * part of the inputs sums its rows of W1 for every sample, and later sums (and, training, moves) the same rows of
 * ∂L/∂W1 and W1, so that on several cores each core keeps its own rows in its own cache. The layers above are split
 * by sample. How many shards depends on the network and the batch size alone, never on the machine, so a run gives
 * the same bits on one core or eight; the cores only decide how many shards run at once. Not for concurrent use: a
 * trainer owns one, a prediction makes its own.
 */
final class Propagation {

    /** Below this many samples a shard costs more to hand to another thread than to compute. */
    private static final int MIN_SHARD_SAMPLES = 16;
    /**
     * A shard of samples per core of the two-core machines this service runs on, as {@link Batch} has a part of the
     * inputs per core: a batch of 100 makes two shards of 50. Each shard sums its own gradients of the layers above,
     * added up afterwards, and four shards took about 3% longer per epoch there (BENCHMARKS.md).
     */
    private static final int MAX_SHARDS = 2;
    /** The most shards a phase has: a training run uses no more cores than this, and leaves the rest to others. */
    static final int MOST_SHARDS = Math.max(MAX_SHARDS, Batch.MAX_PARTS);

    private final MultiLayerNet net;
    private final int[] sizes;
    private final double[][] outputs;
    /** Runs the shards of a phase on several cores; null runs them one after another on the caller's. */
    private final ShardTeam team;
    private final int capacity;
    private final int shardCapacity;
    /**
     * Part k's share of x·W1 for each sample, for k ≥ 1. Part 0 sums on top of b1 straight into the first layer's
     * outputs, and the other parts are added to it in order.
     */
    private final double[][] partSums;
    /** Allocated by the first {@link #gradient} or {@link #step}: a propagation that only predicts never needs them. */
    private double[][] deltas;
    private double[][][] shardGradients;
    private double[][] transposedWeights;
    /** A column of one layer's outputs over a shard's samples, one per shard. */
    private double[][] shardColumns;

    Propagation(MultiLayerNet net, int capacity, ShardTeam team) {
        this.net = net;
        this.sizes = net.sizes();
        this.outputs = new double[sizes.length - 1][];
        for (int k = 0; k < outputs.length; k++) {
            outputs[k] = new double[Math.multiplyExact(capacity, sizes[k + 1])];
        }
        this.team = team;
        this.capacity = capacity;
        this.shardCapacity = shardCount(capacity);
        this.partSums = new double[Batch.inputParts(sizes[0]).length - 1][];
        for (int k = 1; k < partSums.length; k++) {
            partSums[k] = new double[outputs[0].length];
        }
    }

    /** Runs x through every layer; the last layer's outputs then hold y for each sample. */
    void forward(Batch batch) {
        inParts(part -> sumFirstLayer(batch, part));
        inShards(batch.size(), (shard, from, to) -> forwardAbove(batch, from, to));
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

    /** Counts each sample of the last {@link #forward} in {@code confusion[label][predicted class]}. */
    void tally(Batch batch, int[][] confusion) {
        int last = sizes.length - 2;
        int width = sizes[last + 1];
        for (int i = 0; i < batch.size(); i++) {
            confusion[batch.labels[i]][OutputLayer.predictedClass(outputs[last], i * width, width)]++;
        }
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
     */
    double[][] gradient(Batch batch) {
        double[][] total = backpropagate(batch);
        inParts(part -> weightGradientOfFirstLayer(batch, part, total[0]));
        return total;
    }

    /**
     * One step of training and the batch's loss after it, as the book records it: bit for bit {@code
     * optimizer.update(parameters, gradient(batch))}, then {@link #forward} and {@link #loss}. But the layers above
     * the first move first, and then each part of the first layer, on the core that owns it, sums its rows of ∂L/∂W1,
     * moves its rows of W1 and at once sums its share of the next forward pass with them: one phase where there
     * would be two, with those rows still in that core's cache.
     */
    double step(Batch batch, Optimizer optimizer) {
        double[][] parameters = net.parameters();
        optimizer.beginStep(parameters);
        double[][] total = backpropagate(batch);
        for (int j = 1; j < parameters.length; j++) {
            optimizer.updateRange(j, parameters[j], total[j], 0, parameters[j].length);
        }
        int width = sizes[1];
        inParts(part -> {
            weightGradientOfFirstLayer(batch, part, total[0]);
            optimizer.updateRange(0, parameters[0], total[0], batch.partBounds[part] * width,
                    batch.partBounds[part + 1] * width);
            sumFirstLayer(batch, part);
        });
        inShards(batch.size(), (shard, from, to) -> forwardAbove(batch, from, to));
        return loss(batch);
    }

    /**
     * Each shard of samples runs forward from the first layer's sums and sends δ back down to the first layer,
     * summing the gradients of the layers above it: every gradient but ∂L/∂W1, which each part of the inputs then
     * sums for itself, so the largest gradient needs no reduction.
     */
    private double[][] backpropagate(Batch batch) {
        if (deltas == null) {
            deltas = new double[outputs.length][];
            for (int k = 0; k < outputs.length; k++) {
                deltas[k] = new double[outputs[k].length];
            }
            transposedWeights = new double[outputs.length][];
            for (int k = 1; k < outputs.length; k++) {
                transposedWeights[k] = new double[sizes[k] * sizes[k + 1]];
            }
            shardColumns = new double[shardCapacity][capacity];
            shardGradients = new double[shardCapacity][][];
            for (int s = 0; s < shardGradients.length; s++) {
                shardGradients[s] = net.newParameterArrays();
                if (s > 0) {
                    // ∂L/∂W1, the largest, is summed once for the whole batch into the first shard's array.
                    shardGradients[s][0] = new double[0];
                }
            }
        }
        transposeWeights();
        batch.allocateColumns();
        inParts(part -> sumFirstLayer(batch, part));
        inShards(batch.size(), (shard, from, to) -> {
            double[][] gradient = shardGradients[shard];
            // The biases' gradients are summed sample by sample; the weights' are written whole.
            for (int j = 1; j < gradient.length; j += 2) {
                Arrays.fill(gradient[j], 0.0);
            }
            forwardAbove(batch, from, to);
            backward(batch, from, to, gradient, shardColumns[shard]);
        });
        double[][] total = shardGradients[0];
        for (int s = 1; s < shardCount(batch.size()); s++) {
            for (int j = 1; j < total.length; j++) {
                LayerKernels.axpy(total[j].length, 1.0, shardGradients[s][j], 0, total[j], 0);
            }
        }
        return total;
    }

    /**
     * Part k's rows of ∂L/∂W1 = xᵀ·δ1, each one sum over the input's samples in sample order, from the batch's
     * compressed columns.
     */
    private void weightGradientOfFirstLayer(Batch batch, int part, double[] gradient) {
        batch.indexColumns(part);
        int width = sizes[1];
        for (int p = batch.partBounds[part]; p < batch.partBounds[part + 1]; p++) {
            LayerKernels.addScaledRows(width, deltas[0], batch.columnSample, batch.columnValue,
                    batch.columnStart[p], batch.columnEnd[p], null, gradient, p * width);
        }
    }

    /** Part k of the inputs sums its share of x·W1 for every sample, part 0 on top of b1. */
    private void sumFirstLayer(Batch batch, int part) {
        double[][] parameters = net.parameters();
        int width = sizes[1];
        batch.copyPart(part);
        int[] end = batch.partEnd[part];
        double[] sums = part == 0 ? outputs[0] : partSums[part];
        double[] init = part == 0 ? parameters[1] : null;
        for (int i = 0; i < batch.size(); i++) {
            LayerKernels.addScaledRows(width, parameters[0], batch.rowInput, batch.rowValue, batch.partStart(part, i),
                    end[i], init, sums, i * width);
        }
    }

    /** The rest of the forward pass of samples [from, to), once {@link #sumFirstLayer} has run for every part. */
    private void forwardAbove(Batch batch, int from, int to) {
        double[][] parameters = net.parameters();
        Activation hidden = net.architecture().hiddenActivation();
        Activation output = net.architecture().outputActivation();
        int layers = sizes.length - 1;
        for (int i = from; i < to; i++) {
            for (int part = 1; part < partSums.length; part++) {
                LayerKernels.axpy(sizes[1], 1.0, partSums[part], i * sizes[1], outputs[0], i * sizes[1]);
            }
            (layers == 1 ? output : hidden).applyInPlace(outputs[0], i * sizes[1], sizes[1]);
            for (int k = 1; k < layers; k++) {
                int inputs = sizes[k];
                int width = sizes[k + 1];
                LayerKernels.addDenseRows(width, parameters[2 * k], 0, outputs[k - 1], i * inputs, inputs,
                        parameters[2 * k + 1], outputs[k], i * width);
                (k == layers - 1 ? output : hidden).applyInPlace(outputs[k], i * width, width);
            }
        }
    }

    /**
     * δ for every layer of samples [from, to), and the shard's gradients of every parameter but W1, a layer at a
     * time: ∂L/∂W as one sum over the shard's samples per row, and δ sent down through Wᵀ, both on the dense
     * kernels.
     */
    private void backward(Batch batch, int from, int to, double[][] gradient, double[] column) {
        Activation hidden = net.architecture().hiddenActivation();
        int layers = sizes.length - 1;
        for (int i = from; i < to; i++) {
            OutputLayer.delta(net.architecture().outputActivation(), net.loss(), outputs[layers - 1],
                    deltas[layers - 1], i * sizes[layers], sizes[layers], batch.labels[i], 1.0 / batch.size());
        }
        for (int k = layers - 1; k >= 0; k--) {
            int inputs = sizes[k];
            int width = sizes[k + 1];
            double[] delta = deltas[k];
            for (int i = from; i < to; i++) {
                LayerKernels.axpy(width, 1.0, delta, i * width, gradient[2 * k + 1], 0);
            }
            if (k == 0) {
                break;
            }
            double[] below = outputs[k - 1];
            for (int p = 0; p < inputs; p++) {
                for (int i = from; i < to; i++) {
                    column[i - from] = below[i * inputs + p];
                }
                LayerKernels.addDenseRows(width, delta, from * width, column, 0, to - from, null, gradient[2 * k],
                        p * width);
            }
            double[] belowDelta = deltas[k - 1];
            for (int i = from; i < to; i++) {
                LayerKernels.addDenseRows(inputs, transposedWeights[k], 0, delta, i * width, width, null, belowDelta,
                        i * inputs);
                for (int p = i * inputs; p < (i + 1) * inputs; p++) {
                    belowDelta[p] *= hidden.derivativeFromOutput(below[p]);
                }
            }
        }
    }

    /** Wᵀ of every layer above the first, for {@link #backward}: row j of Wᵀ holds output j's weights. */
    private void transposeWeights() {
        double[][] parameters = net.parameters();
        for (int k = 1; k < transposedWeights.length; k++) {
            int inputs = sizes[k];
            int width = sizes[k + 1];
            double[] weights = parameters[2 * k];
            for (int p = 0; p < inputs; p++) {
                for (int j = 0; j < width; j++) {
                    transposedWeights[k][j * inputs + p] = weights[p * width + j];
                }
            }
        }
    }

    private static int shardCount(int samples) {
        return Math.max(1, Math.min(MAX_SHARDS, samples / MIN_SHARD_SAMPLES));
    }

    private void inShards(int samples, ShardTask task) {
        int shards = shardCount(samples);
        run(shards, s -> task.run(s, (int) ((long) samples * s / shards), (int) ((long) samples * (s + 1) / shards)));
    }

    private void inParts(IntConsumer task) {
        run(partSums.length, task);
    }

    private void run(int shards, IntConsumer shard) {
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
