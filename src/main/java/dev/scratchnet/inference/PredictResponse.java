package dev.scratchnet.inference;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of {@code POST /predict}: which model answered, and one prediction per input, in order. */
@Schema(description = "The model that answered and one prediction per input", example = """
        {"modelId": "m3-1k2j9", "predictions": [{"label": 7, "className": "7",
         "probabilities": [0.0, 0.0, 0.001, 0.002, 0.0, 0.0, 0.0, 0.995, 0.0, 0.002]}]}""")
public record PredictResponse(String modelId, List<Prediction> predictions) {

    /**
     * One input's answer: the class picked, its name, and the network's outputs, called probabilities unless the
     * output activation is identity (then {@code outputs}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Prediction(int label, String className, double[] probabilities, double[] outputs) {
    }
}
