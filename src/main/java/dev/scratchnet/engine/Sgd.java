package dev.scratchnet.engine;

import java.util.List;

/** Stochastic gradient descent, {@code W ← W − η·∂L/∂W} (DLfS ch. 6.1.2, SGD). */
public final class Sgd implements Optimizer {

    private final double learningRate;
    private long step;

    public Sgd(double learningRate) {
        this.learningRate = ParameterShapes.requirePositiveLearningRate(learningRate);
    }

    @Override
    public void beginStep(double[][] params) {
        step++;
    }

    @Override
    public void updateRange(int k, double[] param, double[] grad, int from, int to) {
        for (int i = from; i < to; i++) {
            param[i] -= learningRate * grad[i];
        }
    }

    /** SGD remembers nothing between updates but how many it has taken. */
    @Override
    public OptimizerState state() {
        return new OptimizerState(OptimizerKind.SGD.apiName(), step, List.of());
    }

    @Override
    public void restore(OptimizerState state) {
        state.slots(OptimizerKind.SGD, 0);
        step = state.step();
    }
}
