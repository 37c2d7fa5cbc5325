package dev.scratchnet.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.scratchnet.engine.Architecture;
import dev.scratchnet.engine.TrainingConfig;

/**
 * A training job's configuration in the API's spellings: the body of {@code POST /jobs}, where every field may be
 * left out, and the job's effective {@code config}, where {@link #withDefaults} has filled in the book's values
 * (DLfS ch. 4, {@code train_neuralnet.py}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A training job; every field is optional and defaults to the book's value", example = """
        {"dataset":"mnist","hiddenSizes":[50],"activation":"sigmoid","outputActivation":"softmax",
         "loss":"cross_entropy","optimizer":"sgd","learningRate":0.1,"batchSize":100,"epochs":17,
         "sampling":"with_replacement","weightInit":"normal","weightInitStd":0.01,"gradient":"backprop",
         "gradientCheck":false,"earlyStopping":{"patience":3},"trainLimit":10000,"seed":42}""")
public record JobConfig(
        @Schema(description = "Dataset to train on, as GET /datasets names it", defaultValue = "mnist",
                example = "mnist")
        String dataset,
        @Schema(description = "Hidden layer sizes from input to output, at most " + JobLimits.MAX_LAYERS
                + ", each 1 to " + JobLimits.MAX_LAYER_SIZE + "; [] is the single-layer perceptron of ch. 2",
                defaultValue = "[50]", example = "[50]")
        @ArraySchema(maxItems = JobLimits.MAX_LAYERS,
                items = @Schema(minimum = "1", maximum = "" + JobLimits.MAX_LAYER_SIZE))
        List<Integer> hiddenSizes,
        @Schema(description = "Activation of the hidden layers; step is refused, its derivative being 0 almost "
                + "everywhere", allowableValues = {"sigmoid", "relu", "tanh"}, defaultValue = "sigmoid",
                example = "relu")
        String activation,
        @Schema(description = "Activation of the output layer; cross_entropy needs softmax",
                allowableValues = {"softmax", "identity", "sigmoid"}, defaultValue = "softmax", example = "softmax")
        String outputActivation,
        @Schema(allowableValues = {"cross_entropy", "sum_squares"}, defaultValue = "cross_entropy",
                example = "cross_entropy")
        String loss,
        @Schema(description = "The optimizers of ch. 6", allowableValues = {"sgd", "momentum", "adagrad", "adam"},
                defaultValue = "sgd", example = "adam")
        String optimizer,
        @Schema(description = "Step size, in (0, " + JobLimits.MAX_LEARNING_RATE + "]", minimum = "0",
                maximum = "" + JobLimits.MAX_LEARNING_RATE, defaultValue = "0.1", example = "0.1")
        Double learningRate,
        @Schema(description = "Samples per mini-batch", minimum = "1", maximum = "" + JobLimits.MAX_BATCH_SIZE,
                defaultValue = "100", example = "100")
        Integer batchSize,
        @Schema(description = "Passes over the training set; one epoch is trainSize/batchSize iterations, so 17 "
                + "epochs of MNIST are the book's 10,000 iterations", minimum = "1",
                maximum = "" + JobLimits.MAX_EPOCHS, defaultValue = "17", example = "17")
        Integer epochs,
        @Schema(description = "with_replacement draws each batch at random as the book does; shuffle uses every "
                + "sample once per epoch", allowableValues = {"with_replacement", "shuffle"},
                defaultValue = "with_replacement", example = "with_replacement")
        String sampling,
        @Schema(description = "normal uses weightInitStd; xavier and he scale with the layer's inputs (ch. 6)",
                allowableValues = {"normal", "xavier", "he"}, defaultValue = "normal", example = "normal")
        String weightInit,
        @Schema(description = "Standard deviation of normal initial weights, in (0, "
                + JobLimits.MAX_WEIGHT_INIT_STD + "]", minimum = "0", maximum = "" + JobLimits.MAX_WEIGHT_INIT_STD,
                defaultValue = "0.01", example = "0.01")
        Double weightInitStd,
        @Schema(description = "backprop (ch. 5) or numerical central differences (ch. 4), the latter only for "
                + "small networks: each iteration costs two forward passes per parameter",
                allowableValues = {"backprop", "numerical"}, defaultValue = "backprop", example = "backprop")
        String gradient,
        @Schema(description = "Compare backprop with numerical gradients on three training samples before "
                + "training (ch. 5, gradient_check.py)", defaultValue = "false", example = "false")
        Boolean gradientCheck,
        @Schema(description = "Stop when the test accuracy has not improved for patience epochs and keep the best "
                + "epoch's weights; absent: train every epoch")
        EarlyStopping earlyStopping,
        @Schema(description = "Train on the first trainLimit training samples only; absent: all of them",
                minimum = "1", example = "2000")
        Integer trainLimit,
        @Schema(description = "Seed of weight initialisation and batch drawing; absent: a random one, recorded "
                + "in the job's config so the run can be repeated", example = "42")
        Long seed) {

    public JobConfig {
        // Not List.copyOf: a request may hold null entries, which the checks report by index.
        hiddenSizes = hiddenSizes == null ? null : Collections.unmodifiableList(new ArrayList<>(hiddenSizes));
    }

    static final String DATASET = "mnist";
    static final List<Integer> HIDDEN_SIZES = List.of(50);
    static final String ACTIVATION = "sigmoid";
    static final String OUTPUT_ACTIVATION = "softmax";
    static final String LOSS = "cross_entropy";
    static final String OPTIMIZER = "sgd";
    static final double LEARNING_RATE = 0.1;
    static final int BATCH_SIZE = 100;
    static final int EPOCHS = 17;
    static final String SAMPLING = "with_replacement";
    static final String WEIGHT_INIT = "normal";
    static final double WEIGHT_INIT_STD = 0.01;
    static final String GRADIENT = "backprop";

    /** Stop after {@code patience} epochs without a better test accuracy. */
    @Schema(description = "Early stopping", example = "{\"patience\":3}")
    public record EarlyStopping(
            @Schema(description = "Epochs without a better test accuracy before training stops", minimum = "1",
                    example = "3")
            Integer patience) {
    }

    /** The same configuration with every absent field but {@code seed} set to the book's value. */
    JobConfig withDefaults() {
        return new JobConfig(or(dataset, DATASET), hiddenSizes == null ? HIDDEN_SIZES : hiddenSizes,
                or(activation, ACTIVATION), or(outputActivation, OUTPUT_ACTIVATION), or(loss, LOSS),
                or(optimizer, OPTIMIZER), or(learningRate, LEARNING_RATE), or(batchSize, BATCH_SIZE),
                or(epochs, EPOCHS), or(sampling, SAMPLING), or(weightInit, WEIGHT_INIT),
                or(weightInitStd, WEIGHT_INIT_STD), or(gradient, GRADIENT), or(gradientCheck, false),
                earlyStopping, trainLimit, seed);
    }

    JobConfig withSeed(long chosen) {
        return new JobConfig(dataset, hiddenSizes, activation, outputActivation, loss, optimizer, learningRate,
                batchSize, epochs, sampling, weightInit, weightInitStd, gradient, gradientCheck, earlyStopping,
                trainLimit, chosen);
    }

    /** The network for a dataset of {@code inputs} features and {@code classes} classes, one output per class. */
    Architecture architecture(int inputs, int classes) {
        return Architecture.of(inputs, hiddenSizes, classes, ApiNames.HIDDEN.get(activation),
                ApiNames.OUTPUT.get(outputActivation));
    }

    /** The engine's configuration of a checked, defaulted and seeded job. */
    TrainingConfig trainingConfig(int inputs, int classes) {
        return new TrainingConfig(architecture(inputs, classes), ApiNames.LOSS.get(loss),
                ApiNames.OPTIMIZER.get(optimizer), learningRate, batchSize, epochs, ApiNames.SAMPLING.get(sampling),
                ApiNames.WEIGHT_INIT.get(weightInit), weightInitStd, ApiNames.GRADIENT.get(gradient),
                earlyStopping == null ? 0 : earlyStopping.patience(), seed);
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
