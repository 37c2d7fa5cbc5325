package dev.scratchnet.inference;

import io.swagger.v3.oas.annotations.media.Schema;

/** The JSON body of {@code POST /predict}: exactly one of {@code input} and {@code inputs}. */
@Schema(description = "One input vector, or several; each as long as the model's input layer")
public record PredictRequest(
        @Schema(description = "One input: pixel intensities in [0, 1] for an image model, raw feature values for a "
                + "model trained on a CSV table")
        double[] input,
        @Schema(description = "Several inputs, each like input; at most scratchnet.predict.max-inputs (10,000)")
        double[][] inputs) {
}
