package dev.scratchnet.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Backpropagation checked against central differences on one batch (DLfS ch. 5, {@code gradient_check.py}).
 * The relative difference is |a − n| / max(|a|, |n|, 1e-8), so parameters whose gradient is practically zero do
 * not report noise as a huge ratio.
 */
public record GradientCheck(double maxAbsoluteDifference, double maxRelativeDifference,
        List<ParameterDifference> parameters) {

    private static final double RELATIVE_FLOOR = 1e-8;

    public GradientCheck {
        parameters = List.copyOf(parameters);
    }

    /** How backpropagation and the numerical gradient differ for one parameter array, W1, b1, …. */
    public record ParameterDifference(String name, double meanAbsoluteDifference, double maxAbsoluteDifference,
            double maxRelativeDifference) {
    }

    /** Compares both gradients of the network's loss on {@code batch}. */
    public static GradientCheck of(MultiLayerNet net, Batch batch) {
        Gradients backprop = net.gradient(batch);
        Gradients numerical = net.numericalGradient(batch);
        List<ParameterDifference> differences = new ArrayList<>();
        double maxAbsolute = 0.0;
        double maxRelative = 0.0;
        for (String name : backprop.names()) {
            double[] a = backprop.get(name);
            double[] n = numerical.get(name);
            double sum = 0.0;
            double parameterMaxAbsolute = 0.0;
            double parameterMaxRelative = 0.0;
            for (int j = 0; j < a.length; j++) {
                double absolute = Math.abs(a[j] - n[j]);
                sum += absolute;
                parameterMaxAbsolute = Math.max(parameterMaxAbsolute, absolute);
                double scale = Math.max(RELATIVE_FLOOR, Math.max(Math.abs(a[j]), Math.abs(n[j])));
                parameterMaxRelative = Math.max(parameterMaxRelative, absolute / scale);
            }
            differences.add(new ParameterDifference(name, sum / a.length, parameterMaxAbsolute,
                    parameterMaxRelative));
            maxAbsolute = Math.max(maxAbsolute, parameterMaxAbsolute);
            maxRelative = Math.max(maxRelative, parameterMaxRelative);
        }
        return new GradientCheck(maxAbsolute, maxRelative, differences);
    }
}
