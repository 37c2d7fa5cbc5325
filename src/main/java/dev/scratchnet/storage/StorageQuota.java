package dev.scratchnet.storage;

/**
 * The bytes one kind of upload takes on disk against its limit: counted from what is stored at start-up, reserved
 * before an upload is written (so two concurrent uploads cannot both fit into the last free share) and released
 * when the upload fails or is deleted.
 */
public final class StorageQuota {

    private final String what;
    private final String property;
    private final long limit;
    private long used;

    public StorageQuota(String what, String property, long limit) {
        this.what = what;
        this.property = property;
        this.limit = limit;
    }

    /** Takes {@code bytes} of the quota, or refuses with a 507 naming the quota and what is in use. */
    public synchronized void reserve(long bytes) {
        if (bytes > limit - used) {
            throw StorageFullException.overQuota(what, property, limit, used, bytes);
        }
        used += bytes;
    }

    /** Counts bytes already stored, found at start-up; a quota lowered below them refuses every new upload. */
    public synchronized void count(long bytes) {
        used += bytes;
    }

    public synchronized void release(long bytes) {
        used = Math.max(0, used - bytes);
    }

    public synchronized long used() {
        return used;
    }
}
