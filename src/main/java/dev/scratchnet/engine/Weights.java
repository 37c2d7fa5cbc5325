package dev.scratchnet.engine;

import java.util.List;

/**
 * A network's parameters as plain arrays in the book's orientation, detached from the engine's stores:
 * what is saved, exported as {@code .npz} and imported again.
 */
public record Weights(List<Layer> layers) {

    public Weights {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("A network needs at least one layer");
        }
        for (int k = 1; k < layers.size(); k++) {
            Layer previous = layers.get(k - 1);
            Layer next = layers.get(k);
            if (next.inputs() != previous.outputs()) {
                throw new IllegalArgumentException("W" + (k + 1) + ": expected " + previous.outputs()
                        + " rows to follow W" + k + " (" + previous.inputs() + "×" + previous.outputs()
                        + "), found " + next.inputs());
            }
        }
    }

    /** Sizes of every layer boundary, input first: 784-50-10 is [784, 50, 10]. */
    public int[] sizes() {
        int[] sizes = new int[layers.size() + 1];
        sizes[0] = layers.get(0).inputs();
        for (int k = 0; k < layers.size(); k++) {
            sizes[k + 1] = layers.get(k).outputs();
        }
        return sizes;
    }

    /**
     * One dense layer {@code x·W + b}: {@code weights} is W, inputs × outputs in row-major (C) order as NumPy
     * stores it, so {@code weights[i * outputs + j]} joins input i to output j.
     */
    public record Layer(int inputs, int outputs, double[] weights, double[] biases) {

        public Layer {
            if (inputs <= 0 || outputs <= 0) {
                throw new IllegalArgumentException("Layer sizes must be positive, found " + inputs + "×" + outputs);
            }
            if (weights.length != (long) inputs * outputs) {
                throw new IllegalArgumentException("Expected " + inputs + "×" + outputs + " = " + inputs * outputs
                        + " weights but found " + weights.length);
            }
            if (biases.length != outputs) {
                throw new IllegalArgumentException("Expected " + outputs + " biases but found " + biases.length);
            }
        }
    }
}
