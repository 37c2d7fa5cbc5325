package dev.scratchnet.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinTask;

import org.ojalgo.matrix.store.R064Store;

/**
 * A multilayer perceptron of any depth: the book's {@code TwoLayerNet} (DLfS ch. 4-5) and {@code MultiLayerNet}
 * (ch. 6) with {@code predict}, {@code loss}, {@code accuracy}, {@code gradient} and {@code numerical_gradient}.
 * With no hidden layer it is the perceptron of ch. 2.
 * <p>
 * Each layer's W lives in an ojAlgo {@link R064Store} of outputs × inputs: column-major, so its data is exactly the
 * book's W (inputs × outputs) in NumPy's row-major order and the weights leaving one input are contiguous.
 */
public final class MultiLayerNet {

    /**
     * Predictions and evaluations run in chunks of rows whose work arrays hold at most this many values: 256 KB of
     * doubles, under half of G1's smallest region. Larger arrays are "humongous" to G1, and each one allocated starts
     * a concurrent collection that takes a core from a training run.
     */
    private static final int CHUNK_VALUES = 32_768;
    /** The cores training and evaluation share their work across. */
    static final int CORES = Runtime.getRuntime().availableProcessors();

    private final Architecture architecture;
    private final Loss loss;
    private final R064Store[] weights;
    private final R064Store[] biases;
    private final double[][] parameters;

    private MultiLayerNet(Architecture architecture, Loss loss) {
        this.architecture = architecture;
        this.loss = loss;
        int layers = architecture.layerCount();
        this.weights = new R064Store[layers];
        this.biases = new R064Store[layers];
        this.parameters = new double[2 * layers][];
        for (int k = 0; k < layers; k++) {
            weights[k] = R064Store.FACTORY.make(architecture.sizes().get(k + 1), architecture.sizes().get(k));
            biases[k] = R064Store.FACTORY.make(architecture.sizes().get(k + 1), 1);
            parameters[2 * k] = weights[k].data;
            parameters[2 * k + 1] = biases[k].data;
        }
    }

    /**
     * A new network with weights drawn from N(0, σ²) in the book's order (W1 row by row, then W2 …) and zero
     * biases, σ chosen by {@code init}; the same seed always gives the same network.
     */
    public static MultiLayerNet initialize(Architecture architecture, Loss loss, WeightInit init, double std,
            RandomState random) {
        MultiLayerNet net = new MultiLayerNet(architecture, loss);
        for (int k = 0; k < architecture.layerCount(); k++) {
            double sigma = init.standardDeviation(architecture.sizes().get(k), std);
            double[] w = net.parameters[2 * k];
            for (int j = 0; j < w.length; j++) {
                w[j] = sigma * random.nextGaussian();
            }
        }
        return net;
    }

    /** A network with the given weights, whose shapes must match the architecture. */
    public static MultiLayerNet of(Architecture architecture, Loss loss, Weights weights) {
        int[] sizes = weights.sizes();
        if (!architecture.sizes().equals(toList(sizes))) {
            throw new IllegalArgumentException("Expected layer sizes " + architecture.sizes() + " but the weights have "
                    + toList(sizes));
        }
        MultiLayerNet net = new MultiLayerNet(architecture, loss);
        for (int k = 0; k < architecture.layerCount(); k++) {
            Weights.Layer layer = weights.layers().get(k);
            System.arraycopy(layer.weights(), 0, net.parameters[2 * k], 0, layer.weights().length);
            System.arraycopy(layer.biases(), 0, net.parameters[2 * k + 1], 0, layer.biases().length);
        }
        return net;
    }

    public Architecture architecture() {
        return architecture;
    }

    public Loss loss() {
        return loss;
    }

    /** A copy of the current parameters. */
    public Weights weights() {
        List<Weights.Layer> layers = new ArrayList<>();
        for (int k = 0; k < architecture.layerCount(); k++) {
            layers.add(new Weights.Layer(architecture.sizes().get(k), architecture.sizes().get(k + 1),
                    parameters[2 * k].clone(), parameters[2 * k + 1].clone()));
        }
        return new Weights(layers);
    }

    /** The outputs y for each row of x; safe to call from many threads while nobody trains this network. */
    public double[][] predict(double[][] x) {
        double[][] y = new double[x.length][];
        if (x.length == 0) {
            return y;
        }
        Batch batch = new Batch(Math.min(x.length, chunkRows()), architecture.inputSize());
        Propagation propagation = new Propagation(this, batch.capacity(), null);
        for (int from = 0; from < x.length; from += batch.capacity()) {
            batch.fillRows(x, from, Math.min(batch.capacity(), x.length - from));
            propagation.forward(batch);
            System.arraycopy(propagation.outputRows(batch), 0, y, from, batch.size());
        }
        return y;
    }

    /**
     * The class one output row picks, as {@link #evaluate} counts it: the largest output (the first on a tie, like
     * np.argmax), or for a single output whether it reaches 0.5.
     */
    public static int predictedClass(double[] y) {
        return OutputLayer.predictedClass(y, 0, y.length);
    }

    /** The loss of the batch, averaged over its samples. */
    public double loss(Batch batch) {
        Propagation propagation = new Propagation(this, batch.size(), null);
        propagation.forward(batch);
        return propagation.loss(batch);
    }

    /** The fraction of the batch classified as labelled. */
    public double accuracy(Batch batch) {
        Propagation propagation = new Propagation(this, batch.size(), null);
        propagation.forward(batch);
        return (double) propagation.correct(batch) / batch.size();
    }

    /** Backpropagation's gradient of the batch loss. */
    public Gradients gradient(Batch batch) {
        return Gradients.copyOf(new Propagation(this, batch.size(), null).gradient(batch), architecture);
    }

    /**
     * The same gradient by central differences, each parameter moved by ±1e-4 and restored: two forward passes per
     * parameter, so only for small networks and for checking {@link #gradient}.
     */
    public Gradients numericalGradient(Batch batch) {
        return Gradients.copyOf(numericalGradientArrays(batch), architecture);
    }

    double[][] numericalGradientArrays(Batch batch) {
        Propagation propagation = new Propagation(this, batch.size(), null);
        double[][] gradient = newParameterArrays();
        for (int j = 0; j < parameters.length; j++) {
            Calculus.numericalGradient(() -> {
                propagation.forward(batch);
                return propagation.loss(batch);
            }, parameters[j], gradient[j]);
        }
        return gradient;
    }

    /**
     * Accuracy, loss and confusion matrix over a whole set, in chunks on all cores, never holding more than a chunk
     * as doubles. The network must pick classes below the set's {@link Samples#classCount()}, as a network trained
     * on it does.
     */
    public Evaluation evaluate(Samples samples) {
        int chunk = chunkRows();
        int classes = samples.classCount();
        int threads = Math.max(1, Math.min(CORES, samples.size() / chunk));
        int[][][] confusion = new int[threads][classes][classes];
        double[] lossSums = new double[threads];
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[threads];
        for (int t = 0; t < threads; t++) {
            int part = t;
            int from = (int) ((long) samples.size() * t / threads);
            int to = (int) ((long) samples.size() * (t + 1) / threads);
            tasks[t] = ForkJoinTask.adapt(() -> {
                Batch batch = new Batch(Math.min(chunk, Math.max(1, to - from)), samples.inputSize());
                Propagation propagation = new Propagation(this, batch.capacity(), null);
                for (int first = from; first < to; first += batch.capacity()) {
                    batch.fillRange(samples, first, Math.min(batch.capacity(), to - first));
                    propagation.forward(batch);
                    propagation.tally(batch, confusion[part]);
                    lossSums[part] += propagation.loss(batch) * batch.size();
                }
            });
        }
        ForkJoinTask.invokeAll(tasks);
        int[][] total = new int[classes][classes];
        long correct = 0;
        double totalLoss = 0.0;
        for (int t = 0; t < threads; t++) {
            for (int label = 0; label < classes; label++) {
                for (int predicted = 0; predicted < classes; predicted++) {
                    total[label][predicted] += confusion[t][label][predicted];
                }
                correct += confusion[t][label][label];
            }
            totalLoss += lossSums[t];
        }
        return new Evaluation((double) correct / samples.size(), totalLoss / samples.size(), samples.size(), total);
    }

    private int chunkRows() {
        int widest = architecture.sizes().stream().mapToInt(Integer::intValue).max().orElse(1);
        return Math.max(1, CHUNK_VALUES / widest);
    }

    /** The live parameter arrays W1, b1, W2, b2, …: what an optimizer updates in place. */
    double[][] parameters() {
        return parameters;
    }

    double[][] newParameterArrays() {
        double[][] arrays = new double[parameters.length][];
        for (int j = 0; j < arrays.length; j++) {
            arrays[j] = new double[parameters[j].length];
        }
        return arrays;
    }

    int[] sizes() {
        return architecture.sizes().stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<Integer> toList(int[] sizes) {
        return java.util.Arrays.stream(sizes).boxed().toList();
    }
}
