package dev.scratchnet.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import dev.scratchnet.dataset.FeatureScaling;
import dev.scratchnet.engine.Activation;
import dev.scratchnet.engine.MultiLayerNet;
import dev.scratchnet.model.ModelInputs;
import dev.scratchnet.model.ModelNotFoundException;
import dev.scratchnet.model.ModelRegistry;
import dev.scratchnet.model.ModelRegistry.LoadedModel;
import dev.scratchnet.storage.ScratchnetProperties;
import dev.scratchnet.inference.PredictionMeters.Outcome;
import dev.scratchnet.web.InvalidField;

/**
 * Answers {@code POST /predict}. Each request takes its model once, so a model swapped in meanwhile answers only
 * later requests; what can be worked out once per model (scaling, meters, class names) is, so that a single input
 * costs little beyond parsing it.
 */
@Component
class Predictor {

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** Below this many rows per core, splitting a batch costs more than it saves. */
    private static final int PARALLEL_ROWS = 1024;

    private final ModelRegistry registry;
    private final PredictionMeters meters;
    private final ScratchnetProperties.Predict limits;
    private final Map<String, Serving> serving = new ConcurrentHashMap<>();

    Predictor(ModelRegistry registry, PredictionMeters meters, ScratchnetProperties properties) {
        this.registry = registry;
        this.meters = meters;
        this.limits = properties.predict();
    }

    /** Predictions for JSON inputs with the model {@code modelId}, or the latest when it is null. */
    PredictResponse predict(String modelId, PredictRequest request) {
        Serving model = take(modelId);
        return metered(model, () -> InputCheck.rows(request, model, limits.maxInputs()));
    }

    /** The prediction for a picture of a digit (PNG or JPEG), made into MNIST's 28×28 form first. */
    PredictResponse predictImage(String modelId, byte[] image) {
        Serving model = take(modelId);
        return metered(model, () -> {
            if (!model.takesImages()) {
                throw new InvalidInputException("Model " + model.id() + " takes " + model.inputSize() + " "
                        + (model.scaling == null ? "inputs" : "raw features") + ", not a 28×28 image; send JSON input",
                        new InvalidField(ImageRejectedException.FIELD, null, List.of("a model with 784 pixel inputs")));
            }
            return new double[][] {DigitImage.read(image, limits.maxImagePixels())};
        });
    }

    /** The answer for the rows {@code input} makes, counted as OK with its latency, or as invalid input. */
    private PredictResponse metered(Serving model, Supplier<double[][]> input) {
        long start = System.nanoTime();
        try {
            PredictResponse response = answer(model, input.get());
            model.ok.increment();
            model.latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return response;
        } catch (ErrorResponseException e) {
            meters.requests(model.id(), Outcome.INVALID_INPUT).increment();
            throw e;
        }
    }

    private Serving take(String modelId) {
        LoadedModel loaded = modelId == null ? registry.latest().orElse(null) : registry.get(modelId).orElse(null);
        if (loaded == null) {
            meters.requests(PredictionMeters.NO_MODEL, modelId == null ? Outcome.NO_MODEL : Outcome.UNKNOWN_MODEL)
                    .increment();
            throw modelId == null ? new NoModelException() : ModelNotFoundException.byId(modelId);
        }
        Serving model = serving.get(loaded.model().id());
        if (model == null || model.loaded != loaded) {
            model = prepare(loaded);
        }
        return model;
    }

    private Serving prepare(LoadedModel loaded) {
        // Rare (once per model), so this is also where models deleted since are forgotten.
        serving.keySet().removeIf(id -> registry.get(id).isEmpty());
        List<String> names = loaded.model().classNames();
        int classes = Math.max(2, loaded.network().architecture().outputSize());
        String[] classNames = new String[classes];
        for (int label = 0; label < classes; label++) {
            classNames[label] = label < names.size() ? names.get(label) : Integer.toString(label);
        }
        String id = loaded.model().id();
        Serving model = new Serving(loaded, ModelInputs.takesPixels(loaded.model()),
                ModelInputs.scalingToApply(loaded.model()), classNames,
                meters.requests(id, Outcome.OK), meters.latency(id));
        serving.put(id, model);
        return model;
    }

    private static PredictResponse answer(Serving model, double[][] rows) {
        double[][] inputs = rows;
        if (model.scaling != null) {
            inputs = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                inputs[i] = model.scaling.apply(rows[i]);
            }
        }
        double[][] outputs = predictOnAllCores(model.network(), inputs);
        boolean identity = model.network().architecture().outputActivation() == Activation.IDENTITY;
        List<PredictResponse.Prediction> predictions = new ArrayList<>(outputs.length);
        for (double[] y : outputs) {
            int label = MultiLayerNet.predictedClass(y);
            predictions.add(new PredictResponse.Prediction(label, model.classNames[label], identity ? null : y,
                    identity ? y : null));
        }
        return new PredictResponse(model.id(), predictions);
    }

    /**
     * The network's outputs, a large batch split over the cores ({@link MultiLayerNet#predict} is thread-safe and
     * runs one chunk at a time on the calling thread); a single input stays on the request's thread.
     */
    private static double[][] predictOnAllCores(MultiLayerNet network, double[][] inputs) {
        int parts = Math.min(CORES, inputs.length / PARALLEL_ROWS);
        if (parts < 2) {
            return network.predict(inputs);
        }
        List<ForkJoinTask<double[][]>> tasks = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            int from = (int) ((long) inputs.length * part / parts);
            int to = (int) ((long) inputs.length * (part + 1) / parts);
            tasks.add(ForkJoinTask.adapt(() -> network.predict(Arrays.copyOfRange(inputs, from, to))));
        }
        double[][] outputs = new double[inputs.length][];
        int next = 0;
        for (ForkJoinTask<double[][]> task : ForkJoinTask.invokeAll(tasks)) {
            double[][] part = task.join();
            System.arraycopy(part, 0, outputs, next, part.length);
            next += part.length;
        }
        return outputs;
    }

    /** A model ready to serve: the registry's pair and what every request would otherwise work out again. */
    record Serving(LoadedModel loaded, boolean pixels, FeatureScaling scaling, String[] classNames, Counter ok,
            Timer latency) {

        String id() {
            return loaded.model().id();
        }

        MultiLayerNet network() {
            return loaded.network();
        }

        int inputSize() {
            return loaded.network().architecture().inputSize();
        }

        boolean takesImages() {
            return inputSize() == DigitImage.SIDE * DigitImage.SIDE && scaling == null;
        }
    }
}
