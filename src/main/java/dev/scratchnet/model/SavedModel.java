package dev.scratchnet.model;

import java.time.Instant;
import java.util.List;

import dev.scratchnet.dataset.FeatureScaling;
import dev.scratchnet.engine.Architecture;
import dev.scratchnet.engine.Loss;

/**
 * A registered model's description, kept as {@code model.json} beside its {@code weights.npz}; the weights
 * themselves are loaded with it, as the network of the {@link ModelRegistry.LoadedModel} that
 * {@link ModelRegistry#get} and {@link ModelRegistry#latest} return.
 *
 * @param sequence       registration order: the highest is the latest model
 * @param weightsSha256  checksum of weights.npz, so a flipped byte is noticed at start-up
 */
public record SavedModel(String id, long sequence, Architecture architecture, Loss loss, String dataset,
        List<String> classNames, FeatureScaling scaling, String jobId, ModelMetrics metrics, Instant createdAt,
        long sizeBytes, String weightsSha256) {

    public SavedModel {
        classNames = List.copyOf(classNames);
    }
}
