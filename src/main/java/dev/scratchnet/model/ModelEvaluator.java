package dev.scratchnet.model;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.springframework.stereotype.Component;

import dev.scratchnet.dataset.Dataset;
import dev.scratchnet.dataset.LabelledSamples;
import dev.scratchnet.engine.MultiLayerNet;
import dev.scratchnet.model.ModelRegistry.LoadedModel;
import dev.scratchnet.web.InvalidField;

/**
 * {@code POST /models/{id}/evaluate}: runs a model over a dataset split in chunks on every core and counts a
 * confusion matrix. Stored samples are already scaled, so they go to the network as they are.
 */
@Component
class ModelEvaluator {

    private static final int CHUNK = 512;
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
        Tally tally = tally(loaded.network(), samples, dataset.classCount());
        long correct = 0;
        List<ModelEvaluation.ClassAccuracy> perClass = new ArrayList<>();
        for (int label = 0; label < dataset.classCount(); label++) {
            int[] row = tally.confusion[label];
            int count = IntStream.of(row).sum();
            correct += row[label];
            perClass.add(new ModelEvaluation.ClassAccuracy(label, dataset.classNames().get(label), count, row[label],
                    count == 0 ? null : (double) row[label] / count));
        }
        return new ModelEvaluation(model.id(), dataset.name(), split, samples.size(),
                (double) correct / samples.size(), tally.lossSum / samples.size(), dataset.classNames(), perClass,
                tally.confusion);
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

    /** The confusion counts and the summed loss; chunks tally separately and are added up. */
    private record Tally(int[][] confusion, double lossSum) {

        Tally plus(Tally other) {
            for (int t = 0; t < confusion.length; t++) {
                for (int p = 0; p < confusion.length; p++) {
                    confusion[t][p] += other.confusion[t][p];
                }
            }
            return new Tally(confusion, lossSum + other.lossSum);
        }
    }

    private static Tally tally(MultiLayerNet net, LabelledSamples samples, int classes) {
        int chunks = (samples.size() + CHUNK - 1) / CHUNK;
        return IntStream.range(0, chunks).parallel()
                .mapToObj(c -> tallyChunk(net, samples, classes, c * CHUNK, Math.min(samples.size(), (c + 1) * CHUNK)))
                .reduce(Tally::plus).orElseGet(() -> new Tally(new int[classes][classes], 0.0));
    }

    private static Tally tallyChunk(MultiLayerNet net, LabelledSamples samples, int classes, int from, int to) {
        double[][] x = new double[to - from][samples.inputSize()];
        int[] labels = new int[to - from];
        for (int i = from; i < to; i++) {
            samples.copyFeatures(i, x[i - from], 0);
            labels[i - from] = samples.label(i);
        }
        double[][] y = net.predict(x);
        int[][] confusion = new int[classes][classes];
        for (int i = 0; i < y.length; i++) {
            confusion[labels[i]][MultiLayerNet.predictedClass(y[i])]++;
        }
        return new Tally(confusion, net.loss().error(y, labels) * y.length);
    }
}
