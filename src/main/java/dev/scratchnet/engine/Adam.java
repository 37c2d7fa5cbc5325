package dev.scratchnet.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Adam, momentum on the gradient plus AdaGrad-like scaling by its running square, both bias-corrected for their
 * zero start (DLfS ch. 6.1.6 and common/optimizer.py, Adam; Kingma &amp; Ba 2015, arXiv:1412.6980).
 */
public final class Adam implements Optimizer {

    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    private static final double EPSILON = 1e-7;

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private long step;
    private double[][] firstMoments;
    private double[][] secondMoments;
    /** This step's learning rate with both bias corrections folded in. */
    private double correctedRate;

    public Adam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2);
    }

    public Adam(double learningRate, double beta1, double beta2) {
        this.learningRate = ParameterShapes.requirePositiveLearningRate(learningRate);
        this.beta1 = ParameterShapes.requireDecayRate("beta1", beta1);
        this.beta2 = ParameterShapes.requireDecayRate("beta2", beta2);
    }

    @Override
    public void beginStep(double[][] params) {
        if (firstMoments == null) {
            firstMoments = ParameterShapes.zerosLike(params);
            secondMoments = ParameterShapes.zerosLike(params);
        }
        ParameterShapes.requireSameShapes(firstMoments, params, "parameter");
        step++;
        // The book folds both bias corrections into the step size instead of correcting m and v.
        // StrictMath: a checkpoint resumed on another JVM must take exactly the same steps.
        correctedRate = learningRate * Math.sqrt(1.0 - StrictMath.pow(beta2, step))
                / (1.0 - StrictMath.pow(beta1, step));
    }

    @Override
    public void updateRange(int k, double[] param, double[] grad, int from, int to) {
        double[] m = firstMoments[k];
        double[] v = secondMoments[k];
        double keep1 = 1 - beta1;
        double keep2 = 1 - beta2;
        for (int i = from; i < to; i++) {
            double gi = grad[i];
            m[i] += keep1 * (gi - m[i]);
            v[i] += keep2 * (gi * gi - v[i]);
            param[i] -= correctedRate * m[i] / (Math.sqrt(v[i]) + EPSILON);
        }
    }

    /** Buffers: every first moment m, then every second moment v, one per parameter array; step is the book's iter. */
    @Override
    public OptimizerState state() {
        List<double[]> buffers = new ArrayList<>();
        if (firstMoments != null) {
            buffers.addAll(Arrays.asList(firstMoments));
            buffers.addAll(Arrays.asList(secondMoments));
        }
        return new OptimizerState(OptimizerKind.ADAM.apiName(), step, buffers);
    }

    @Override
    public void restore(OptimizerState state) {
        double[][][] slots = state.slots(OptimizerKind.ADAM, 2);
        if (firstMoments != null && slots[0].length > 0) {
            ParameterShapes.requireSameShapes(firstMoments, slots[0], "restored moment");
        }
        firstMoments = slots[0].length == 0 ? null : slots[0];
        secondMoments = slots[1].length == 0 ? null : slots[1];
        step = state.step();
    }
}
