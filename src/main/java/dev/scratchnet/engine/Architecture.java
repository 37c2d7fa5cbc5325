package dev.scratchnet.engine;

import java.util.List;

/**
 * The shape of a multilayer perceptron: layer sizes from input to output (784-50-10 is the book's TwoLayerNet,
 * two sizes alone is a single-layer perceptron), the activation between layers and the one at the output.
 */
public record Architecture(List<Integer> sizes, Activation hiddenActivation, Activation outputActivation) {

    public Architecture {
        sizes = List.copyOf(sizes);
        if (sizes.size() < 2) {
            throw new IllegalArgumentException("Expected at least an input and an output size but found " + sizes);
        }
        for (int size : sizes) {
            if (size <= 0) {
                throw new IllegalArgumentException("Layer sizes must be positive but found " + sizes);
            }
        }
        if (hiddenActivation == Activation.SOFTMAX) {
            throw new IllegalArgumentException("softmax is an output activation, not a hidden one");
        }
    }

    /** Sizes from the input size, the hidden sizes and the output size, as the book's MultiLayerNet takes them. */
    public static Architecture of(int inputs, List<Integer> hidden, int outputs, Activation hiddenActivation,
            Activation outputActivation) {
        Integer[] sizes = new Integer[hidden.size() + 2];
        sizes[0] = inputs;
        for (int k = 0; k < hidden.size(); k++) {
            sizes[k + 1] = hidden.get(k);
        }
        sizes[sizes.length - 1] = outputs;
        return new Architecture(List.of(sizes), hiddenActivation, outputActivation);
    }

    public int layerCount() {
        return sizes.size() - 1;
    }

    public int inputSize() {
        return sizes.get(0);
    }

    public int outputSize() {
        return sizes.get(sizes.size() - 1);
    }

    /** Weights and biases together: 784-50-10 has 39,760. */
    public long parameterCount() {
        long count = 0;
        for (int k = 0; k < layerCount(); k++) {
            count += (long) sizes.get(k) * sizes.get(k + 1) + sizes.get(k + 1);
        }
        return count;
    }
}
