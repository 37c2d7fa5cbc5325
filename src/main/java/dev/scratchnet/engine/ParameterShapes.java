package dev.scratchnet.engine;

/**
 * Shape checks the optimizers share: gradients and buffers must line up array by array with the parameters
 * they follow, or an update would write past an array or silently skip part of it.
 */
final class ParameterShapes {

    private ParameterShapes() {
    }

    static void requireMatching(double[][] params, double[][] grads) {
        if (grads.length != params.length) {
            throw new IllegalArgumentException("Expected " + params.length
                    + " gradient arrays to match the parameter arrays, found " + grads.length);
        }
        for (int k = 0; k < params.length; k++) {
            if (grads[k].length != params[k].length) {
                throw new IllegalArgumentException("Expected gradient array " + k + " to hold " + params[k].length
                        + " values like its parameters, found " + grads[k].length);
            }
        }
    }

    /** Fails unless {@code found} has the optimizer's {@code buffers}' shapes; {@code what} names found. */
    static void requireSameShapes(double[][] buffers, double[][] found, String what) {
        if (found.length != buffers.length) {
            throw new IllegalArgumentException("Expected " + buffers.length + " " + what
                    + " arrays to match the optimizer's buffers, found " + found.length);
        }
        for (int k = 0; k < buffers.length; k++) {
            if (found[k].length != buffers[k].length) {
                throw new IllegalArgumentException("Expected " + what + " array " + k + " to hold "
                        + buffers[k].length + " values to match the optimizer's buffers, found " + found[k].length);
            }
        }
    }

    static double[][] zerosLike(double[][] params) {
        double[][] zeros = new double[params.length][];
        for (int k = 0; k < params.length; k++) {
            zeros[k] = new double[params[k].length];
        }
        return zeros;
    }

    static double requirePositiveLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Expected a positive finite learning rate, found " + learningRate);
        }
        return learningRate;
    }

    /** Decay rates (momentum, Adam's betas) must lie in [0, 1) or the buffers grow without bound. */
    static double requireDecayRate(String name, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Expected " + name + " in [0, 1), found " + rate);
        }
        return rate;
    }
}
