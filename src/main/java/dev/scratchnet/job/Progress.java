package dev.scratchnet.job;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How far a job has come: the epoch it is in (or last finished) and the iteration within it. Iterations per epoch
 * are 0 until the job has started and knows its training set's size.
 */
@Schema(description = "How far a job has come", example = """
        {"epoch":3,"epochs":17,"iteration":120,"iterations":600,"percent":12.9}""")
public record Progress(
        @Schema(description = "The epoch under way, or the last finished one", example = "3") int epoch,
        @Schema(description = "Epochs the job will train", example = "17") int epochs,
        @Schema(description = "Iterations done in the epoch under way", example = "120") int iteration,
        @Schema(description = "Iterations per epoch; 0 until the job has started", example = "600") int iterations,
        @Schema(description = "Share of all iterations done, 0 to 100", example = "12.9") double percent) {

    /** Nothing done yet, or {@code epochsDone} whole epochs after a restart. */
    static Progress of(int epochsDone, int epochs) {
        return new Progress(epochsDone, epochs, 0, 0, percent(epochsDone, epochs));
    }

    /** After iteration {@code iteration} of {@code iterations} in epoch {@code epoch}. */
    static Progress of(int epoch, int epochs, int iteration, int iterations) {
        double done = (epoch - 1) + (double) iteration / iterations;
        return new Progress(epoch, epochs, iteration, iterations, percent(done, epochs));
    }

    Progress finished() {
        return new Progress(epoch, epochs, iteration, iterations, 100.0);
    }

    private static double percent(double done, int epochs) {
        return Math.round(1000.0 * done / epochs) / 10.0;
    }
}
