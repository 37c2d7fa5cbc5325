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

    public NpzLimits {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive, found " + maxEntries);
        }
        if (maxTotalBytes <= 0) {
            throw new IllegalArgumentException("maxTotalBytes must be positive, found " + maxTotalBytes);
        }
    }
}
