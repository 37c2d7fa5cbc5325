package dev.scratchnet.job;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.scratchnet.dataset.DatasetCatalog;
import dev.scratchnet.dataset.DatasetInfo;
import dev.scratchnet.engine.Architecture;
import dev.scratchnet.storage.ScratchnetProperties;

/**
 * The rules a job's configuration must keep, checked at submission so that a job that can never train well is a 400
 * rather than a FAILED job later. An unknown dataset is a 400 naming {@code dataset} too, not the catalog's 404: the
 * resource asked for is the job, and the fault is one of its fields.
 */
@Component
class JobLimits {

    static final int MAX_LAYERS = 10;
    static final int MAX_LAYER_SIZE = 4096;
    static final int MAX_LEARNING_RATE = 100;
    static final int MAX_WEIGHT_INIT_STD = 10;
    static final int MAX_BATCH_SIZE = 100_000;
    /** job.json is rewritten after every epoch with all epochs so far, so their number stays modest. */
    static final int MAX_EPOCHS = 10_000;
    private static final String STEP_REASON = "cannot be trained: its derivative is 0 almost everywhere, so "
            + "gradient descent gets no signal (DLfS ch. 3-4)";

    private final ScratchnetProperties.Jobs properties;
    private final DatasetCatalog catalog;

    JobLimits(ScratchnetProperties properties, DatasetCatalog catalog) {
        this.properties = properties.jobs();
        this.catalog = catalog;
    }

    /** The request with the book's defaults filled in (the seed stays absent if it was), or a 400 naming the faults. */
    JobConfig check(JobConfig request) {
        JobConfig config = request.withDefaults();
        Violations violations = new Violations();
        DatasetInfo dataset = checkDataset(config, violations);
        checkNetwork(config, violations);
        checkTraining(config, dataset, violations);
        if (violations.isEmpty() && dataset != null && dataset.inputSize() != null) {
            checkCost(config, config.architecture(dataset.inputSize(), dataset.classCount()), violations);
        }
        violations.throwIfAny();
        return config;
    }

    private DatasetInfo checkDataset(JobConfig config, Violations violations) {
        List<String> names = catalog.names();
        if (!names.contains(config.dataset())) {
            violations.add("dataset", config.dataset(), names, "No dataset named '" + config.dataset() + "'");
            return null;
        }
        return catalog.info(config.dataset());
    }

    private void checkNetwork(JobConfig config, Violations violations) {
        List<Integer> sizes = config.hiddenSizes();
        if (sizes.size() > MAX_LAYERS) {
            violations.add("hiddenSizes", sizes, List.of("at most " + MAX_LAYERS + " hidden layers"),
                    "hiddenSizes lists " + sizes.size() + " layers; at most " + MAX_LAYERS + " are allowed");
        }
        for (int k = 0; k < sizes.size(); k++) {
            Integer size = sizes.get(k);
            if (size == null || size < 1 || size > MAX_LAYER_SIZE) {
                violations.add("hiddenSizes[" + k + "]", size, List.of(range(1, MAX_LAYER_SIZE)),
                        "hiddenSizes[" + k + "] must be a layer size in " + range(1, MAX_LAYER_SIZE));
            }
        }
        checkActivation("activation", config.activation(), ApiNames.HIDDEN, violations);
        checkActivation("outputActivation", config.outputActivation(), ApiNames.OUTPUT, violations);
        choice("loss", config.loss(), ApiNames.LOSS, violations);
        if ("cross_entropy".equals(config.loss()) && ApiNames.OUTPUT.containsKey(config.outputActivation())
                && !"softmax".equals(config.outputActivation())) {
            String message = "loss cross_entropy needs outputActivation softmax: it takes −log of the true class's "
                    + "output, which only means something for probabilities that sum to 1; with "
                    + config.outputActivation() + " use loss sum_squares";
            violations.add("outputActivation", config.outputActivation(), List.of("softmax"), message);
            violations.add("loss", config.loss(), List.of("sum_squares"), message);
        }
    }

    private void checkActivation(String field, String name, Map<String, ?> allowed, Violations violations) {
        if ("step".equals(name)) {
            violations.add(field, name, ApiNames.allowed(allowed), field + " 'step' " + STEP_REASON);
        } else if ("softmax".equals(name) && !allowed.containsKey(name)) {
            violations.add(field, name, ApiNames.allowed(allowed), field + " 'softmax' is for the output layer: "
                    + "it turns a layer's values into probabilities that sum to 1");
        } else {
            choice(field, name, allowed, violations);
        }
    }

    private void checkTraining(JobConfig config, DatasetInfo dataset, Violations violations) {
        choice("optimizer", config.optimizer(), ApiNames.OPTIMIZER, violations);
        choice("sampling", config.sampling(), ApiNames.SAMPLING, violations);
        choice("weightInit", config.weightInit(), ApiNames.WEIGHT_INIT, violations);
        choice("gradient", config.gradient(), ApiNames.GRADIENT, violations);
        positive("learningRate", config.learningRate(), MAX_LEARNING_RATE, violations);
        positive("weightInitStd", config.weightInitStd(), MAX_WEIGHT_INIT_STD, violations);
        count("batchSize", config.batchSize(), MAX_BATCH_SIZE, violations);
        count("epochs", config.epochs(), MAX_EPOCHS, violations);
        if (config.earlyStopping() != null) {
            count("earlyStopping.patience", config.earlyStopping().patience(), MAX_EPOCHS, violations);
        }
        if (config.trainLimit() != null) {
            int trainSize = dataset == null || dataset.trainSize() == null ? Integer.MAX_VALUE : dataset.trainSize();
            count("trainLimit", config.trainLimit(), trainSize, violations);
        }
    }

    /** What only the network's size decides: numerical gradients, the gradient check, and the heap. */
    private void checkCost(JobConfig config, Architecture architecture, Violations violations) {
        long parameters = architecture.parameterCount();
        long numericalLimit = properties.numericalGradientMaxParameters();
        if ("numerical".equals(config.gradient()) && parameters > numericalLimit) {
            violations.add("gradient", "numerical", List.of("backprop", "numerical up to " + numericalLimit
                    + " parameters"), "gradient 'numerical' costs two forward passes of every batch per parameter "
                    + "per iteration: " + shape(architecture) + " has " + parameters + " parameters, so "
                    + 2 * parameters + " passes per iteration; it is allowed up to " + numericalLimit
                    + " parameters, use backprop");
        }
        long checkLimit = properties.gradientCheckMaxParameters();
        if (Boolean.TRUE.equals(config.gradientCheck()) && parameters > checkLimit) {
            violations.add("gradientCheck", true, List.of("false", "true up to " + checkLimit + " parameters"),
                    "gradientCheck computes every parameter's gradient by two forward passes: " + shape(architecture)
                    + " has " + parameters + " parameters; it is allowed up to " + checkLimit);
        }
        checkHeap(config, architecture, violations);
    }

    private void checkHeap(JobConfig config, Architecture architecture, Violations violations) {
        HeapEstimate estimate = HeapEstimate.of(architecture, config.batchSize(),
                ApiNames.OPTIMIZER.get(config.optimizer()), Runtime.getRuntime().availableProcessors());
        long maxHeap = Runtime.getRuntime().maxMemory();
        long limit = (long) (maxHeap * properties.heapFraction());
        if (estimate.total() > limit) {
            boolean batchDominates = estimate.batchBytes() > estimate.parameterBytes();
            String field = batchDominates ? "batchSize" : "hiddenSizes";
            violations.add(field, batchDominates ? config.batchSize() : config.hiddenSizes(),
                    List.of("an estimated heap of at most " + HeapEstimate.format(limit)),
                    shape(architecture) + " with batches of " + config.batchSize() + " needs about "
                    + HeapEstimate.format(estimate.total()) + " of heap (" + HeapEstimate.format(
                    estimate.parameterBytes()) + " for " + architecture.parameterCount() + " parameters, their "
                    + "gradients, optimizer state and copies; " + HeapEstimate.format(estimate.batchBytes())
                    + " for batch buffers) but a job may take " + HeapEstimate.format(limit) + " ("
                    + properties.heapFraction() + " of the " + HeapEstimate.format(maxHeap) + " maximum heap)");
        }
    }

    private static void choice(String field, String name, Map<String, ?> allowed, Violations violations) {
        if (!allowed.containsKey(name)) {
            violations.add(field, name, ApiNames.allowed(allowed), field + " '" + name + "' is not one of "
                    + String.join(", ", allowed.keySet()));
        }
    }

    private static void positive(String field, double value, int max, Violations violations) {
        if (!(value > 0 && value <= max)) {
            violations.add(field, Double.isFinite(value) ? value : String.valueOf(value),
                    List.of("(0, " + max + "]"), field + " must be a finite number in (0, " + max + "], found "
                    + value);
        }
    }

    private static void count(String field, Integer value, int max, Violations violations) {
        if (value == null || value < 1 || value > max) {
            violations.add(field, value, List.of(range(1, max)), field + " must be an integer in " + range(1, max)
                    + ", found " + value);
        }
    }

    private static String range(int min, int max) {
        return "[" + min + ", " + max + "]";
    }

    private static String shape(Architecture architecture) {
        return String.join("-", architecture.sizes().stream().map(String::valueOf).toList());
    }
}
