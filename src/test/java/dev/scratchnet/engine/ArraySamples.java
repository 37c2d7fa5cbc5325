package dev.scratchnet.engine;

/** Samples held as double rows, for tests. */
record ArraySamples(double[][] rows, int[] labels, int classCount) implements Samples {

    @Override
    public int size() {
        return rows.length;
    }

    @Override
    public int inputSize() {
        return rows[0].length;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public void copyFeatures(int index, double[] target, int offset) {
        System.arraycopy(rows[index], 0, target, offset, rows[index].length);
    }
}
