package dev.scratchnet.engine;

import java.util.Arrays;

/**
 * A mini-batch: inputs x with their labels t. x holds one sample per row in C order, exactly as NumPy holds the
 * book's {@code x_batch}; ojAlgo's column-major stores see the same array as one sample per column, so every
 * sample is contiguous for the layer kernels. Filled in place so a trainer allocates it once.
 */
public final class Batch {

    final int inputSize;
    final double[] x;
    final int[] labels;
    /**
     * The non-zero entries of x, sample by sample (compressed rows): about 80% of MNIST's pixels are zero, and
     * skipping them is what makes the first layer cheap.
     */
    final int[] nonzeroStart;
    final int[] nonzeroIndex;
    private int size;

    public Batch(int capacity, int inputSize) {
        if (capacity <= 0 || inputSize <= 0) {
            throw new IllegalArgumentException("A batch needs a positive capacity and input size, found "
                    + capacity + " and " + inputSize);
        }
        this.inputSize = inputSize;
        this.x = new double[Math.multiplyExact(capacity, inputSize)];
        this.labels = new int[capacity];
        this.nonzeroStart = new int[capacity + 1];
        this.nonzeroIndex = new int[x.length];
    }

    /** A batch of the given rows and class-index labels. */
    public static Batch of(double[][] rows, int[] labels) {
        if (rows.length == 0 || rows.length != labels.length) {
            throw new IllegalArgumentException("Expected as many labels as rows (at least one) but found "
                    + rows.length + " rows and " + labels.length + " labels");
        }
        Batch batch = new Batch(rows.length, rows[0].length);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != batch.inputSize) {
                throw new IllegalArgumentException("Expected size " + batch.inputSize + " but found size "
                        + rows[i].length + " at row " + i);
            }
            System.arraycopy(rows[i], 0, batch.x, i * batch.inputSize, batch.inputSize);
            batch.labels[i] = labels[i];
        }
        batch.size = rows.length;
        batch.indexNonzeros(0, rows.length);
        return batch;
    }

    /** Unlabelled rows, for prediction. */
    public static Batch of(double[][] rows) {
        return of(rows, new int[rows.length]);
    }

    /** Refills this batch with {@code count} samples, {@code indices[from .. from+count)} of {@code samples}. */
    public void fill(Samples samples, int[] indices, int from, int count) {
        checkFits(samples, count);
        for (int i = 0; i < count; i++) {
            int index = indices[from + i];
            samples.copyFeatures(index, x, i * inputSize);
            labels[i] = samples.label(index);
        }
        size = count;
        indexNonzeros(0, count);
    }

    /** Refills this batch with the consecutive samples {@code first .. first+count) of {@code samples}. */
    public void fillRange(Samples samples, int first, int count) {
        checkFits(samples, count);
        for (int i = 0; i < count; i++) {
            samples.copyFeatures(first + i, x, i * inputSize);
            labels[i] = samples.label(first + i);
        }
        size = count;
        indexNonzeros(0, count);
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return labels.length;
    }

    public int inputSize() {
        return inputSize;
    }

    /** A copy of the labels of the samples in this batch. */
    public int[] labels() {
        return Arrays.copyOf(labels, size);
    }

    private void checkFits(Samples samples, int count) {
        if (samples.inputSize() != inputSize) {
            throw new IllegalArgumentException("Expected samples of size " + inputSize + " but found size "
                    + samples.inputSize());
        }
        if (count <= 0 || count > capacity()) {
            throw new IllegalArgumentException("Expected 1 to " + capacity() + " samples but found " + count);
        }
    }

    private void indexNonzeros(int from, int to) {
        int next = nonzeroStart[from];
        for (int i = from; i < to; i++) {
            int base = i * inputSize;
            for (int p = 0; p < inputSize; p++) {
                if (x[base + p] != 0.0) {
                    nonzeroIndex[next++] = p;
                }
            }
            nonzeroStart[i + 1] = next;
        }
    }
}
