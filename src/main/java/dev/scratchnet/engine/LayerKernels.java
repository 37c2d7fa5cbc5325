package dev.scratchnet.engine;

/**
 * The inner loops of a dense layer over contiguous runs of the engine's column-major arrays. They exist because
 * ojAlgo's general multiply cannot skip MNIST's zero pixels, which are four fifths of the first layer's work
 * (BENCHMARKS.md measures both). Kept as plain indexed loops the JIT turns into vector instructions.
 */
final class LayerKernels {

    private LayerKernels() {
    }

    /** {@code y[yOffset .. +n) += a · x[xOffset .. +n)}. */
    static void axpy(int n, double a, double[] x, int xOffset, double[] y, int yOffset) {
        for (int j = 0; j < n; j++) {
            y[yOffset + j] += a * x[xOffset + j];
        }
    }

    /** {@code Σ x[xOffset + j] · y[yOffset + j]} over n terms. */
    static double dot(int n, double[] x, int xOffset, double[] y, int yOffset) {
        double sum = 0.0;
        for (int j = 0; j < n; j++) {
            sum += x[xOffset + j] * y[yOffset + j];
        }
        return sum;
    }

    /**
     * One sample's affine map {@code a = x·W + b}: W is stored as the book writes it (inputs × outputs, row-major),
     * so the weights leaving input p are the contiguous run {@code W[p·outputs ..]} and a is built by adding one run
     * per non-zero input.
     */
    static void affine(double[] input, int inputOffset, int inputs, double[] weights, double[] biases,
            double[] output, int outputOffset) {
        int outputs = biases.length;
        System.arraycopy(biases, 0, output, outputOffset, outputs);
        for (int p = 0; p < inputs; p++) {
            double value = input[inputOffset + p];
            if (value != 0.0) {
                axpy(outputs, value, weights, p * outputs, output, outputOffset);
            }
        }
    }

    /** {@link #affine} over only the listed non-zero inputs {@code index[from .. to)}. */
    static void sparseAffine(double[] input, int inputOffset, int[] index, int from, int to, double[] weights,
            double[] biases, double[] output, int outputOffset) {
        int outputs = biases.length;
        System.arraycopy(biases, 0, output, outputOffset, outputs);
        for (int q = from; q < to; q++) {
            int p = index[q];
            axpy(outputs, input[inputOffset + p], weights, p * outputs, output, outputOffset);
        }
    }

    /** Adds one sample's outer product {@code xᵀ·δ} to dW, over its non-zero inputs only. */
    static void accumulateWeightGradient(double[] input, int inputOffset, int inputs, double[] delta,
            int deltaOffset, double[] weightGradient, int outputs) {
        for (int p = 0; p < inputs; p++) {
            double value = input[inputOffset + p];
            if (value != 0.0) {
                axpy(outputs, value, delta, deltaOffset, weightGradient, p * outputs);
            }
        }
    }

    /** {@link #accumulateWeightGradient} over only the listed non-zero inputs {@code index[from .. to)}. */
    static void accumulateSparseWeightGradient(double[] input, int inputOffset, int[] index, int from, int to,
            double[] delta, int deltaOffset, double[] weightGradient, int outputs) {
        for (int q = from; q < to; q++) {
            int p = index[q];
            axpy(outputs, input[inputOffset + p], delta, deltaOffset, weightGradient, p * outputs);
        }
    }
}
