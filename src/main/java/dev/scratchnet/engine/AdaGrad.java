package dev.scratchnet.engine;

import java.util.Arrays;
import java.util.List;

/**
 * AdaGrad, {@code h ← h + g²; W ← W − η·g / (√h + 1e-7)}: each parameter's step shrinks as its gradients
 * add up (DLfS ch. 6.1.5, AdaGrad; Duchi, Hazan &amp; Singer 2011).
 */
public final class AdaGrad implements Optimizer {

    // The book's 1e-7 keeps a parameter whose gradients have all been 0 from dividing by 0.
    private static final double EPSILON = 1e-7;

    private final double learningRate;
    private long step;
    private double[][] squaredSums;

    public AdaGrad(double learningRate) {
        this.learningRate = ParameterShapes.requirePositiveLearningRate(learningRate);
    }

    @Override
    public void beginStep(double[][] params) {
        if (squaredSums == null) {
            squaredSums = ParameterShapes.zerosLike(params);
        }
        ParameterShapes.requireSameShapes(squaredSums, params, "parameter");
        step++;
    }

    @Override
    public void updateRange(int k, double[] param, double[] grad, int from, int to) {
        double[] h = squaredSums[k];
        for (int i = from; i < to; i++) {
            h[i] += grad[i] * grad[i];
            param[i] -= learningRate * grad[i] / (Math.sqrt(h[i]) + EPSILON);
        }
    }

    /** Buffers: the running sum of squared gradients h per parameter array, none before the first update. */
    @Override
    public OptimizerState state() {
        List<double[]> buffers = squaredSums == null ? List.of() : Arrays.asList(squaredSums);
        return new OptimizerState(OptimizerKind.ADAGRAD.apiName(), step, buffers);
    }

    @Override
    public void restore(OptimizerState state) {
        double[][] restored = state.slots(OptimizerKind.ADAGRAD, 1)[0];
        if (squaredSums != null && restored.length > 0) {
            ParameterShapes.requireSameShapes(squaredSums, restored, "restored squared-sum");
        }
        squaredSums = restored.length == 0 ? null : restored;
        step = state.step();
    }
}
