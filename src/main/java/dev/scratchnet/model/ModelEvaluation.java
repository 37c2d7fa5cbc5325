package dev.scratchnet.model;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A model's figures on one split of a dataset.
 *
 * @param confusionMatrix counts with the true label as row and the predicted label as column
 */
@Schema(description = "Accuracy, loss, per-class accuracy and confusion matrix of a model on a dataset split")
public record ModelEvaluation(String modelId, String dataset, String split, int samples,
        @Schema(example = "0.9352") double accuracy, double loss, List<String> classNames, List<ClassAccuracy> perClass,
        int[][] confusionMatrix) {

    /** Of the samples labelled {@code label}, how many the model classified as such; accuracy null when none. */
    public record ClassAccuracy(int label, String className, int samples, int correct, Double accuracy) {
    }
}
