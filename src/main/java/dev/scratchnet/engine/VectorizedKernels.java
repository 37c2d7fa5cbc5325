package dev.scratchnet.engine;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LayerKernels} on SIMD registers. Only loaded when the incubator module is present; the species must be a
 * constant for the JIT to turn these calls into vector instructions.
 */
final class VectorizedKernels {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorizedKernels() {
    }

    static void addScaledRows(int n, double[] rows, int[] index, double[] value, int from, int to, double[] out,
            int o) {
        int j = 0;
        for (; j + 2 * LANES <= n; j += 2 * LANES) {
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, out, o + j);
            DoubleVector a1 = DoubleVector.fromArray(SPECIES, out, o + j + LANES);
            for (int q = from; q < to; q++) {
                int row = index[q] * n + j;
                DoubleVector v = DoubleVector.broadcast(SPECIES, value[q]);
                a0 = DoubleVector.fromArray(SPECIES, rows, row).fma(v, a0);
                a1 = DoubleVector.fromArray(SPECIES, rows, row + LANES).fma(v, a1);
            }
            a0.intoArray(out, o + j);
            a1.intoArray(out, o + j + LANES);
        }
        for (; j + LANES <= n; j += LANES) {
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, out, o + j);
            for (int q = from; q < to; q++) {
                a0 = DoubleVector.fromArray(SPECIES, rows, index[q] * n + j)
                        .fma(DoubleVector.broadcast(SPECIES, value[q]), a0);
            }
            a0.intoArray(out, o + j);
        }
        for (; j < n; j++) {
            double a = out[o + j];
            for (int q = from; q < to; q++) {
                a = Math.fma(value[q], rows[index[q] * n + j], a);
            }
            out[o + j] = a;
        }
    }

    static void addDenseRows(int n, double[] rows, double[] input, int i, int count, double[] out, int o) {
        int j = 0;
        for (; j + LANES <= n; j += LANES) {
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, out, o + j);
            for (int p = 0; p < count; p++) {
                a0 = DoubleVector.fromArray(SPECIES, rows, p * n + j)
                        .fma(DoubleVector.broadcast(SPECIES, input[i + p]), a0);
            }
            a0.intoArray(out, o + j);
        }
        for (; j < n; j++) {
            double a = out[o + j];
            for (int p = 0; p < count; p++) {
                a = Math.fma(input[i + p], rows[p * n + j], a);
            }
            out[o + j] = a;
        }
    }
}
