package dev.scratchnet.dataset;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A named dataset ready to train on: a training and a test split over the same features and classes, the class
 * names in label order, and the scaling a model trained on it applies to raw inputs.
 */
public record Dataset(String name, Source source, LabelledSamples train, LabelledSamples test,
        List<String> classNames, FeatureScaling scaling) {

    /** Where a dataset comes from. */
    public enum Source {
        BUILT_IN, DIRECTORY, DOWNLOADED, UPLOADED;

        @JsonValue
        public String json() {
            return name().toLowerCase();
        }
    }

    public Dataset {
        classNames = List.copyOf(classNames);
        if (train.inputSize() != test.inputSize()) {
            throw new IllegalArgumentException(name + ": training samples have " + train.inputSize()
                    + " features but test samples have " + test.inputSize());
        }
        if (train.classCount() != classNames.size() || test.classCount() != classNames.size()) {
            throw new IllegalArgumentException(name + ": expected " + classNames.size() + " classes in both splits "
                    + "but found " + train.classCount() + " and " + test.classCount());
        }
        if (scaling.size() != train.inputSize()) {
            throw new IllegalArgumentException(name + ": expected a scaling of " + train.inputSize()
                    + " features but found " + scaling.size());
        }
    }

    public int inputSize() {
        return train.inputSize();
    }

    public int classCount() {
        return classNames.size();
    }
}
