package dev.scratchnet.engine;

/** Moves parameters against their gradients; one instance per training run, since it carries state. */
public interface Optimizer {

    /** Updates every params[k] in place from grads[k] (same lengths). */
    void update(double[][] params, double[][] grads);

    /** The state a checkpoint needs to continue exactly (velocities, sums, moments, step count). */
    OptimizerState state();

    /** Continues from a state taken by state() of an optimizer of the same kind and shapes. */
    void restore(OptimizerState state);
}
