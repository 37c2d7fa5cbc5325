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
}
