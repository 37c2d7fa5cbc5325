package dev.scratchnet.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import dev.scratchnet.dataset.Dataset;
import dev.scratchnet.dataset.FeatureScaling;
import dev.scratchnet.engine.Activation;
import dev.scratchnet.engine.Architecture;
import dev.scratchnet.engine.Loss;
import dev.scratchnet.engine.Weights;
import dev.scratchnet.engine.npz.NpzFormatException;
import dev.scratchnet.engine.npz.NpzLimits;
import dev.scratchnet.engine.npz.NpzTooLargeException;
import dev.scratchnet.engine.npz.WeightsFile;
import dev.scratchnet.web.InvalidField;

/**
 * Registers a network trained elsewhere ({@code POST /models}): its {@code .npz} is read and checked completely
 * before anything is saved, so a refused upload leaves the registry, and the model being served, as they were.
 */
@Component
class ModelImport {

    private static final List<String> ACTIVATIONS = Arrays.stream(Activation.values()).map(Activation::apiName)
            .toList();
    private static final List<String> HIDDEN_ACTIVATIONS = ACTIVATIONS.stream()
            .filter(name -> !name.equals(Activation.SOFTMAX.apiName())).toList();
    private static final List<String> LOSSES = Arrays.stream(Loss.values()).map(Loss::apiName).toList();

    private final ModelRegistry registry;
    private final ServedDatasets datasets;
    private final long maxValues;

    @Autowired
    ModelImport(ModelRegistry registry, ServedDatasets datasets) {
        this(registry, datasets, maxUploadValues(Runtime.getRuntime().maxMemory()));
    }

    ModelImport(ModelRegistry registry, ServedDatasets datasets, long maxValues) {
        this.registry = registry;
        this.datasets = datasets;
        this.maxValues = maxValues;
    }

    /**
     * The parameters one upload may hold: a quarter of the heap, for a few concurrent uploads, shared by the three
     * copies of every value as a double (the arrays read, the {@code Weights}, the network's matrices).
     */
    static long maxUploadValues(long maxMemory) {
        return Math.max(1, maxMemory / 4 / (3 * Double.BYTES));
    }

    /** The form of {@code POST /models}; everything but the weights and the two activations may be null. */
    record Upload(MultipartFile weights, String activation, String outputActivation, List<String> classNames,
            String dataset, String loss) {
    }

    SavedModel register(Upload upload) {
        Activation hidden = activation("activation", upload.activation(), HIDDEN_ACTIVATIONS);
        Activation output = activation("outputActivation", upload.outputActivation(), ACTIVATIONS);
        Loss loss = loss(upload.loss());
        Dataset dataset = dataset(upload.dataset());
        Weights weights = read(upload.weights());
        Architecture architecture = new Architecture(Arrays.stream(weights.sizes()).boxed().toList(), hidden, output);
        List<String> classNames = upload.classNames() == null || upload.classNames().isEmpty()
                ? dataset == null ? List.of() : dataset.classNames()
                : upload.classNames();
        checkFits(architecture, dataset, classNames);
        FeatureScaling scaling = dataset == null ? null : dataset.scaling();
        return registry.publish(new NewModel(architecture, loss, weights, dataset == null ? null : dataset.name(),
                classNames, scaling, null, null));
    }

    private static Activation activation(String field, String name, List<String> allowed) {
        if (name == null || !allowed.contains(name)) {
            throw ModelRejectedException.badRequest(field + " must be one of " + String.join(", ", allowed)
                    + (name == null ? "" : ", found '" + name + "'"), new InvalidField(field, name, allowed));
        }
        return Activation.fromApiName(name);
    }

    private static Loss loss(String name) {
        if (name == null) {
            return Loss.CROSS_ENTROPY;
        }
        if (!LOSSES.contains(name)) {
            throw ModelRejectedException.badRequest("loss must be one of " + String.join(", ", LOSSES) + ", found '"
                    + name + "'", new InvalidField("loss", name, LOSSES));
        }
        return Loss.fromApiName(name);
    }

    private Dataset dataset(String name) {
        if (name == null) {
            return null;
        }
        return datasets.get(name);
    }

    private Weights read(MultipartFile file) {
        NpzLimits limits = NpzLimits.forValues(maxValues);
        try (InputStream in = file.getInputStream()) {
            return WeightsFile.read(in, limits);
        } catch (NpzTooLargeException e) {
            // The reader states limits in bytes; the client needs the parameter count those bytes stand for.
            long parameters = limits.maxTotalBytes() / Float.BYTES;
            throw ModelRejectedException.tooLarge("weights: " + e.getMessage() + "; this server accepts at most "
                    + parameters + " parameters in an upload (4 bytes each as float32)",
                    new InvalidField("weights", file.getOriginalFilename(),
                            List.of("at most " + parameters + " parameters")), e);
        } catch (NpzFormatException e) {
            throw ModelRejectedException.malformed("weights: " + e.getMessage(),
                    InvalidField.of("weights", file.getOriginalFilename()), e);
        } catch (IOException e) {
            // The bytes are the client's, already received: a read failure means they are not a readable archive.
            throw ModelRejectedException.malformed("weights could not be read as an .npz: " + e.getMessage(),
                    InvalidField.of("weights", file.getOriginalFilename()), e);
        }
    }

    private static void checkFits(Architecture architecture, Dataset dataset, List<String> classNames) {
        int outputs = architecture.outputSize();
        if (dataset != null && dataset.inputSize() != architecture.inputSize()) {
            throw ModelRejectedException.badRequest("W1 takes " + architecture.inputSize() + " inputs but dataset "
                    + dataset.name() + " has " + dataset.inputSize() + " features",
                    new InvalidField("weights", architecture.sizes(), List.of(dataset.inputSize() + " inputs")));
        }
        if (dataset != null && outputs != dataset.classCount() && !(outputs == 1 && dataset.classCount() == 2)) {
            throw ModelRejectedException.badRequest("the last layer has " + outputs + " outputs but dataset "
                    + dataset.name() + " has " + dataset.classCount() + " classes",
                    new InvalidField("weights", architecture.sizes(), List.of(dataset.classCount() + " outputs")));
        }
        if (!classNames.isEmpty() && classNames.size() != outputs && !(outputs == 1 && classNames.size() == 2)) {
            throw ModelRejectedException.badRequest("expected " + outputs + " class names, one per output, but found "
                    + classNames.size(), new InvalidField("classNames", classNames, List.of(outputs + " names")));
        }
    }
}
