package dev.scratchnet.engine;

import java.util.ArrayList;
import java.util.List;

/** ∂L/∂W and ∂L/∂b for every layer: the book's {@code grads} dictionary with keys W1, b1, W2, b2, …. */
public record Gradients(List<double[]> weights, List<double[]> biases) {

    public Gradients {
        weights = List.copyOf(weights);
        biases = List.copyOf(biases);
    }

    static Gradients copyOf(double[][] parameterOrder, Architecture architecture) {
        List<double[]> weights = new ArrayList<>();
        List<double[]> biases = new ArrayList<>();
        for (int k = 0; k < architecture.layerCount(); k++) {
            weights.add(parameterOrder[2 * k].clone());
            biases.add(parameterOrder[2 * k + 1].clone());
        }
        return new Gradients(weights, biases);
    }

    /** The gradient named as the book names it: {@code "W1"}, {@code "b1"}, …. */
    public double[] get(String name) {
        int layer = Integer.parseInt(name.substring(1)) - 1;
        return switch (name.charAt(0)) {
            case 'W' -> weights.get(layer);
            case 'b' -> biases.get(layer);
            default -> throw new IllegalArgumentException("Expected a name like W1 or b1 but found " + name);
        };
    }

    /** The names in order W1, b1, W2, b2, …. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (int k = 1; k <= weights.size(); k++) {
            names.add("W" + k);
            names.add("b" + k);
        }
        return names;
    }
}
