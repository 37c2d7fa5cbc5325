package dev.scratchnet.engine;

import java.util.List;

/**
 * How a run ended and what it learned: with early stopping, the weights of the best epoch by test accuracy;
 * otherwise the last epoch's.
 */
public record TrainingResult(Outcome outcome, Weights weights, List<EpochResult> epochs, int bestEpoch) {

    public TrainingResult {
        epochs = List.copyOf(epochs);
    }

    /** Why the run stopped. */
    public enum Outcome {
        COMPLETED, STOPPED_EARLY, CANCELLED
    }
}
