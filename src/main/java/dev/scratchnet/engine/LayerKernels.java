package dev.scratchnet.engine;

/**
 * The inner loops of a dense layer, over contiguous runs of the engine's arrays. ojAlgo's general multiply cannot
 * skip MNIST's zero pixels, four fifths of the first layer's work, and a plain Java axpy per pixel stays scalar; so
 * each output row is accumulated in registers while the rows of W it needs stream past (BENCHMARKS.md measures the
 * alternatives). With the {@code jdk.incubator.vector} module present the loops use SIMD registers; without it the
 * same fused multiply-adds run in the same order in scalar code, so both give bit-identical results.
 */
final class LayerKernels {

    /** Whether the JVM was started with {@code --add-modules jdk.incubator.vector}. */
    static final boolean VECTORIZED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private LayerKernels() {
    }

    /**
     * {@code out[o .. o+n) = init[0 .. n) + Σ value[q] · rows[index[q]·n .. +n)} for q in [from, to), a null
     * {@code init} meaning zeros: a sample's non-zero inputs times their rows of W on top of b, or an input's non-zero
     * samples times their rows of δ. {@code init} must not be {@code out}.
     */
    static void addScaledRows(int n, double[] rows, int[] index, double[] value, int from, int to, double[] init,
            double[] out, int o) {
        if (VECTORIZED) {
            VectorizedKernels.addScaledRows(n, rows, index, value, from, to, init, out, o);
        } else {
            scalarAddScaledRows(n, rows, index, value, from, to, init, out, o);
        }
    }

    static void scalarAddScaledRows(int n, double[] rows, int[] index, double[] value, int from, int to,
            double[] init, double[] out, int o) {
        for (int j = 0; j < n; j++) {
            double a = init == null ? 0.0 : init[j];
            for (int q = from; q < to; q++) {
                a = Math.fma(value[q], rows[index[q] * n + j], a);
            }
            out[o + j] = a;
        }
    }

    /** {@code out[o .. o+n) = init[0 .. n) + Σ input[i + p] · rows[p·n .. +n)} for p in [0, count): a dense x·W + b. */
    static void addDenseRows(int n, double[] rows, double[] input, int i, int count, double[] init, double[] out,
            int o) {
        if (VECTORIZED) {
            VectorizedKernels.addDenseRows(n, rows, input, i, count, init, out, o);
        } else {
            scalarAddDenseRows(n, rows, input, i, count, init, out, o);
        }
    }

    static void scalarAddDenseRows(int n, double[] rows, double[] input, int i, int count, double[] init,
            double[] out, int o) {
        for (int j = 0; j < n; j++) {
            double a = init == null ? 0.0 : init[j];
            for (int p = 0; p < count; p++) {
                a = Math.fma(input[i + p], rows[p * n + j], a);
            }
            out[o + j] = a;
        }
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
}
