package dev.scratchnet.engine;

/**
 * A network's accuracy and average loss over a set of samples, and its confusion matrix: {@code confusion[t][p]}
 * samples of class t were classified as p, so the diagonal holds the correct ones.
 */
public record Evaluation(double accuracy, double loss, int samples, int[][] confusion) {
}
