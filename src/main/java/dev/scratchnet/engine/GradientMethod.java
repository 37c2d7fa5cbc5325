package dev.scratchnet.engine;

/** How the trainer computes gradients: backpropagation (ch. 5) or central differences (ch. 4). */
public enum GradientMethod {

    BACKPROP("backprop"),
    /** Two forward passes per parameter and iteration: fine for logic gates, hopeless for MNIST. */
    NUMERICAL("numerical");

    private final String apiName;

    GradientMethod(String apiName) {
        this.apiName = apiName;
    }

    /** The spelling the REST API uses. */
    public String apiName() {
        return apiName;
    }
}
