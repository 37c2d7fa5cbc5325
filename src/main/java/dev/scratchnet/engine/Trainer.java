package dev.scratchnet.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Mini-batch training (DLfS ch. 4, {@code train_neuralnet.py}) of a {@link MultiLayerNet}: draw a batch, take the
 * gradient, let the optimizer step, record the batch loss; after each epoch measure train and test accuracy and
 * loss, and hand out a checkpoint. Every run keeps its own generator and optimizer, so one trainer serves many runs.
 */
public final class Trainer {

    /** A new run from freshly initialised weights. */
    public TrainingResult train(TrainingConfig config, Samples train, Samples test, TrainingListener listener,
            BooleanSupplier cancelled) {
        RandomState random = new RandomState(config.seed());
        MultiLayerNet net = MultiLayerNet.initialize(config.architecture(), config.loss(), config.weightInit(),
                config.weightInitStd(), random);
        Optimizer optimizer = config.optimizer().create(config.learningRate());
        return run(new Run(config, net, optimizer, random, new ArrayList<>(), null), train, test, listener, cancelled);
    }

    /** Continues a run from a checkpoint it handed out; a seeded run ends with the same weights as if never stopped. */
    public TrainingResult resume(TrainingConfig config, Checkpoint checkpoint, Samples train, Samples test,
            TrainingListener listener, BooleanSupplier cancelled) {
        MultiLayerNet net = MultiLayerNet.of(config.architecture(), config.loss(), checkpoint.weights());
        Optimizer optimizer = config.optimizer().create(config.learningRate());
        optimizer.restore(checkpoint.optimizer());
        Run run = new Run(config, net, optimizer, RandomState.restore(checkpoint.random()),
                new ArrayList<>(checkpoint.history()), checkpoint.earlyStopping());
        return run(run, train, test, listener, cancelled);
    }

    private TrainingResult run(Run run, Samples train, Samples test, TrainingListener listener,
            BooleanSupplier cancelled) {
        TrainingConfig config = run.config;
        checkShapes(config, train, test);
        if (run.patienceRanOut()) {
            // Stopped early, checkpointed, then interrupted before it could end: resumed, it ends the same way.
            return run.result(TrainingResult.Outcome.STOPPED_EARLY);
        }
        int capacity = config.sampling() == Sampling.SHUFFLE ? Math.min(config.batchSize(), train.size())
                : config.batchSize();
        Batch batch = new Batch(capacity, train.inputSize());
        try (ShardTeam team = new ShardTeam(cores(MultiLayerNet.CORES))) {
            Propagation propagation = new Propagation(run.net, capacity, team);
            for (int epoch = run.history.size() + 1; epoch <= config.epochs(); epoch++) {
                long start = System.nanoTime();
                if (!trainEpoch(run, epoch, train, batch, propagation, listener, cancelled)) {
                    return run.result(TrainingResult.Outcome.CANCELLED);
                }
                Evaluation onTrain = run.net.evaluate(train);
                Evaluation onTest = run.net.evaluate(test);
                EpochResult result = new EpochResult(epoch, onTrain.accuracy(), onTest.accuracy(), onTrain.loss(),
                        onTest.loss(), (System.nanoTime() - start) / 1e9);
                run.history.add(result);
                boolean stop = run.trackEarlyStopping(result);
                listener.onEpoch(result, run.checkpoint());
                if (stop) {
                    return run.result(TrainingResult.Outcome.STOPPED_EARLY);
                }
            }
        }
        return run.result(TrainingResult.Outcome.COMPLETED);
    }

    /**
     * How many of the machine's cores a run trains on: no more than a phase has shards, since a member without one
     * would only spin between phases, taking a core from requests and other jobs (and, where the JVM is shown more
     * processors than it gets, slowing the run itself).
     */
    static int cores(int available) {
        return Math.min(available, Propagation.MOST_SHARDS);
    }

    /**
     * One epoch of the book's loop: draw a batch, take the gradient, step, record the batch loss after the step.
     * Returns false if cancelled between two iterations.
     */
    private static boolean trainEpoch(Run run, int epoch, Samples train, Batch batch, Propagation propagation,
            TrainingListener listener, BooleanSupplier cancelled) {
        TrainingConfig config = run.config;
        int iterations = config.sampling().iterationsPerEpoch(train.size(), config.batchSize());
        int[] order = config.sampling() == Sampling.SHUFFLE ? shuffledOrder(train.size(), run.random) : null;
        for (int iteration = 1; iteration <= iterations; iteration++) {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            drawBatch(run, train, batch, order, iteration);
            double batchLoss;
            if (config.gradient() == GradientMethod.BACKPROP) {
                batchLoss = propagation.step(batch, run.optimizer);
            } else {
                run.optimizer.update(run.net.parameters(), run.net.numericalGradientArrays(batch));
                propagation.forward(batch);
                batchLoss = propagation.loss(batch);
            }
            if (!Double.isFinite(batchLoss)) {
                throw new LossDivergedException("The loss became " + batchLoss + " at epoch " + epoch
                        + ", iteration " + iteration + ": the learning rate " + config.learningRate()
                        + " is probably too large");
            }
            listener.onIteration(epoch, iteration, iterations, batchLoss);
        }
        return true;
    }

    private static int[] shuffledOrder(int size, RandomState random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        random.shuffle(order);
        return order;
    }

    private static void drawBatch(Run run, Samples train, Batch batch, int[] order, int iteration) {
        int batchSize = run.config.batchSize();
        if (run.config.sampling() == Sampling.WITH_REPLACEMENT) {
            batch.fill(train, run.random.choice(train.size(), batchSize), 0, batchSize);
        } else {
            int from = (iteration - 1) * batchSize;
            batch.fill(train, order, from, Math.min(batchSize, order.length - from));
        }
    }

    private static void checkShapes(TrainingConfig config, Samples train, Samples test) {
        Architecture architecture = config.architecture();
        for (Samples samples : List.of(train, test)) {
            if (samples.inputSize() != architecture.inputSize()) {
                throw new IllegalArgumentException("The network takes " + architecture.inputSize()
                        + " inputs but the samples have " + samples.inputSize());
            }
            int classes = samples.classCount();
            if (architecture.outputSize() != classes && !(architecture.outputSize() == 1 && classes == 2)) {
                throw new IllegalArgumentException("The network has " + architecture.outputSize()
                        + " outputs but the samples have " + classes + " classes");
            }
            if (samples.size() == 0) {
                throw new IllegalArgumentException("Cannot train or evaluate on an empty set of samples");
            }
        }
    }

    /** The mutable state of one run. */
    private static final class Run {

        final TrainingConfig config;
        final MultiLayerNet net;
        final Optimizer optimizer;
        final RandomState random;
        final List<EpochResult> history;
        Checkpoint.EarlyStopping earlyStopping;

        Run(TrainingConfig config, MultiLayerNet net, Optimizer optimizer, RandomState random,
                List<EpochResult> history, Checkpoint.EarlyStopping earlyStopping) {
            this.config = config;
            this.net = net;
            this.optimizer = optimizer;
            this.random = random;
            this.history = history;
            this.earlyStopping = earlyStopping;
        }

        boolean patienceRanOut() {
            return earlyStopping != null && config.earlyStoppingPatience() > 0
                    && earlyStopping.epochsWithoutGain() >= config.earlyStoppingPatience();
        }

        /** Records the epoch for early stopping; true when patience has run out. */
        boolean trackEarlyStopping(EpochResult result) {
            if (config.earlyStoppingPatience() == 0) {
                return false;
            }
            if (earlyStopping == null || result.testAccuracy() > earlyStopping.bestTestAccuracy()) {
                earlyStopping = new Checkpoint.EarlyStopping(result.testAccuracy(), result.epoch(), net.weights(), 0);
                return false;
            }
            earlyStopping = new Checkpoint.EarlyStopping(earlyStopping.bestTestAccuracy(), earlyStopping.bestEpoch(),
                    earlyStopping.bestWeights(), earlyStopping.epochsWithoutGain() + 1);
            return patienceRanOut();
        }

        Checkpoint checkpoint() {
            return new Checkpoint(history.size(), net.weights(), optimizer.state(), random.snapshot(), history,
                    earlyStopping);
        }

        TrainingResult result(TrainingResult.Outcome outcome) {
            if (earlyStopping != null) {
                return new TrainingResult(outcome, earlyStopping.bestWeights(), history, earlyStopping.bestEpoch());
            }
            return new TrainingResult(outcome, net.weights(), history, history.size());
        }
    }
}
