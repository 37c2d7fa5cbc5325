package dev.scratchnet.engine;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
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
        // One pass over the entries per block of up to seven vectors: each entry's index and value are read once per
        // block, and seven accumulators (the book's 50 in one block of 512-bit vectors) still fit in the registers.
        for (int j = 0; j < n; j += BLOCK * LANES) {
            int left = Math.min(BLOCK, (n - j + LANES - 1) / LANES);
            if (left > 4) {
                scaledRowsSevenVectors(n, rows, index, value, from, to, init, out, o, j);
            } else if (left > 2) {
                scaledRowsFourVectors(n, rows, index, value, from, to, init, out, o, j);
            } else if (left > 1) {
                scaledRowsTwoVectors(n, rows, index, value, from, to, init, out, o, j);
            } else {
                scaledRowsOneVector(n, rows, index, value, from, to, init, out, o, Math.min(j, n - LANES));
            }
        }
    }

    /** Vectors per block: seven accumulators, their loads and the broadcast value fit in x86's 16 or 32 registers. */
    private static final int BLOCK = 7;

    // One straight loop over q per block, with the vectors' offsets fixed before it: the JIT keeps the accumulators in
    // registers only when no loop wraps it (an outer loop over several ranges made it box them and run ten times
    // slower). A vector past the width is moved back to end at it, overlapping its neighbour.
    private static void scaledRowsSevenVectors(int n, double[] rows, int[] index, double[] value, int from, int to,
            double[] init, double[] out, int o, int j) {
        int last = n - LANES;
        int j0 = Math.min(j, last);
        int j1 = Math.min(j + LANES, last);
        int j2 = Math.min(j + 2 * LANES, last);
        int j3 = Math.min(j + 3 * LANES, last);
        int j4 = Math.min(j + 4 * LANES, last);
        int j5 = Math.min(j + 5 * LANES, last);
        int j6 = Math.min(j + 6 * LANES, last);
        DoubleVector a0 = start(init, j0);
        DoubleVector a1 = start(init, j1);
        DoubleVector a2 = start(init, j2);
        DoubleVector a3 = start(init, j3);
        DoubleVector a4 = start(init, j4);
        DoubleVector a5 = start(init, j5);
        DoubleVector a6 = start(init, j6);
        for (int q = from; q < to; q++) {
            int row = index[q] * n;
            DoubleVector v = DoubleVector.broadcast(SPECIES, value[q]);
            a0 = DoubleVector.fromArray(SPECIES, rows, row + j0).fma(v, a0);
            a1 = DoubleVector.fromArray(SPECIES, rows, row + j1).fma(v, a1);
            a2 = DoubleVector.fromArray(SPECIES, rows, row + j2).fma(v, a2);
            a3 = DoubleVector.fromArray(SPECIES, rows, row + j3).fma(v, a3);
            a4 = DoubleVector.fromArray(SPECIES, rows, row + j4).fma(v, a4);
            a5 = DoubleVector.fromArray(SPECIES, rows, row + j5).fma(v, a5);
            a6 = DoubleVector.fromArray(SPECIES, rows, row + j6).fma(v, a6);
        }
        a0.intoArray(out, o + j0);
        a1.intoArray(out, o + j1);
        a2.intoArray(out, o + j2);
        a3.intoArray(out, o + j3);
        a4.intoArray(out, o + j4);
        a5.intoArray(out, o + j5);
        a6.intoArray(out, o + j6);
    }

    private static void scaledRowsFourVectors(int n, double[] rows, int[] index, double[] value, int from, int to,
            double[] init, double[] out, int o, int j) {
        int last = n - LANES;
        int j0 = Math.min(j, last);
        int j1 = Math.min(j + LANES, last);
        int j2 = Math.min(j + 2 * LANES, last);
        int j3 = Math.min(j + 3 * LANES, last);
        DoubleVector a0 = start(init, j0);
        DoubleVector a1 = start(init, j1);
        DoubleVector a2 = start(init, j2);
        DoubleVector a3 = start(init, j3);
        for (int q = from; q < to; q++) {
            int row = index[q] * n;
            DoubleVector v = DoubleVector.broadcast(SPECIES, value[q]);
            a0 = DoubleVector.fromArray(SPECIES, rows, row + j0).fma(v, a0);
            a1 = DoubleVector.fromArray(SPECIES, rows, row + j1).fma(v, a1);
            a2 = DoubleVector.fromArray(SPECIES, rows, row + j2).fma(v, a2);
            a3 = DoubleVector.fromArray(SPECIES, rows, row + j3).fma(v, a3);
        }
        a0.intoArray(out, o + j0);
        a1.intoArray(out, o + j1);
        a2.intoArray(out, o + j2);
        a3.intoArray(out, o + j3);
    }

    private static void scaledRowsTwoVectors(int n, double[] rows, int[] index, double[] value, int from, int to,
            double[] init, double[] out, int o, int j) {
        int last = n - LANES;
        int j0 = Math.min(j, last);
        int j1 = Math.min(j + LANES, last);
        DoubleVector a0 = start(init, j0);
        DoubleVector a1 = start(init, j1);
        for (int q = from; q < to; q++) {
            int row = index[q] * n;
            DoubleVector v = DoubleVector.broadcast(SPECIES, value[q]);
            a0 = DoubleVector.fromArray(SPECIES, rows, row + j0).fma(v, a0);
            a1 = DoubleVector.fromArray(SPECIES, rows, row + j1).fma(v, a1);
        }
        a0.intoArray(out, o + j0);
        a1.intoArray(out, o + j1);
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

    static void addDenseRows(int n, double[] rows, int r, double[] input, int i, int count, double[] init,
            double[] out, int o) {
        if (n < LANES) {
            LayerKernels.scalarAddDenseRows(n, rows, r, input, i, count, init, out, o);
            return;
        }
        // Two vectors per pass: two independent chains of fused multiply-adds instead of one, whose latency bounds a
        // narrow layer (the book's output layer of 10 is one pass).
        int last = n - LANES;
        for (int j = 0; j < n; j += 2 * LANES) {
            int j0 = Math.min(j, last);
            int j1 = Math.min(j + LANES, last);
            DoubleVector a0 = start(init, j0);
            DoubleVector a1 = start(init, j1);
            for (int p = 0; p < count; p++) {
                DoubleVector v = DoubleVector.broadcast(SPECIES, input[i + p]);
                a0 = DoubleVector.fromArray(SPECIES, rows, r + p * n + j0).fma(v, a0);
                a1 = DoubleVector.fromArray(SPECIES, rows, r + p * n + j1).fma(v, a1);
            }
            a0.intoArray(out, o + j0);
            a1.intoArray(out, o + j1);
        }
    }

    /**
     * {@link LayerKernels#sigmoid} over the whole vectors of {@code values[offset .. offset+length)}, with the same
     * operations as its scalar exp lane by lane; returns where the lanes it left begin. (An overlapping last vector
     * would take the sigmoid of a sigmoid.)
     */
    static int sigmoid(double[] values, int offset, int length) {
        int end = offset + length - length % LANES;
        DoubleVector lnTwoHigh = DoubleVector.broadcast(SPECIES, LayerKernels.LN2_HI);
        DoubleVector lnTwoLow = DoubleVector.broadcast(SPECIES, LayerKernels.LN2_LO);
        for (int i = offset; i < end; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, values, i).neg()
                    .max(-LayerKernels.EXP_LIMIT).min(LayerKernels.EXP_LIMIT);
            DoubleVector shifted = x.fma(LayerKernels.LOG2E, LayerKernels.ROUNDER);
            DoubleVector k = shifted.sub(LayerKernels.ROUNDER);
            DoubleVector r = k.neg().fma(lnTwoLow, k.neg().fma(lnTwoHigh, x));
            DoubleVector p = DoubleVector.broadcast(SPECIES, LayerKernels.EXP_TAYLOR[0]);
            for (int j = 1; j < LayerKernels.EXP_TAYLOR.length; j++) {
                p = p.fma(r, DoubleVector.broadcast(SPECIES, LayerKernels.EXP_TAYLOR[j]));
            }
            LongVector twoToK = ((LongVector) shifted.reinterpretAsLongs())
                    .sub(Double.doubleToRawLongBits(LayerKernels.ROUNDER) - 1023).lanewise(VectorOperators.LSHL, 52);
            DoubleVector e = p.mul((DoubleVector) twoToK.reinterpretAsDoubles());
            DoubleVector.broadcast(SPECIES, 1.0).div(e.add(1.0)).intoArray(values, i);
        }
        return end;
    }

    private static DoubleVector start(double[] init, int j) {
        return init == null ? DoubleVector.zero(SPECIES) : DoubleVector.fromArray(SPECIES, init, j);
    }
}
