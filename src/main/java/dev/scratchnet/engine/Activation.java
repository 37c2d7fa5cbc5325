package dev.scratchnet.engine;

/**
 * The activation functions of DLfS ch. 3 ({@code step_function}, {@code sigmoid}, {@code relu}, {@code softmax})
 * plus identity and tanh. Each works in place on one sample's vector, since that is how the network stores them.
 */
public enum Activation {

    IDENTITY("identity") {
        @Override
        public void applyInPlace(double[] values, int offset, int length) {
        }

        @Override
        double derivativeFromOutput(double output) {
            return 1.0;
        }
    },
    STEP("step") {
        @Override
        public void applyInPlace(double[] values, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                values[i] = values[i] > 0 ? 1.0 : 0.0;
            }
        }

        @Override
        double derivativeFromOutput(double output) {
            return 0.0;
        }
    },
    SIGMOID("sigmoid") {
        @Override
        public void applyInPlace(double[] values, int offset, int length) {
            LayerKernels.sigmoid(values, offset, length);
        }

        @Override
        double derivativeFromOutput(double output) {
            return output * (1.0 - output);
        }
    },
    RELU("relu") {
        @Override
        public void applyInPlace(double[] values, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                values[i] = Math.max(0.0, values[i]);
            }
        }

        @Override
        double derivativeFromOutput(double output) {
            return output > 0 ? 1.0 : 0.0;
        }
    },
    TANH("tanh") {
        @Override
        public void applyInPlace(double[] values, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                values[i] = Math.tanh(values[i]);
            }
        }

        @Override
        double derivativeFromOutput(double output) {
            return 1.0 - output * output;
        }
    },
    SOFTMAX("softmax") {
        @Override
        public void applyInPlace(double[] values, int offset, int length) {
            // Subtract the maximum first: exp(1010) is Infinity and the vector would become NaN.
            double max = Double.NEGATIVE_INFINITY;
            for (int i = offset; i < offset + length; i++) {
                max = Math.max(max, values[i]);
            }
            double sum = 0.0;
            for (int i = offset; i < offset + length; i++) {
                values[i] = Math.exp(values[i] - max);
                sum += values[i];
            }
            for (int i = offset; i < offset + length; i++) {
                values[i] /= sum;
            }
        }

        @Override
        double derivativeFromOutput(double output) {
            throw new UnsupportedOperationException("softmax couples its outputs; use its Jacobian product");
        }
    };

    private final String apiName;

    Activation(String apiName) {
        this.apiName = apiName;
    }

    /** The spelling the REST API uses, e.g. {@code "sigmoid"}. */
    public String apiName() {
        return apiName;
    }

    /** The activation whose {@link #apiName()} is {@code name}, or an exception listing the spellings. */
    public static Activation fromApiName(String name) {
        for (Activation activation : values()) {
            if (activation.apiName.equals(name)) {
                return activation;
            }
        }
        throw new IllegalArgumentException("Unknown activation '" + name + "'; expected one of identity, step, "
                + "sigmoid, relu, tanh, softmax");
    }

    /** Replaces {@code values[offset .. offset+length)} by the activation of them: one sample's layer output. */
    public abstract void applyInPlace(double[] values, int offset, int length);

    /** Applies the activation to a copy of {@code values}. */
    public double[] apply(double... values) {
        double[] result = values.clone();
        applyInPlace(result, 0, result.length);
        return result;
    }

    /**
     * The derivative written in terms of the activation's output z, which is what backpropagation keeps:
     * sigmoid' = z(1 − z), tanh' = 1 − z², relu' = [z > 0] (DLfS ch. 5, the Sigmoid and Relu layers).
     */
    abstract double derivativeFromOutput(double output);

    /** Whether gradient descent can learn through it: step's derivative is 0 almost everywhere. */
    public boolean isTrainable() {
        return this != STEP;
    }
}
