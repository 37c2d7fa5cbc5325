package dev.scratchnet.engine;

/** What a training run reports while it goes; both calls happen on the training thread. */
public interface TrainingListener {

    /** After each update; {@code batchLoss} is the mini-batch loss after the update, as the book records it. */
    default void onIteration(int epoch, int iteration, int iterations, double batchLoss) {
    }

    /** After each epoch, with the checkpoint from which the run can continue exactly. */
    default void onEpoch(EpochResult result, Checkpoint checkpoint) {
    }
}
