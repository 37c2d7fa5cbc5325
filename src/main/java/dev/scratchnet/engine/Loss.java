package dev.scratchnet.engine;

/** The loss functions of DLfS ch. 4, averaged over a batch as the book's batch versions do. */
public enum Loss {

    /** {@code sum_squares_error}: 0.5·Σ(y − t)². */
    SUM_SQUARES("sum_squares") {
        @Override
        public double error(double[] y, double[] t) {
            checkSameLength(y, t);
            double sum = 0.0;
            for (int i = 0; i < y.length; i++) {
                double difference = y[i] - t[i];
                sum += difference * difference;
            }
            return 0.5 * sum;
        }

        @Override
        double sampleError(double[] y, int offset, int length, int label) {
            double sum = 0.0;
            for (int j = 0; j < length; j++) {
                double difference = y[offset + j] - target(j, length, label);
                sum += difference * difference;
            }
            return 0.5 * sum;
        }

        @Override
        double outputGradient(double y, double t) {
            return y - t;
        }
    },

    /** {@code cross_entropy_error}: −Σ t·log(y + 1e-7); the 1e-7 keeps log(0) finite. */
    CROSS_ENTROPY("cross_entropy") {
        @Override
        public double error(double[] y, double[] t) {
            checkSameLength(y, t);
            double sum = 0.0;
            for (int i = 0; i < y.length; i++) {
                sum += t[i] * Math.log(y[i] + DELTA);
            }
            return -sum;
        }

        @Override
        double sampleError(double[] y, int offset, int length, int label) {
            if (length == 1) {
                return -label * Math.log(y[offset] + DELTA);
            }
            // With index labels only the true class's term is non-zero (the book's t_train[np.arange(n), t]).
            return -Math.log(y[offset + label] + DELTA);
        }

        @Override
        double outputGradient(double y, double t) {
            return -t / (y + DELTA);
        }
    };

    static final double DELTA = 1e-7;

    private final String apiName;

    Loss(String apiName) {
        this.apiName = apiName;
    }

    /** The spelling the REST API uses, e.g. {@code "cross_entropy"}. */
    public String apiName() {
        return apiName;
    }

    /** The loss whose {@link #apiName()} is {@code name}, or an exception listing the spellings. */
    public static Loss fromApiName(String name) {
        for (Loss loss : values()) {
            if (loss.apiName.equals(name)) {
                return loss;
            }
        }
        throw new IllegalArgumentException("Unknown loss '" + name + "'; expected cross_entropy or sum_squares");
    }

    /** The error of one output vector {@code y} against its target vector {@code t}. */
    public abstract double error(double[] y, double[] t);

    /** The batch error against one-hot (or any) target rows, averaged over the rows. */
    public double error(double[][] y, double[][] t) {
        if (y.length != t.length) {
            throw new IllegalArgumentException("Expected " + y.length + " target rows but found " + t.length);
        }
        double sum = 0.0;
        for (int i = 0; i < y.length; i++) {
            sum += error(y[i], t[i]);
        }
        return sum / y.length;
    }

    /** The batch error against class-index labels, averaged over the rows: the same value as with one-hot rows. */
    public double error(double[][] y, int[] labels) {
        if (y.length != labels.length) {
            throw new IllegalArgumentException("Expected " + y.length + " labels but found " + labels.length);
        }
        double sum = 0.0;
        for (int i = 0; i < y.length; i++) {
            sum += sampleError(y[i], 0, y[i].length, labels[i]);
        }
        return sum / y.length;
    }

    /** One sample's error, its outputs stored at {@code y[offset .. offset+length)}. */
    abstract double sampleError(double[] y, int offset, int length, int label);

    /** ∂error/∂y for one output value y with target t. */
    abstract double outputGradient(double y, double t);

    /**
     * Component j of the target for class {@code label}: one-hot over several outputs, or the label itself when the
     * network has a single output (the perceptron's 0/1).
     */
    static double target(int j, int length, int label) {
        if (length == 1) {
            return label;
        }
        return j == label ? 1.0 : 0.0;
    }

    private static void checkSameLength(double[] y, double[] t) {
        if (y.length != t.length) {
            throw new IllegalArgumentException("Expected a target of size " + y.length + " but found size "
                    + t.length);
        }
    }
}
