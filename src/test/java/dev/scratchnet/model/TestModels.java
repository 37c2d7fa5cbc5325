package dev.scratchnet.model;

import java.util.List;
import java.util.stream.IntStream;

import dev.scratchnet.dataset.BuiltInDatasets;
import dev.scratchnet.dataset.Dataset;
import dev.scratchnet.dataset.FeatureScaling;
import dev.scratchnet.engine.Activation;
import dev.scratchnet.engine.Architecture;
import dev.scratchnet.engine.EpochResult;
import dev.scratchnet.engine.GradientMethod;
import dev.scratchnet.engine.Loss;
import dev.scratchnet.engine.MultiLayerNet;
import dev.scratchnet.engine.OptimizerKind;
import dev.scratchnet.engine.RandomState;
import dev.scratchnet.engine.Sampling;
import dev.scratchnet.engine.Trainer;
import dev.scratchnet.engine.TrainingConfig;
import dev.scratchnet.engine.TrainingListener;
import dev.scratchnet.engine.TrainingResult;
import dev.scratchnet.engine.WeightInit;

/** Models for the serving tests: untrained ones of any shape, and one really trained on part of MNIST. */
public final class TestModels {

    /** Training samples the MNIST model sees: enough for about 0.9 on the test set in a few seconds. */
    public static final int TRAIN_LIMIT = 6_000;

    private static NewModel mnist;

    private TestModels() {
    }

    /** An untrained 784-16-10 sigmoid/softmax network for MNIST; each seed gives other weights. */
    public static NewModel untrainedMnist(long seed) {
        return untrained(new Architecture(List.of(784, 16, 10), Activation.SIGMOID, Activation.SOFTMAX), "mnist",
                BuiltInDatasets.mnist().classNames(), FeatureScaling.identity(784), seed);
    }

    public static NewModel untrained(Architecture architecture, String dataset, List<String> classNames,
            FeatureScaling scaling, long seed) {
        MultiLayerNet net = MultiLayerNet.initialize(architecture, Loss.CROSS_ENTROPY, WeightInit.XAVIER, 0.01,
                new RandomState(seed));
        return new NewModel(architecture, Loss.CROSS_ENTROPY, net.weights(), dataset, classNames, scaling, null,
                null);
    }

    /** 784-64-10 relu/softmax trained with Adam for 3 epochs on the first 6,000 MNIST images, seeded. */
    public static synchronized NewModel trainedMnist() {
        if (mnist == null) {
            Dataset data = BuiltInDatasets.mnist();
            Architecture architecture = Architecture.of(784, List.of(64), 10, Activation.RELU, Activation.SOFTMAX);
            TrainingConfig config = new TrainingConfig(architecture, Loss.CROSS_ENTROPY, OptimizerKind.ADAM, 0.003,
                    100, 3, Sampling.SHUFFLE, WeightInit.HE, 0.01, GradientMethod.BACKPROP, 0, 7);
            TrainingResult result = new Trainer().train(config, data.train().limit(TRAIN_LIMIT), data.test(),
                    new TrainingListener() { }, () -> false);
            EpochResult last = result.epochs().get(result.epochs().size() - 1);
            mnist = new NewModel(architecture, Loss.CROSS_ENTROPY, result.weights(), "mnist", data.classNames(),
                    data.scaling(), "job-test", new ModelMetrics(last.epoch(), last.trainAccuracy(),
                            last.testAccuracy(), last.trainLoss(), last.testLoss()));
        }
        return mnist;
    }

    /** MNIST test image {@code index} as 784 intensities in [0, 1]. */
    public static double[] testImage(int index) {
        double[] pixels = new double[784];
        BuiltInDatasets.mnist().test().copyFeatures(index, pixels, 0);
        return pixels;
    }

    public static int testLabel(int index) {
        return BuiltInDatasets.mnist().test().label(index);
    }

    /** A JSON array of the values, as a client would write it. */
    public static String json(double[] values) {
        StringBuilder text = new StringBuilder(values.length * 6).append('[');
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ",").append(values[i]);
        }
        return text.append(']').toString();
    }

    /** {@code {"inputs": [...]}} of MNIST test images {@code from .. to-1}. */
    public static String testImagesJson(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> json(testImage(i)))
                .collect(java.util.stream.Collectors.joining(",", "{\"inputs\":[", "]}"));
    }
}
