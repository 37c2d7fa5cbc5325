package dev.scratchnet.job;

import java.util.Random;
import java.util.function.BooleanSupplier;

import dev.scratchnet.dataset.ImageSamples;
import dev.scratchnet.engine.Trainer;
import dev.scratchnet.engine.TrainingConfig;
import dev.scratchnet.engine.TrainingListener;

/**
 * Trains a throwaway copy of the book's network on made-up images, so that the JIT has compiled the engine's training
 * loop before the first job comes: in a fresh JVM the book's first epoch takes about eight times as long as the next
 * ones (BENCHMARKS.md). It takes both cores for about three seconds after a start, and stops at its next iteration
 * when told to, say because a job is waiting.
 */
final class EngineWarmUp {

    /** Three epochs of the book's training: C2 compiles the last of a step's methods during the third. */
    static final int ITERATIONS = 1800;
    /** Thirty iterations of 100 per epoch, so that the evaluation after each epoch is compiled too. */
    private static final int TRAIN_IMAGES = 3000;
    private static final int TEST_IMAGES = 200;
    private static final int PIXELS = 784;
    private static final int CLASSES = 10;

    private EngineWarmUp() {
    }

    /** Trains for up to {@code iterations} iterations, or until {@code stop} says so; returns how many it ran. */
    static int train(int iterations, BooleanSupplier stop) {
        int epochs = Math.max(1, (iterations + TRAIN_IMAGES / 100 - 1) / (TRAIN_IMAGES / 100));
        int[] done = {0};
        new Trainer().train(TrainingConfig.book(PIXELS, CLASSES, epochs, 0), madeUpImages(TRAIN_IMAGES, 1),
                madeUpImages(TEST_IMAGES, 2), new TrainingListener() {
                    @Override
                    public void onIteration(int epoch, int iteration, int perEpoch, double batchLoss) {
                        done[0]++;
                    }
                }, () -> done[0] >= iterations || stop.getAsBoolean());
        return done[0];
    }

    /**
     * Images a fifth of whose pixels are not zero, as in MNIST, with random labels: the JIT compiles for the code
     * a run takes, and the book's network on MNIST-sized images takes the same code whatever the pixels show.
     */
    private static ImageSamples madeUpImages(int count, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[count * PIXELS];
        for (int p = 0; p < pixels.length; p++) {
            if (random.nextInt(5) == 0) {
                pixels[p] = (byte) (1 + random.nextInt(255));
            }
        }
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) random.nextInt(CLASSES);
        }
        return new ImageSamples(pixels, PIXELS, labels, CLASSES);
    }
}
