package dev.scratchnet.model;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /models/{id}/evaluate}; both fields may be left out. */
@Schema(description = "Which samples to evaluate a model on", example = """
        {"dataset": "mnist", "split": "test"}""")
public record EvaluationRequest(
        @Schema(description = "Dataset name; default: the one the model was trained on", example = "mnist")
        String dataset,
        @Schema(description = "test or train", defaultValue = "test", allowableValues = {"test", "train"})
        String split) {
}
