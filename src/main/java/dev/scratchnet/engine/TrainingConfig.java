package dev.scratchnet.engine;

/**
 * Everything that decides a training run. {@link #book} is DLfS ch. 4's {@code train_neuralnet.py}: 784-50-10,
 * sigmoid, N(0, 0.01²) weights, batches of 100 drawn with replacement, SGD at 0.1.
 *
 * @param earlyStoppingPatience stop after this many epochs without a better test accuracy; 0 never stops early
 */
public record TrainingConfig(Architecture architecture, Loss loss, OptimizerKind optimizer, double learningRate,
        int batchSize, int epochs, Sampling sampling, WeightInit weightInit, double weightInitStd,
        GradientMethod gradient, int earlyStoppingPatience, long seed) {

    public TrainingConfig {
        if (!architecture.hiddenActivation().isTrainable() && architecture.layerCount() > 1
                || !architecture.outputActivation().isTrainable()) {
            throw new IllegalArgumentException("activation 'step' cannot be trained: its derivative is 0 almost "
                    + "everywhere, so gradient descent gets no signal");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a positive finite number, found " + learningRate);
        }
        if (batchSize <= 0 || epochs <= 0 || earlyStoppingPatience < 0) {
            throw new IllegalArgumentException("batchSize and epochs must be positive and patience not negative, "
                    + "found " + batchSize + ", " + epochs + ", " + earlyStoppingPatience);
        }
        if (!(weightInitStd > 0) || !Double.isFinite(weightInitStd)) {
            throw new IllegalArgumentException("weightInitStd must be a positive finite number, found "
                    + weightInitStd);
        }
    }

    /** The book's configuration for the given input size and classes, trained for {@code epochs}. */
    public static TrainingConfig book(int inputs, int classes, int epochs, long seed) {
        return new TrainingConfig(
                Architecture.of(inputs, java.util.List.of(50), classes, Activation.SIGMOID, Activation.SOFTMAX),
                Loss.CROSS_ENTROPY, OptimizerKind.SGD, 0.1, 100, epochs, Sampling.WITH_REPLACEMENT,
                WeightInit.NORMAL, WeightInit.DEFAULT_STD, GradientMethod.BACKPROP, 0, seed);
    }
}
