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
     * Writes sample {@code index}'s non-zero features with inputs in [firstInput, lastInput) as pairs, input positions
     * into {@code inputs} and values into {@code values}, both from {@code offset}, in ascending order of input, and
     * returns how many it wrote. This is what batches are made of, a part of the inputs at a time; sets stored
     * compactly should override it to skip their zeros without expanding them first.
     */
    default int copyNonzeroFeatures(int index, int firstInput, int lastInput, int[] inputs, double[] values,
            int offset) {
        double[] row = new double[inputSize()];
        copyFeatures(index, row, 0);
        int count = 0;
        for (int p = firstInput; p < lastInput; p++) {
            if (row[p] != 0.0) {
                inputs[offset + count] = p;
                values[offset + count] = row[p];
                count++;
            }
        }
        return count;
    }

    /**
     * A hint that {@link #copyNonzeroFeatures} will soon be called for these samples and inputs: sets stored in
     * memory can touch what it will read, every sample at once, so that their cache misses overlap instead of
     * coming one after another. Changes nothing else.
     */
    default void prefetchNonzeroFeatures(int[] indices, int count, int firstInput, int lastInput) {
    }
}
