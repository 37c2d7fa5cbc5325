package dev.scratchnet.model;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.springframework.stereotype.Component;

import dev.scratchnet.dataset.Dataset;
import dev.scratchnet.dataset.LabelledSamples;
import dev.scratchnet.engine.Evaluation;
import dev.scratchnet.model.ModelRegistry.LoadedModel;
import dev.scratchnet.web.InvalidField;

/**
 * {@code POST /models/{id}/evaluate}: runs a model over a dataset split on every core, as training evaluates its epochs
 * (the engine's {@link dev.scratchnet.engine.MultiLayerNet#evaluate}), and reports its confusion matrix class by
 * class. Stored samples are already scaled, so they go to the network as they are.
 */
@Component
class ModelEvaluator {

    private static final List<String> SPLITS = List.of("test", "train");

    private final ServedDatasets datasets;

    ModelEvaluator(ServedDatasets datasets) {
        this.datasets = datasets;
    }

    ModelEvaluation evaluate(LoadedModel loaded, EvaluationRequest request) {
        SavedModel model = loaded.model();
        String split = request.split() == null ? "test" : request.split();
        if (!SPLITS.contains(split)) {
            throw ModelRejectedException.badRequest("split must be test or train, found '" + split + "'",
                    new InvalidField("split", split, SPLITS));
        }
        Dataset dataset = dataset(request.dataset() == null ? model.dataset() : request.dataset(), model);
        checkFits(model, dataset);
        LabelledSamples samples = split.equals("test") ? dataset.test() : dataset.train();
        Evaluation evaluation = loaded.network().evaluate(samples);
        List<ModelEvaluation.ClassAccuracy> perClass = new ArrayList<>();
        for (int label = 0; label < dataset.classCount(); label++) {
            int[] row = evaluation.confusion()[label];
            int count = IntStream.of(row).sum();
            perClass.add(new ModelEvaluation.ClassAccuracy(label, dataset.classNames().get(label), count, row[label],
                    count == 0 ? null : (double) row[label] / count));
        }
        return new ModelEvaluation(model.id(), dataset.name(), split, samples.size(), evaluation.accuracy(),
                evaluation.loss(), dataset.classNames(), perClass, evaluation.confusion());
    }

    private Dataset dataset(String name, SavedModel model) {
        if (name == null) {
            throw ModelRejectedException.badRequest("dataset is required: model " + model.id()
                    + " was registered without one", new InvalidField("dataset", null, datasets.names()));
        }
        return datasets.get(name);
    }

    private static void checkFits(SavedModel model, Dataset dataset) {
        int inputs = model.architecture().inputSize();
        int outputs = model.architecture().outputSize();
        if (dataset.inputSize() != inputs) {
            throw ModelRejectedException.badRequest("model " + model.id() + " takes " + inputs + " inputs but "
                    + dataset.name() + " has " + dataset.inputSize() + " features",
                    new InvalidField("dataset", dataset.name(), List.of("a dataset with " + inputs + " features")));
        }
        if (outputs != dataset.classCount() && !(outputs == 1 && dataset.classCount() == 2)) {
            throw ModelRejectedException.badRequest("model " + model.id() + " has " + outputs + " outputs but "
                    + dataset.name() + " has " + dataset.classCount() + " classes",
                    new InvalidField("dataset", dataset.name(), List.of("a dataset with " + outputs + " classes")));
        }
    }
}
