package dev.scratchnet.job;

import dev.scratchnet.engine.Architecture;
import dev.scratchnet.engine.OptimizerKind;

/**
 * A rough upper bound of the heap one training run takes, worked out before it starts so that a network that cannot
 * fit is refused with a 400 instead of failing with an OutOfMemoryError that may take the service down.
 *
 * @param parameterBytes weights, a gradient per training thread and one summed, the optimizer's buffers, and the
 *                       copies a checkpoint, the best epoch and the published model keep
 * @param batchBytes     a batch's sparse inputs by row and by column, and each layer's outputs and deltas
 */
record HeapEstimate(long parameterBytes, long batchBytes) {

    /** Copies of the weights beyond the live ones: the checkpoint's, early stopping's best, the published model's. */
    private static final int WEIGHT_COPIES = 3;

    static HeapEstimate of(Architecture architecture, int batchSize, OptimizerKind optimizer, int threads) {
        long arrays = 1L + (threads + 1L) + optimizerBuffers(optimizer) + WEIGHT_COPIES;
        long parameterBytes = saturatedMultiply(architecture.parameterCount(), arrays * Double.BYTES);
        // A sparse entry is an int position and a double value; the batch keeps them by sample and by input.
        long inputBytes = 2L * (Integer.BYTES + Double.BYTES) * architecture.inputSize();
        long layerBytes = 2L * Double.BYTES * (architecture.sizes().stream().mapToLong(Integer::longValue).sum()
                - architecture.inputSize());
        return new HeapEstimate(parameterBytes, saturatedMultiply(batchSize, inputBytes + layerBytes));
    }

    long total() {
        long total = parameterBytes + batchBytes;
        return total < 0 ? Long.MAX_VALUE : total;
    }

    /** Momentum and AdaGrad keep one array per parameter array (v, h), Adam two (m, v); SGD none (DLfS ch. 6). */
    private static int optimizerBuffers(OptimizerKind optimizer) {
        return switch (optimizer) {
            case SGD -> 0;
            case MOMENTUM, ADAGRAD -> 1;
            case ADAM -> 2;
        };
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high == 0 && low >= 0 ? low : Long.MAX_VALUE;
    }

    /** Bytes in the units people read: 1.2 GB, 340 MB. */
    static String format(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(java.util.Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
    }
}
