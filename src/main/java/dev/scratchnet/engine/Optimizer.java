package dev.scratchnet.engine;

/** Moves parameters against their gradients; one instance per training run, since it carries state. */
public interface Optimizer {

    /** Updates every params[k] in place from grads[k] (same lengths): one step. */
    default void update(double[][] params, double[][] grads) {
        ParameterShapes.requireMatching(params, grads);
        beginStep(params);
        for (int k = 0; k < params.length; k++) {
            updateRange(k, params[k], grads[k], 0, params[k].length);
        }
    }

    /** Begins one step over these parameters, before {@link #updateRange} moves any of them. */
    void beginStep(double[][] params);

    /**
     * Moves {@code param[from .. to)}, the parameter array k, against {@code grad} for the step begun last. Each
     * element's move depends on that element alone, so disjoint ranges of one step may move concurrently: a core
     * updates the rows of W1 whose gradient it has just summed.
     */
    void updateRange(int k, double[] param, double[] grad, int from, int to);

    /** The state a checkpoint needs to continue exactly (velocities, sums, moments, step count). */
    OptimizerState state();

    /** Continues from a state taken by state() of an optimizer of the same kind and shapes. */
    void restore(OptimizerState state);
}
