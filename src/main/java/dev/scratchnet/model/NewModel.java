package dev.scratchnet.model;

import java.util.List;

import dev.scratchnet.dataset.FeatureScaling;
import dev.scratchnet.engine.Architecture;
import dev.scratchnet.engine.Loss;
import dev.scratchnet.engine.Weights;

/**
 * A network about to be registered: what a finished job or an uploaded {@code .npz} hands the registry.
 *
 * @param jobId   the job that trained it, null when imported
 * @param metrics the final epoch's figures, null when imported
 */
public record NewModel(Architecture architecture, Loss loss, Weights weights, String dataset, List<String> classNames,
        FeatureScaling scaling, String jobId, ModelMetrics metrics) {

    public NewModel {
        classNames = List.copyOf(classNames);
        int outputs = architecture.outputSize();
        if (!classNames.isEmpty() && classNames.size() != outputs && !(outputs == 1 && classNames.size() == 2)) {
            throw new IllegalArgumentException("Expected " + outputs + " class names but found " + classNames.size());
        }
        if (scaling != null && scaling.size() != architecture.inputSize()) {
            throw new IllegalArgumentException("Expected a feature scaling of size " + architecture.inputSize()
                    + " but found size " + scaling.size());
        }
    }
}
