package dev.scratchnet.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.scratchnet.engine.Architecture;

/**
 * What {@code /models} says about a registered model, in the API's spellings.
 *
 * @param latest      whether {@code /predict} uses it by default
 * @param inputs      {@code "pixels"} (intensities in [0, 1]) or {@code "raw_features"} (standardised by the model)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A registered model")
public record ModelInfo(@Schema(example = "m3-1k2j9") String id, Instant createdAt, boolean latest,
        ArchitectureInfo architecture, @Schema(example = "39760") long parameters,
        @Schema(example = "cross_entropy") String loss, @Schema(example = "mnist") String dataset,
        @Schema(example = "pixels") String inputs, List<String> classNames, String jobId, ModelMetrics metrics,
        long sizeBytes, String weightsSha256, @Schema(example = "/models/m3-1k2j9/weights") String weights) {

    /** Layer sizes from input to output and the activations, as {@code POST /jobs} spells them. */
    public record ArchitectureInfo(@Schema(example = "[784, 50, 10]") List<Integer> sizes,
            @Schema(example = "sigmoid") String activation, @Schema(example = "softmax") String outputActivation) {

        static ArchitectureInfo of(Architecture architecture) {
            return new ArchitectureInfo(architecture.sizes(), architecture.hiddenActivation().apiName(),
                    architecture.outputActivation().apiName());
        }
    }

    static ModelInfo of(SavedModel model, boolean latest) {
        return new ModelInfo(model.id(), model.createdAt(), latest, ArchitectureInfo.of(model.architecture()),
                model.architecture().parameterCount(), model.loss().apiName(), model.dataset(),
                ModelInputs.takesPixels(model) ? "pixels" : "raw_features", model.classNames(), model.jobId(),
                model.metrics(), model.sizeBytes(), model.weightsSha256(), "/models/" + model.id() + "/weights");
    }
}
