package dev.scratchnet.engine;

/** The figures of one finished epoch, over the whole train and test sets (the book's figure 4-12 plots them). */
public record EpochResult(int epoch, double trainAccuracy, double testAccuracy, double trainLoss, double testLoss,
        double seconds) {
}
