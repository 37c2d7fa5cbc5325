package dev.scratchnet.engine;

/** How initial weights are drawn (DLfS ch. 4 uses N(0, 0.01²); ch. 6 introduces Xavier and He). */
public enum WeightInit {

    /** A fixed standard deviation, the book's {@code weight_init_std = 0.01}. */
    NORMAL("normal"),
    /** σ = √(1/n) for n inputs (Glorot &amp; Bengio 2010, as DLfS ch. 6 writes it), suited to sigmoid and tanh. */
    XAVIER("xavier"),
    /** σ = √(2/n) for n inputs (He et al. 2015), suited to ReLU. */
    HE("he");

    /** The book's default standard deviation for {@link #NORMAL}. */
    public static final double DEFAULT_STD = 0.01;

    private final String apiName;

    WeightInit(String apiName) {
        this.apiName = apiName;
    }

    /** The spelling the REST API uses, e.g. {@code "xavier"}. */
    public String apiName() {
        return apiName;
    }

    /** The standard deviation for a layer with {@code inputs} inputs; {@code std} is used by NORMAL only. */
    public double standardDeviation(int inputs, double std) {
        return switch (this) {
            case NORMAL -> std;
            case XAVIER -> Math.sqrt(1.0 / inputs);
            case HE -> Math.sqrt(2.0 / inputs);
        };
    }
}
