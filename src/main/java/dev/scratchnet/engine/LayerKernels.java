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

    /**
     * {@code out[o .. o+n) = init[0 .. n) + Σ input[i + p] · rows[r + p·n .. +n)} for p in [0, count), a null
     * {@code init} meaning zeros: a dense x·W + b, a δ sent down through Wᵀ, or a shard's z·δ summed over its samples.
     */
    static void addDenseRows(int n, double[] rows, int r, double[] input, int i, int count, double[] init,
            double[] out, int o) {
        if (VECTORIZED) {
            VectorizedKernels.addDenseRows(n, rows, r, input, i, count, init, out, o);
        } else {
            scalarAddDenseRows(n, rows, r, input, i, count, init, out, o);
        }
    }

    static void scalarAddDenseRows(int n, double[] rows, int r, double[] input, int i, int count, double[] init,
            double[] out, int o) {
        for (int j = 0; j < n; j++) {
            double a = init == null ? 0.0 : init[j];
            for (int p = 0; p < count; p++) {
                a = Math.fma(input[i + p], rows[r + p * n + j], a);
            }
            out[o + j] = a;
        }
    }

    /**
     * The sigmoid {@code 1 / (1 + e^-a)} of {@code values[offset .. offset+length)}, in place. {@code Math.exp} is
     * one call per element that the JIT cannot vectorise, a tenth of a training step; this exp is a polynomial that
     * runs eight lanes at a time and gives the same bits in its scalar form.
     */
    static void sigmoid(double[] values, int offset, int length) {
        int i = offset;
        if (VECTORIZED) {
            i = VectorizedKernels.sigmoid(values, offset, length);
        }
        for (; i < offset + length; i++) {
            values[i] = 1.0 / (1.0 + exp(-values[i]));
        }
    }

    /** log₂e, and ln 2 split in two so that k·ln 2 is exact to well past a double for |k| ≤ 1021. */
    static final double LOG2E = 1.4426950408889634;
    static final double LN2_HI = 0.6931471803691238;
    static final double LN2_LO = 1.9082149292705877e-10;
    /** Adding 1.5·2⁵² rounds a double below 2⁵¹ to an integer, which then sits in the low bits of the sum. */
    static final double ROUNDER = 0x1.8p52;
    /** Beyond ±708, e^x leaves the normal doubles; the sigmoid is then 0 or 1 to the last bit anyway. */
    static final double EXP_LIMIT = 708.0;
    /** 1/n! for n = 13 down to 0: e^r for |r| ≤ ln 2 / 2 to within an ulp or two. */
    static final double[] EXP_TAYLOR = exponentialTaylor(13);

    /**
     * e^x as {@link #sigmoid} computes it: x = k·ln 2 + r, e^x = 2^k · e^r, e^r by its Taylor series in Horner's
     * form. Within two ulps of {@code Math.exp} over ±708; NaN stays NaN.
     */
    static double exp(double x) {
        double clamped = Math.max(-EXP_LIMIT, Math.min(EXP_LIMIT, x));
        double shifted = Math.fma(clamped, LOG2E, ROUNDER);
        double k = shifted - ROUNDER;
        double r = Math.fma(-k, LN2_LO, Math.fma(-k, LN2_HI, clamped));
        double p = EXP_TAYLOR[0];
        for (int j = 1; j < EXP_TAYLOR.length; j++) {
            p = Math.fma(p, r, EXP_TAYLOR[j]);
        }
        long twoToK = (Double.doubleToRawLongBits(shifted) - Double.doubleToRawLongBits(ROUNDER) + 1023) << 52;
        return p * Double.longBitsToDouble(twoToK);
    }

    private static double[] exponentialTaylor(int degree) {
        double[] coefficients = new double[degree + 1];
        double factorial = 1.0;
        for (int n = 1; n <= degree; n++) {
            factorial *= n;
        }
        for (int n = degree; n >= 0; n--) {
            coefficients[degree - n] = 1.0 / factorial;
            factorial /= Math.max(n, 1);
        }
        return coefficients;
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
