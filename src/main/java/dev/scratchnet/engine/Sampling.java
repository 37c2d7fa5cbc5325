package dev.scratchnet.engine;

/** How an epoch's mini-batches are drawn from the training set. */
public enum Sampling {

    /** The book's {@code np.random.choice(train_size, batch_size)}: trainSize/batchSize draws, repeats allowed. */
    WITH_REPLACEMENT("with_replacement"),
    /** A fresh permutation each epoch, cut into consecutive batches: every sample exactly once per epoch. */
    SHUFFLE("shuffle");

    private final String apiName;

    Sampling(String apiName) {
        this.apiName = apiName;
    }

    /** The spelling the REST API uses. */
    public String apiName() {
        return apiName;
    }

    /** Iterations that make one epoch: the book's {@code max(train_size / batch_size, 1)}, or every sample once. */
    public int iterationsPerEpoch(int trainSize, int batchSize) {
        return switch (this) {
            case WITH_REPLACEMENT -> Math.max(trainSize / batchSize, 1);
            case SHUFFLE -> (trainSize + batchSize - 1) / batchSize;
        };
    }
}
