package dev.scratchnet.engine;

import java.util.Arrays;
import java.util.List;

/**
 * Momentum, {@code v ← αv − η·∂L/∂W; W ← W + v}: the velocity carries a ball down the slope and damps its
 * zig-zag (DLfS ch. 6.1.4, Momentum).
 */
public final class Momentum implements Optimizer {

    /** The book's α. */
    public static final double DEFAULT_MOMENTUM = 0.9;

    private final double learningRate;
    private final double momentum;
    private long step;
    // Allocated on the first update, when the parameters' shapes are known, as the book's v = None is.
    private double[][] velocities;

    public Momentum(double learningRate) {
        this(learningRate, DEFAULT_MOMENTUM);
    }

    public Momentum(double learningRate, double momentum) {
        this.learningRate = ParameterShapes.requirePositiveLearningRate(learningRate);
        this.momentum = ParameterShapes.requireDecayRate("momentum", momentum);
    }

    @Override
    public void beginStep(double[][] params) {
        if (velocities == null) {
            velocities = ParameterShapes.zerosLike(params);
        }
        ParameterShapes.requireSameShapes(velocities, params, "parameter");
        step++;
    }

    @Override
    public void updateRange(int k, double[] param, double[] grad, int from, int to) {
        double[] v = velocities[k];
        for (int i = from; i < to; i++) {
            v[i] = momentum * v[i] - learningRate * grad[i];
            param[i] += v[i];
        }
    }

    /** Buffers: one velocity per parameter array, none before the first update. */
    @Override
    public OptimizerState state() {
        List<double[]> buffers = velocities == null ? List.of() : Arrays.asList(velocities);
        return new OptimizerState(OptimizerKind.MOMENTUM.apiName(), step, buffers);
    }

    @Override
    public void restore(OptimizerState state) {
        double[][] restored = state.slots(OptimizerKind.MOMENTUM, 1)[0];
        if (velocities != null && restored.length > 0) {
            ParameterShapes.requireSameShapes(velocities, restored, "restored velocity");
        }
        velocities = restored.length == 0 ? null : restored;
        step = state.step();
    }
}
