package dev.scratchnet.engine.npz;

/**
 * Bounds on an uploaded {@code .npz}, checked before and while inflating so a hostile archive stops early.
 *
 * @param maxEntries    most {@code .npy} entries accepted; a 784-50-100-10 network has 6
 * @param maxTotalBytes most bytes accepted over all entries after inflating, headers included
 */
public record NpzLimits(int maxEntries, long maxTotalBytes) {

    /** 64 entries and 256 MiB: room for networks far larger than the book's, none for a zip bomb. */
    public static final NpzLimits DEFAULT = new NpzLimits(64, 256L * 1024 * 1024);

    /**
     * {@link #DEFAULT}, with the byte cap lowered so the arrays hold at most {@code maxValues} values: each takes at
     * least 4 bytes in the file (float32) but 8 once read, so a byte cap alone lets 256 MiB of float32 zeros, which
     * deflate to almost nothing, become 512 MiB of doubles. Checked against each header's shape before inflating.
     */
    public static NpzLimits forValues(long maxValues) {
        if (maxValues <= 0) {
            throw new IllegalArgumentException("maxValues must be positive, found " + maxValues);
        }
        long bytes = Math.min(maxValues, DEFAULT.maxTotalBytes() / Float.BYTES) * Float.BYTES;
        return new NpzLimits(DEFAULT.maxEntries(), bytes);
    }

    public NpzLimits {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive, found " + maxEntries);
        }
        if (maxTotalBytes <= 0) {
            throw new IllegalArgumentException("maxTotalBytes must be positive, found " + maxTotalBytes);
        }
    }
}
