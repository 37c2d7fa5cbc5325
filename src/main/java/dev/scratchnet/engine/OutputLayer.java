package dev.scratchnet.engine;

/** What only the output layer does: start backpropagation from the loss, and name the class its outputs pick. */
final class OutputLayer {

    private OutputLayer() {
    }

    /**
     * ∂L/∂a for one sample whose outputs y are {@code y[offset .. offset+width)} and whose label is {@code label},
     * the loss averaged over a batch ({@code scale} = 1/n), written to the same places of {@code delta}.
     */
    static void delta(Activation activation, Loss loss, double[] y, double[] delta, int offset, int width, int label,
            double scale) {
        if (activation == Activation.SOFTMAX && loss == Loss.CROSS_ENTROPY && width > 1) {
            // The book's SoftmaxWithLoss: the derivatives cancel to (y − t) / n. The factor y_t / (y_t + 1e-7) is the
            // loss's 1e-7 carried through exactly; without it b2 differs from the numerical gradient by ~3e-7.
            double exact = y[offset + label] / (y[offset + label] + Loss.DELTA);
            for (int j = 0; j < width; j++) {
                delta[offset + j] = (y[offset + j] - Loss.target(j, width, label)) * exact * scale;
            }
            return;
        }
        for (int j = 0; j < width; j++) {
            delta[offset + j] = loss.outputGradient(y[offset + j], Loss.target(j, width, label)) * scale;
        }
        if (activation == Activation.SOFTMAX) {
            // Softmax couples its outputs: δa = y ⊙ (δy − Σ δy·y).
            double weighted = LayerKernels.dot(width, delta, offset, y, offset);
            for (int j = 0; j < width; j++) {
                delta[offset + j] = y[offset + j] * (delta[offset + j] - weighted);
            }
        } else {
            for (int j = 0; j < width; j++) {
                delta[offset + j] *= activation.derivativeFromOutput(y[offset + j]);
            }
        }
    }

    /** The class outputs pick: the largest output, or for a single output whether it reaches 0.5. */
    static int predictedClass(double[] y, int offset, int width) {
        if (width == 1) {
            return y[offset] >= 0.5 ? 1 : 0;
        }
        int best = 0;
        for (int j = 1; j < width; j++) {
            if (y[offset + j] > y[offset + best]) {
                best = j;
            }
        }
        return best;
    }
}
