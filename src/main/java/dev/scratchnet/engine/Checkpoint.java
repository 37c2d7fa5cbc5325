package dev.scratchnet.engine;

import java.util.List;

/**
 * Everything a run needs to continue after {@code epochsDone} epochs exactly as if it had never stopped: weights,
 * optimizer state, the generator's state and the early-stopping bookkeeping.
 */
public record Checkpoint(int epochsDone, Weights weights, OptimizerState optimizer, RandomState.Snapshot random,
        List<EpochResult> history, EarlyStopping earlyStopping) {

    public Checkpoint {
        history = List.copyOf(history);
        if (history.size() != epochsDone) {
            throw new IllegalArgumentException("Expected " + epochsDone + " epoch results but found "
                    + history.size());
        }
    }

    /** The best test accuracy so far, its epoch and weights, and how many epochs have passed without beating it. */
    public record EarlyStopping(double bestTestAccuracy, int bestEpoch, Weights bestWeights, int epochsWithoutGain) {
    }
}
