package dev.scratchnet.engine;

/** A network's accuracy and average loss over a set of samples. */
public record Evaluation(double accuracy, double loss, int samples) {
}
