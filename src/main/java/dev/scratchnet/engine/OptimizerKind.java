package dev.scratchnet.engine;

import java.util.Arrays;

/** The optimizers of DLfS ch. 6, by the names the API spells them with. */
public enum OptimizerKind {
    SGD("sgd"),
    MOMENTUM("momentum"),
    ADAGRAD("adagrad"),
    ADAM("adam");

    private final String apiName;

    OptimizerKind(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** A fresh optimizer of this kind; the other hyperparameters take the book's defaults. */
    public Optimizer create(double learningRate) {
        return switch (this) {
            case SGD -> new Sgd(learningRate);
            case MOMENTUM -> new Momentum(learningRate);
            case ADAGRAD -> new AdaGrad(learningRate);
            case ADAM -> new Adam(learningRate);
        };
    }

    public static OptimizerKind fromApiName(String apiName) {
        for (OptimizerKind kind : values()) {
            if (kind.apiName.equals(apiName)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Expected an optimizer among "
                + Arrays.stream(values()).map(OptimizerKind::apiName).toList() + ", found '" + apiName + "'");
    }
}
