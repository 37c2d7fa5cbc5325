package dev.scratchnet.engine;

import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Derivatives by central differences and plain gradient descent (DLfS ch. 4: numerical_diff,
 * numerical_gradient, gradient_descent); slow, so used to check backpropagation, not to train.
 */
public final class Calculus {

    // The book's h: small enough for a close slope, large enough that f(x+h) − f(x−h) keeps
    // significant digits (1e-50 would round to 0 in double precision, DLfS ch. 4.3.1).
    private static final double H = 1e-4;

    private Calculus() {
    }

    /** Slope of {@code f} at {@code x}: {@code (f(x+h) − f(x−h)) / 2h} (DLfS ch. 4, numerical_diff). */
    public static double numericalDiff(DoubleUnaryOperator f, double x) {
        return (f.applyAsDouble(x + H) - f.applyAsDouble(x - H)) / (2 * H);
    }

    /**
     * Gradient of {@code f} at {@code x} as a new array (DLfS ch. 4, numerical_gradient). Each {@code x[i]} is
     * perturbed in place while {@code f} is evaluated and restored afterwards, so {@code x} ends unchanged.
     */
    public static double[] numericalGradient(ToDoubleFunction<double[]> f, double[] x) {
        double[] gradient = new double[x.length];
        numericalGradient(() -> f.applyAsDouble(x), x, gradient);
        return gradient;
    }

    /**
     * Writes into {@code gradOut} the gradient of {@code loss} with respect to {@code params}, which {@code loss}
     * must read on every call: each element is nudged by ±h in place, then restored to its exact former value.
     */
    public static void numericalGradient(DoubleSupplier loss, double[] params, double[] gradOut) {
        if (gradOut.length != params.length) {
            throw new IllegalArgumentException("Expected a gradient array of " + params.length
                    + " elements to match the parameters, found " + gradOut.length);
        }
        for (int i = 0; i < params.length; i++) {
            // The book's tmp_val: params[i] ± h then − h would not give back params[i] in floating point.
            double original = params[i];
            params[i] = original + H;
            double above = loss.getAsDouble();
            params[i] = original - H;
            double below = loss.getAsDouble();
            gradOut[i] = (above - below) / (2 * H);
            params[i] = original;
        }
    }

    /**
     * Takes {@code steps} steps of {@code x −= learningRate · ∇f(x)} from {@code init} and returns where they end;
     * {@code init} is not modified (DLfS ch. 4, gradient_descent).
     */
    public static double[] gradientDescent(ToDoubleFunction<double[]> f, double[] init, double learningRate,
            int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("Expected a step count of 0 or more, found " + steps);
        }
        double[] x = init.clone();
        double[] gradient = new double[x.length];
        DoubleSupplier atX = () -> f.applyAsDouble(x);
        for (int step = 0; step < steps; step++) {
            numericalGradient(atX, x, gradient);
            for (int i = 0; i < x.length; i++) {
                x[i] -= learningRate * gradient[i];
            }
        }
        return x;
    }
}
