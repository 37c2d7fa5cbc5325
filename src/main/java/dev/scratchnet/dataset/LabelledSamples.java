package dev.scratchnet.dataset;

import java.util.Arrays;

import dev.scratchnet.engine.Samples;

/** Samples a dataset serves: labels also as one-hot rows, and a prefix view for a job's {@code trainLimit}. */
public interface LabelledSamples extends Samples {

    /** The first {@code count} samples, sharing this set's storage. */
    LabelledSamples limit(int count);

    /** Sample {@code index}'s label as a one-hot row of {@link #classCount()} values (the book's one_hot_label). */
    default double[] oneHot(int index) {
        double[] row = new double[classCount()];
        copyOneHot(index, row, 0);
        return row;
    }

    /** Writes the one-hot row of sample {@code index} into {@code target} from {@code offset}. */
    default void copyOneHot(int index, double[] target, int offset) {
        Arrays.fill(target, offset, offset + classCount(), 0.0);
        target[offset + label(index)] = 1.0;
    }
}
