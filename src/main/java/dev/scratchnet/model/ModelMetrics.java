package dev.scratchnet.model;

/** A model's figures on its dataset when it was saved: the last (or best) epoch of the job that trained it. */
public record ModelMetrics(int epoch, double trainAccuracy, double testAccuracy, double trainLoss, double testLoss) {
}
