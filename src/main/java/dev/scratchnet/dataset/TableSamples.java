package dev.scratchnet.dataset;

import java.util.Objects;

/** Rows of real-valued features held as doubles, row-major: logic gates and CSV uploads (after scaling). */
final class TableSamples implements LabelledSamples {

    private final double[] features;
    private final int columns;
    private final int[] labels;
    private final int classCount;
    private final int size;

    TableSamples(double[] features, int columns, int[] labels, int classCount) {
        this(features, columns, labels, classCount, labels.length);
        if ((long) labels.length * columns != features.length) {
            throw new IllegalArgumentException("Expected " + labels.length + " rows of " + columns
                    + " features but found " + features.length + " values");
        }
        for (int index = 0; index < labels.length; index++) {
            if (labels[index] < 0 || labels[index] >= classCount) {
                throw new IllegalArgumentException("Label " + labels[index] + " at index " + index
                        + " is outside 0.." + (classCount - 1));
            }
        }
    }

    private TableSamples(double[] features, int columns, int[] labels, int classCount, int size) {
        this.features = features;
        this.columns = columns;
        this.labels = labels;
        this.classCount = classCount;
        this.size = size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int inputSize() {
        return columns;
    }

    @Override
    public int classCount() {
        return classCount;
    }

    @Override
    public int label(int index) {
        return labels[Objects.checkIndex(index, size)];
    }

    @Override
    public void copyFeatures(int index, double[] target, int offset) {
        System.arraycopy(features, Objects.checkIndex(index, size) * columns, target, offset, columns);
    }

    @Override
    public TableSamples limit(int count) {
        if (count < 1 || count > size) {
            throw new IllegalArgumentException("A limit must be within 1.." + size + ", found " + count);
        }
        return count == size ? this : new TableSamples(features, columns, labels, classCount, count);
    }
}
