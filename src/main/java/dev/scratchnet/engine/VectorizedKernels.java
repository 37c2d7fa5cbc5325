package dev.scratchnet.engine;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LayerKernels} on SIMD registers. Only loaded when the incubator module is present; the species must be a
 * constant for the JIT to turn these calls into vector instructions.
 * <p>
 * A width that is not a multiple of the vector length is covered by letting the last block overlap the one before:
 * every lane is computed from {@code init} by the same fused multiply-adds in the same order, so a lane computed
 * twice gets the same value twice (which is why {@code init} must never be the output). (Masked loads would avoid the
 * overlap, but JDK 17 runs them twenty times slower.)
 */
final class VectorizedKernels {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorizedKernels() {
    }

    static void addScaledRows(int n, double[] rows, int[] index, double[] value, int from, int to, double[] init,
            double[] out, int o) {
        if (n < LANES) {
            LayerKernels.scalarAddScaledRows(n, rows, index, value, from, to, init, out, o);
            return;
        }
        // Wider blocks read each entry's index and value fewer times; three vectors cover the book's 50 in 3 passes.
        int vectors = Math.min(3, n / LANES);
        int block = vectors * LANES;
        for (int j = 0; j < n; j += block) {
            int start = Math.min(j, n - block);
            switch (vectors) {
                case 3 -> scaledRowsThreeVectors(n, rows, index, value, from, to, init, out, o, start);
                case 2 -> scaledRowsTwoVectors(n, rows, index, value, from, to, init, out, o, start);
                default -> scaledRowsOneVector(n, rows, index, value, from, to, init, out, o, start);
            }
        }
    }

    // One plain loop over q per block: the JIT keeps the accumulators in registers only when no loop wraps it (an
    // outer loop over several ranges made it box them and run ten times slower).
    private static void scaledRowsThreeVectors(int n, double[] rows, int[] index, double[] value, int from, int to,
            double[] init, double[] out, int o, int j) {
        DoubleVector a0 = start(init, j);
        DoubleVector a1 = start(init, j + LANES);
        DoubleVector a2 = start(init, j + 2 * LANES);
        for (int q = from; q < to; q++) {
            int row = index[q] * n + j;
            DoubleVector v = DoubleVector.broadcast(SPECIES, value[q]);
            a0 = DoubleVector.fromArray(SPECIES, rows, row).fma(v, a0);
            a1 = DoubleVector.fromArray(SPECIES, rows, row + LANES).fma(v, a1);
            a2 = DoubleVector.fromArray(SPECIES, rows, row + 2 * LANES).fma(v, a2);
        }
        a0.intoArray(out, o + j);
        a1.intoArray(out, o + j + LANES);
        a2.intoArray(out, o + j + 2 * LANES);
    }

    private static void scaledRowsTwoVectors(int n, double[] rows, int[] index, double[] value, int from, int to,
            double[] init, double[] out, int o, int j) {
        DoubleVector a0 = start(init, j);
        DoubleVector a1 = start(init, j + LANES);
        for (int q = from; q < to; q++) {
            int row = index[q] * n + j;
            DoubleVector v = DoubleVector.broadcast(SPECIES, value[q]);
            a0 = DoubleVector.fromArray(SPECIES, rows, row).fma(v, a0);
            a1 = DoubleVector.fromArray(SPECIES, rows, row + LANES).fma(v, a1);
        }
        a0.intoArray(out, o + j);
        a1.intoArray(out, o + j + LANES);
    }

    private static void scaledRowsOneVector(int n, double[] rows, int[] index, double[] value, int from, int to,
            double[] init, double[] out, int o, int j) {
        DoubleVector a0 = start(init, j);
        for (int q = from; q < to; q++) {
            a0 = DoubleVector.fromArray(SPECIES, rows, index[q] * n + j)
                    .fma(DoubleVector.broadcast(SPECIES, value[q]), a0);
        }
        a0.intoArray(out, o + j);
    }

    static void addDenseRows(int n, double[] rows, double[] input, int i, int count, double[] init, double[] out,
            int o) {
        if (n < LANES) {
            LayerKernels.scalarAddDenseRows(n, rows, input, i, count, init, out, o);
            return;
        }
        for (int j = 0; j < n; j += LANES) {
            int start = Math.min(j, n - LANES);
            DoubleVector a0 = start(init, start);
            for (int p = 0; p < count; p++) {
                a0 = DoubleVector.fromArray(SPECIES, rows, p * n + start)
                        .fma(DoubleVector.broadcast(SPECIES, input[i + p]), a0);
            }
            a0.intoArray(out, o + start);
        }
    }

    private static DoubleVector start(double[] init, int j) {
        return init == null ? DoubleVector.zero(SPECIES) : DoubleVector.fromArray(SPECIES, init, j);
    }
}
