package dev.scratchnet.engine;

/**
 * Labelled examples the trainer draws batches from: a feature vector and a class index per sample.
 * Implementations keep their own compact storage (MNIST keeps bytes) and expand one sample at a time.
 */
public interface Samples {

    int size();

    int inputSize();

    int classCount();

    /** The class index of sample {@code index}, in [0, classCount). */
    int label(int index);

    /** Writes sample {@code index}'s {@link #inputSize()} features into {@code target} from {@code offset}. */
    void copyFeatures(int index, double[] target, int offset);

    /**
     * Writes sample {@code index}'s non-zero features as pairs, input positions into {@code inputs} and values into
     * {@code values}, both from {@code offset}, and returns how many it wrote. This is what batches are made of;
     * sets stored compactly should override it to skip their zeros without expanding them first.
     */
    default int copyNonzeroFeatures(int index, int[] inputs, double[] values, int offset) {
        double[] row = new double[inputSize()];
        copyFeatures(index, row, 0);
        int count = 0;
        for (int p = 0; p < row.length; p++) {
            if (row[p] != 0.0) {
                inputs[offset + count] = p;
                values[offset + count] = row[p];
                count++;
            }
        }
        return count;
    }
}
