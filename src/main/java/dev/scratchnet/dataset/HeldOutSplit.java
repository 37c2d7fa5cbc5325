package dev.scratchnet.dataset;

import java.util.Arrays;
import java.util.Random;

/** Which rows of an upload train and which are held out to test, drawn by a seeded shuffle (same seed, same split). */
record HeldOutSplit(int[] train, int[] test) {

    /** Holds out round(size × testFraction) rows, at least one, and keeps at least one to train on. */
    static HeldOutSplit of(int size, double testFraction, long seed) {
        if (size < 2) {
            throw new IllegalArgumentException("Holding out a test split needs at least 2 rows, found " + size);
        }
        int testCount = (int) Math.max(1, Math.min(size - 1, Math.round(size * testFraction)));
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] test = Arrays.copyOfRange(order, 0, testCount);
        int[] train = Arrays.copyOfRange(order, testCount, size);
        Arrays.sort(test);
        Arrays.sort(train);
        return new HeldOutSplit(train, test);
    }

    /** The rows at {@code indices} of a row-major array with {@code width} values per row. */
    static double[] gather(double[] values, int width, int[] indices) {
        double[] gathered = new double[indices.length * width];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(values, indices[k] * width, gathered, k * width, width);
        }
        return gathered;
    }

    /** The rows at {@code indices} of a row-major byte array with {@code width} bytes per row. */
    static byte[] gather(byte[] values, int width, int[] indices) {
        byte[] gathered = new byte[indices.length * width];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(values, indices[k] * width, gathered, k * width, width);
        }
        return gathered;
    }
}
