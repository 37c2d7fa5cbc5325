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
    public void update(double[][] params, double[][] grads) {
        ParameterShapes.requireMatching(params, grads);
        step++;
        for (int k = 0; k < params.length; k++) {
            double[] p = params[k];
            double[] g = grads[k];
            for (int i = 0; i < p.length; i++) {
                p[i] -= learningRate * g[i];
            }
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
