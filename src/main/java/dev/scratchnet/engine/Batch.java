package dev.scratchnet.engine;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A mini-batch: inputs x with their labels t, filled in place so a trainer allocates it once. x is kept only as its
 * non-zero entries, twice over: by sample (compressed rows) for the forward pass, and by input (compressed columns)
 * so that each row of ∂L/∂W1 is one contiguous sum. About 80% of MNIST's pixels are zero, and skipping them is what
 * makes the first layer cheap.
 */
public final class Batch {

    /** Below this many samples, filling on one thread is cheaper than handing half to another. */
    private static final int PARALLEL_FILL = 32;

    final int inputSize;
    final int[] labels;
    /** Sample i's non-zero entries are {@code rowInput/rowValue[i·inputSize .. rowEnd[i])}: fixed slots, filled in parallel. */
    final int[] rowEnd;
    final int[] rowInput;
    final double[] rowValue;
    /** Input p's non-zero entries are {@code columnSample/columnValue[columnStart[p] .. columnStart[p+1])}. */
    final int[] columnStart;
    final int[] columnSample;
    final double[] columnValue;
    private final int[] columnCursor;
    private int size;

    public Batch(int capacity, int inputSize) {
        if (capacity <= 0 || inputSize <= 0) {
            throw new IllegalArgumentException("A batch needs a positive capacity and input size, found "
                    + capacity + " and " + inputSize);
        }
        int entries = Math.multiplyExact(capacity, inputSize);
        this.inputSize = inputSize;
        this.labels = new int[capacity];
        this.rowEnd = new int[capacity];
        this.rowInput = new int[entries];
        this.rowValue = new double[entries];
        this.columnStart = new int[inputSize + 1];
        this.columnSample = new int[entries];
        this.columnValue = new double[entries];
        this.columnCursor = new int[inputSize];
    }

    /** A batch of the given rows and class-index labels. */
    public static Batch of(double[][] rows, int[] labels) {
        if (rows.length == 0 || rows.length != labels.length) {
            throw new IllegalArgumentException("Expected as many labels as rows (at least one) but found "
                    + rows.length + " rows and " + labels.length + " labels");
        }
        Batch batch = new Batch(rows.length, rows[0].length);
        batch.fillRows(rows, 0, rows.length);
        System.arraycopy(labels, 0, batch.labels, 0, labels.length);
        return batch;
    }

    /** Unlabelled rows, for prediction. */
    public static Batch of(double[][] rows) {
        return of(rows, new int[rows.length]);
    }

    /** Refills this batch with the unlabelled rows {@code rows[first .. first+count)}. */
    public void fillRows(double[][] rows, int first, int count) {
        if (count <= 0 || count > capacity()) {
            throw new IllegalArgumentException("Expected 1 to " + capacity() + " rows but found " + count);
        }
        for (int i = 0; i < count; i++) {
            double[] row = rows[first + i];
            if (row.length != inputSize) {
                throw new IllegalArgumentException("Expected size " + inputSize + " but found size " + row.length
                        + " at index " + (first + i));
            }
            int next = i * inputSize;
            for (int p = 0; p < inputSize; p++) {
                if (row[p] != 0.0) {
                    rowInput[next] = p;
                    rowValue[next++] = row[p];
                }
            }
            rowEnd[i] = next;
            labels[i] = 0;
        }
        size = count;
    }

    /** Refills this batch with {@code count} samples, {@code indices[from .. from+count)} of {@code samples}. */
    public void fill(Samples samples, int[] indices, int from, int count) {
        fill(samples, indices, from, count, null);
    }

    /** {@link #fill} with the samples copied by the team's cores, each part of the batch by one of them. */
    void fill(Samples samples, int[] indices, int from, int count, ShardTeam team) {
        checkFits(samples, count);
        int parts = team == null || count < PARALLEL_FILL ? 1 : 2;
        IntConsumer part = p -> {
            for (int i = count * p / parts; i < count * (p + 1) / parts; i++) {
                copySample(samples, indices[from + i], i);
            }
        };
        if (parts == 1) {
            part.accept(0);
        } else {
            team.run(parts, part);
        }
        size = count;
    }

    /** Refills this batch with the consecutive samples {@code first .. first+count) of {@code samples}. */
    public void fillRange(Samples samples, int first, int count) {
        checkFits(samples, count);
        for (int i = 0; i < count; i++) {
            copySample(samples, first + i, i);
        }
        size = count;
    }

    private void copySample(Samples samples, int index, int i) {
        int start = i * inputSize;
        rowEnd[i] = start + samples.copyNonzeroFeatures(index, rowInput, rowValue, start);
        labels[i] = samples.label(index);
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

    /**
     * Indexes the batch by input, each input's samples in sample order, so that sums over them come out the same on
     * any number of threads. A counting sort of the rows: count per input, prefix sums, then place.
     */
    void indexColumns() {
        Arrays.fill(columnStart, 0);
        for (int i = 0; i < size; i++) {
            for (int q = i * inputSize; q < rowEnd[i]; q++) {
                columnStart[rowInput[q] + 1]++;
            }
        }
        for (int p = 0; p < inputSize; p++) {
            columnStart[p + 1] += columnStart[p];
        }
        System.arraycopy(columnStart, 0, columnCursor, 0, inputSize);
        for (int i = 0; i < size; i++) {
            for (int q = i * inputSize; q < rowEnd[i]; q++) {
                int slot = columnCursor[rowInput[q]]++;
                columnSample[slot] = i;
                columnValue[slot] = rowValue[q];
            }
        }
    }
}
