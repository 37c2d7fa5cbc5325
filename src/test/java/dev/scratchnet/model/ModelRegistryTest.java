package dev.scratchnet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scratchnet.dataset.FeatureScaling;
import dev.scratchnet.engine.Activation;
import dev.scratchnet.engine.Architecture;
import dev.scratchnet.engine.Loss;
import dev.scratchnet.engine.MultiLayerNet;
import dev.scratchnet.engine.RandomState;
import dev.scratchnet.engine.WeightInit;
import dev.scratchnet.storage.ScratchnetHome;

/** Models survive restarts whole, the latest follows registration order, and a damaged model is skipped. */
class ModelRegistryTest {

    private static final Architecture SMALL = new Architecture(List.of(4, 3, 2), Activation.SIGMOID,
            Activation.SOFTMAX);

    @TempDir
    Path home;

    @Test
    void publishedModelsComeBackAfterRestartWithTheSamePredictions() {
        ModelRegistry registry = new ModelRegistry(new ScratchnetHome(home));
        SavedModel first = registry.publish(model(1));
        SavedModel second = registry.publish(model(2));

        ModelRegistry restarted = new ModelRegistry(new ScratchnetHome(home));

        assertThat(restarted.list()).containsExactly(second, first);
        assertThat(restarted.latest()).get().extracting(ModelRegistry.LoadedModel::model).isEqualTo(second);
        double[][] input = {{0.1, 0.2, 0.3, 0.4}};
        assertThat(restarted.get(first.id()).orElseThrow().network().predict(input)[0])
                .containsExactly(registry.get(first.id()).orElseThrow().network().predict(input)[0]);
    }

    @Test
    void deletingTheLatestFallsBackToThePreviousModel() {
        ModelRegistry registry = new ModelRegistry(new ScratchnetHome(home));
        SavedModel first = registry.publish(model(1));
        SavedModel second = registry.publish(model(2));

        assertThat(registry.delete(second.id())).isTrue();

        assertThat(registry.latest()).get().extracting(ModelRegistry.LoadedModel::model).isEqualTo(first);
        assertThat(registry.delete(second.id())).isFalse();
        assertThat(new ModelRegistry(new ScratchnetHome(home)).list()).containsExactly(first);
    }

    @Test
    void flippedByteInWeightsIsSkippedAtStartUp() throws IOException {
        ModelRegistry registry = new ModelRegistry(new ScratchnetHome(home));
        SavedModel good = registry.publish(model(1));
        SavedModel damaged = registry.publish(model(2));
        Path weights = registry.weightsFile(damaged.id());
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(weights, bytes);
        Files.writeString(home.resolve("models/stray.txt"), "not a model");

        ModelRegistry restarted = new ModelRegistry(new ScratchnetHome(home));

        assertThat(restarted.list()).containsExactly(good);
    }

    private static NewModel model(long seed) {
        MultiLayerNet net = MultiLayerNet.initialize(SMALL, Loss.CROSS_ENTROPY, WeightInit.XAVIER, 0.01,
                new RandomState(seed));
        return new NewModel(SMALL, Loss.CROSS_ENTROPY, net.weights(), "xor", List.of("0", "1"),
                FeatureScaling.identity(4), "job-" + seed, new ModelMetrics(3, 0.9, 0.8, 0.3, 0.4));
    }
}
