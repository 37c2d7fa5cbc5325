package dev.scratchnet.engine;

import java.util.Arrays;

/**
 * A mini-batch: inputs x with their labels t, filled in place so a trainer allocates it once. x is kept only as its
 * non-zero entries, twice over: by sample (compressed rows) for the forward pass, and by input (compressed columns)
 * so that each row of ∂L/∂W1 is one contiguous sum. About 80% of MNIST's pixels are zero, and skipping them is what
 * makes the first layer cheap.
 * <p>
 * The inputs are split into a few contiguous parts, each its own shard of the first layer (see {@link Propagation}).
 * A batch drawn from {@link Samples} copies a part's entries only when that part is first used, so the core that
 * sums a part is also the one that wrote its entries.
 */
public final class Batch {

    /** Below this many inputs a part of the first layer costs more to hand to another thread than to compute. */
    private static final int MIN_PART_INPUTS = 128;
    /**
     * A part of the first layer per core of the two-core machines this service runs on; MNIST's 784 pixels make two
     * parts of 392. Each part costs a kernel call per sample and one more sum in the layer above, and four parts took
     * 10% longer per epoch there (BENCHMARKS.md).
     */
    static final int MAX_PARTS = 2;

    // How far a part has come since the batch was filled, in order: its entries are still in the samples; they are
    // in the rows; columnEnd also holds how many there are of each of its inputs; its columns are indexed.
    private static final int DRAWN = 0;
    private static final int COPIED = 1;
    private static final int COUNTED = 2;
    private static final int INDEXED = 3;

    final int inputSize;
    final int[] labels;
    /** Part k of the inputs is [partBounds[k], partBounds[k+1]). */
    final int[] partBounds;
    /**
     * Sample i's non-zero entries in part k, in ascending order of input, are {@code rowInput/rowValue[partStart(k, i)
     * .. partEnd[k][i])}. Part k has a region of its own, room for all its inputs of every sample, so parts fill
     * apart; within it the samples' entries follow one another with no gaps, so a batch touches a few lines of the
     * region rather than a line per sample.
     */
    final int[][] partEnd;
    final int[] rowInput;
    final double[] rowValue;
    /**
     * Input p's non-zero entries are {@code columnSample/columnValue[columnStart[p] .. columnEnd[p])}. Allocated by
     * {@link #allocateColumns} for a gradient: a batch that is only predicted never needs them.
     */
    int[] columnStart;
    int[] columnEnd;
    int[] columnSample;
    double[] columnValue;
    /** Where the parts not yet copied come from: {@code samples}' samples {@code sampleIndex[0 .. size)}. */
    private final int[] sampleIndex;
    /** Each part's stage: DRAWN, COPIED, COUNTED or INDEXED. */
    private final int[] partStage;
    private Samples samples;
    private int size;

    public Batch(int capacity, int inputSize) {
        if (capacity <= 0 || inputSize <= 0) {
            throw new IllegalArgumentException("A batch needs a positive capacity and input size, found "
                    + capacity + " and " + inputSize);
        }
        int entries = Math.multiplyExact(capacity, inputSize);
        this.inputSize = inputSize;
        this.labels = new int[capacity];
        this.partBounds = inputParts(inputSize);
        this.partEnd = new int[partBounds.length - 1][capacity];
        this.rowInput = new int[entries];
        this.rowValue = new double[entries];
        this.sampleIndex = new int[capacity];
        this.partStage = new int[partBounds.length - 1];
    }

    /**
     * How a network with this many inputs splits them between cores: the bounds of each part, from 0 to {@code
     * inputSize}. Sets of samples can index their entries by these parts to make copying a part cheap.
     */
    public static int[] inputParts(int inputSize) {
        int parts = Math.max(1, Math.min(MAX_PARTS, inputSize / MIN_PART_INPUTS));
        int[] bounds = new int[parts + 1];
        for (int k = 0; k <= parts; k++) {
            bounds[k] = (int) ((long) inputSize * k / parts);
        }
        return bounds;
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
            for (int k = 0; k < partEnd.length; k++) {
                int next = partStart(k, i);
                for (int p = partBounds[k]; p < partBounds[k + 1]; p++) {
                    if (row[p] != 0.0) {
                        rowInput[next] = p;
                        rowValue[next++] = row[p];
                    }
                }
                partEnd[k][i] = next;
            }
            labels[i] = 0;
        }
        samples = null;
        Arrays.fill(partStage, COPIED);
        size = count;
    }

    /** Refills this batch with {@code count} samples, {@code indices[from .. from+count)} of {@code samples}. */
    public void fill(Samples samples, int[] indices, int from, int count) {
        checkFits(samples, count);
        for (int i = 0; i < count; i++) {
            sampleIndex[i] = indices[from + i];
            labels[i] = samples.label(sampleIndex[i]);
        }
        drawFrom(samples, count);
    }

    /** Refills this batch with the consecutive samples {@code first .. first+count) of {@code samples}. */
    public void fillRange(Samples samples, int first, int count) {
        checkFits(samples, count);
        for (int i = 0; i < count; i++) {
            sampleIndex[i] = first + i;
            labels[i] = samples.label(first + i);
        }
        drawFrom(samples, count);
    }

    private void drawFrom(Samples samples, int count) {
        this.samples = samples;
        Arrays.fill(partStage, DRAWN);
        size = count;
    }

    /**
     * Makes sure part k's entries are in the rows, copying them from the samples if this batch was drawn from some
     * and the part is not yet copied. Parts can be copied concurrently: each writes only its own slots.
     */
    void copyPart(int k) {
        if (partStage[k] != DRAWN) {
            return;
        }
        samples.prefetchNonzeroFeatures(sampleIndex, size, partBounds[k], partBounds[k + 1]);
        // With room for columns, each input's entries are counted while they are still in this core's cache.
        boolean counting = columnEnd != null;
        if (counting) {
            Arrays.fill(columnEnd, partBounds[k], partBounds[k + 1], 0);
        }
        for (int i = 0; i < size; i++) {
            int start = partStart(k, i);
            partEnd[k][i] = start + samples.copyNonzeroFeatures(sampleIndex[i], partBounds[k], partBounds[k + 1],
                    rowInput, rowValue, start);
            if (counting) {
                countColumns(start, partEnd[k][i]);
            }
        }
        partStage[k] = counting ? COUNTED : COPIED;
    }

    private void countColumns(int from, int to) {
        for (int q = from; q < to; q++) {
            columnEnd[rowInput[q]]++;
        }
    }

    /** Where sample i's entries in part k begin: where the sample before it ended, the first at its part's region. */
    int partStart(int k, int i) {
        return i == 0 ? capacity() * partBounds[k] : partEnd[k][i - 1];
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

    /** Makes room for {@link #indexColumns}; called before the parts index concurrently. */
    void allocateColumns() {
        if (columnValue == null) {
            int entries = capacity() * inputSize;
            columnStart = new int[inputSize];
            columnEnd = new int[inputSize];
            columnSample = new int[entries];
            columnValue = new double[entries];
        }
    }

    /**
     * Indexes part k's inputs by column, each input's samples in sample order so that sums over them come out the
     * same on any number of threads. A counting sort: count per input (done by {@link #copyPart} when it can),
     * prefix sums, then place. Each part's entries take the column slots of its own inputs' rows, so parts can be
     * indexed concurrently. Once per filling: the counts become the columns' ends.
     */
    void indexColumns(int k) {
        copyPart(k);
        if (partStage[k] == INDEXED) {
            return;
        }
        int first = partBounds[k];
        int last = partBounds[k + 1];
        if (partStage[k] == COPIED) {
            Arrays.fill(columnEnd, first, last, 0);
            countColumns(partStart(k, 0), partEnd[k][size - 1]);
        }
        // Input p's slots follow those of the inputs before it within the part: part k starts at slot first·size.
        int slot = first * size;
        for (int p = first; p < last; p++) {
            int count = columnEnd[p];
            columnStart[p] = slot;
            columnEnd[p] = slot;
            slot += count;
        }
        for (int i = 0; i < size; i++) {
            for (int q = partStart(k, i); q < partEnd[k][i]; q++) {
                int entry = columnEnd[rowInput[q]]++;
                columnSample[entry] = i;
                columnValue[entry] = rowValue[q];
            }
        }
        partStage[k] = INDEXED;
    }
}
