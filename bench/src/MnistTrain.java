import java.nio.file.Files;
import java.nio.file.Path;

import dev.scratchnet.dataset.BuiltInDatasets;
import dev.scratchnet.dataset.Dataset;
import dev.scratchnet.engine.Checkpoint;
import dev.scratchnet.engine.EpochResult;
import dev.scratchnet.engine.Trainer;
import dev.scratchnet.engine.TrainingConfig;
import dev.scratchnet.engine.TrainingListener;

/**
 * The book's training run (784-50-10, sigmoid, batches of 100 with replacement, SGD 0.1) timed the way
 * ../shared/bench/numpy_twolayer.py times it, printing its last line in the same format.
 * <p>
 * By default a run of three epochs (another seed, its result thrown away) goes first, so that the timed run measures
 * the engine as a service runs it once its JIT compiler has seen a job, not the compiler at work: the methods that
 * run a step's phases are called a few times per step, and C2 compiles the last of them during a JVM's third epoch.
 * NumPy's loop has no such start-up. {@code --warmup-epochs 0} times a JVM's very first job instead.
 */
public final class MnistTrain {

    public static void main(String[] args) throws Exception {
        int epochs = 3;
        int warmupEpochs = 3;
        long seed = 0;
        Path data = Path.of("../shared/datasets/mnist");
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--epochs" -> epochs = Integer.parseInt(args[++a]);
                case "--seed" -> seed = Long.parseLong(args[++a]);
                case "--warmup-epochs" -> warmupEpochs = Integer.parseInt(args[++a]);
                case "--data" -> data = Path.of(args[++a]);
                default -> throw new IllegalArgumentException("Unknown option " + args[a]
                        + "; expected --epochs N, --seed S, --data DIR, --warmup-epochs W");
            }
        }
        Dataset mnist = Files.isDirectory(data) ? BuiltInDatasets.mnist(data) : BuiltInDatasets.mnist();
        System.out.println("data " + (Files.isDirectory(data) ? data : "built-in copy") + ", kernels "
                + (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "vector" : "scalar")
                + ", cores " + Runtime.getRuntime().availableProcessors() + ", warm-up epochs " + warmupEpochs);
        if (warmupEpochs > 0) {
            new Trainer().train(TrainingConfig.book(784, 10, warmupEpochs, seed + 1), mnist.train(), mnist.test(),
                    new TrainingListener() { }, () -> false);
        }
        Timing timing = new Timing();
        TrainingConfig config = TrainingConfig.book(784, 10, epochs, seed);
        timing.epochStart = System.nanoTime();
        new Trainer().train(config, mnist.train(), mnist.test(), timing, () -> false);
        double epochSeconds = timing.trainSeconds / epochs;
        int samples = config.sampling().iterationsPerEpoch(mnist.train().size(), config.batchSize())
                * config.batchSize();
        System.out.printf("epoch_seconds=%.4f samples_per_second=%.0f eval_seconds=%.4f test_accuracy=%.4f%n",
                epochSeconds, samples / epochSeconds, timing.evalSeconds / epochs, timing.testAccuracy);
    }

    /** Splits each epoch's wall time into the iterations and the evaluation that follows them. */
    private static final class Timing implements TrainingListener {

        long epochStart;
        long iterationsEnd;
        double lastEpochSeconds;
        double trainSeconds;
        double evalSeconds;
        double testAccuracy;

        @Override
        public void onIteration(int epoch, int iteration, int iterations, double batchLoss) {
            if (iteration == iterations) {
                iterationsEnd = System.nanoTime();
                lastEpochSeconds = (iterationsEnd - epochStart) / 1e9;
                trainSeconds += lastEpochSeconds;
            }
        }

        @Override
        public void onEpoch(EpochResult result, Checkpoint checkpoint) {
            evalSeconds += (System.nanoTime() - iterationsEnd) / 1e9;
            testAccuracy = result.testAccuracy();
            System.out.printf("epoch %d train_accuracy %.4f test_accuracy %.4f seconds %.4f%n", result.epoch(),
                    result.trainAccuracy(), result.testAccuracy(), lastEpochSeconds);
            epochStart = System.nanoTime();
        }
    }
}
