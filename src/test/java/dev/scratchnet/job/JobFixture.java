package dev.scratchnet.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.scratchnet.dataset.BuiltInDatasets;
import dev.scratchnet.dataset.DatasetCatalog;
import dev.scratchnet.engine.Weights;
import dev.scratchnet.engine.npz.WeightsFile;
import dev.scratchnet.model.ModelRegistry;
import dev.scratchnet.storage.ScratchnetHome;
import dev.scratchnet.storage.ScratchnetProperties;

/**
 * The job package's parts wired by hand over one home folder, as a start of the service would wire them; a second
 * fixture over the same folder is the service after a restart.
 */
final class JobFixture {

    final JobStore store;
    final JobEvents events;
    final ModelRegistry models;
    final JobRegistry jobs;
    final JobRunner runner;
    final ScratchnetProperties properties;

    JobFixture(Path home) {
        this(home, builtInDatasets());
    }

    JobFixture(Path home, DatasetCatalog catalog) {
        this(home, catalog, new JobEvents());
    }

    /** The parts over the given datasets, announcing on the given events. */
    JobFixture(Path home, DatasetCatalog catalog, JobEvents events) {
        this.events = events;
        ScratchnetHome scratchnetHome = new ScratchnetHome(home);
        properties = new Binder(new MapConfigurationPropertySource(
                Map.of("scratchnet.home", home.toString()))).bindOrCreate("scratchnet", ScratchnetProperties.class);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        store = new JobStore(scratchnetHome);
        models = new ModelRegistry(scratchnetHome);
        jobs = new JobRegistry(store, events, meters);
        runner = new JobRunner(catalog, models, store, events, properties, meters);
    }

    /** The built-in datasets without the catalog's configured and uploaded ones. */
    static DatasetCatalog builtInDatasets() {
        DatasetCatalog catalog = mock(DatasetCatalog.class);
        when(catalog.names()).thenReturn(BuiltInDatasets.NAMES);
        when(catalog.get(anyString())).thenAnswer(call -> {
            String name = call.getArgument(0);
            return name.equals(BuiltInDatasets.MNIST) ? BuiltInDatasets.mnist() : BuiltInDatasets.logicGate(name);
        });
        return catalog;
    }

    /** Submits and runs a job on this thread until it ends. */
    TrainingJob runToEnd(JobConfig config) {
        TrainingJob job = jobs.create(config.withDefaults(), null);
        runner.run(job, () -> false);
        return job;
    }

    Weights weights(TrainingJob job) throws IOException {
        return WeightsFile.read(models.weightsFile(job.record().modelId()));
    }

    /** Bit-for-bit equality of every W and b, reporting the first index that differs rather than the arrays. */
    static void assertSameBits(Weights actual, Weights expected) {
        assertThat(actual.layers()).hasSameSizeAs(expected.layers());
        for (int k = 0; k < expected.layers().size(); k++) {
            Weights.Layer layer = actual.layers().get(k);
            Weights.Layer other = expected.layers().get(k);
            assertThat(Arrays.mismatch(layer.weights(), other.weights())).as("first differing index of W" + (k + 1))
                    .isEqualTo(-1);
            assertThat(Arrays.mismatch(layer.biases(), other.biases())).as("first differing index of b" + (k + 1))
                    .isEqualTo(-1);
        }
    }

    static JobConfig config(String dataset, List<Integer> hiddenSizes, String activation, String optimizer,
            double learningRate, int batchSize, int epochs, Integer trainLimit, Long seed) {
        return new JobConfig(dataset, hiddenSizes, activation, null, null, optimizer, learningRate, batchSize,
                epochs, null, null, null, null, null, null, trainLimit, seed);
    }
}
