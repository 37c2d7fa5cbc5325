package dev.scratchnet.storage;

import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A write refused for lack of room, a 507 Insufficient Storage: the disk under the home is full or would go below
 * {@code scratchnet.storage.min-free-space}, or an upload would take its kind past its quota. The detail says which
 * and how much, never where: paths stay in the server log.
 */
public class StorageFullException extends ErrorResponseException {

    private static final HttpStatus STATUS = HttpStatus.INSUFFICIENT_STORAGE;

    private StorageFullException(String detail, Throwable cause) {
        super(STATUS, ProblemDetail.forStatusAndDetail(STATUS, detail), cause);
    }

    /** The file system itself refused the write (ENOSPC or a disk quota). */
    public static StorageFullException noSpace(Throwable cause) {
        return new StorageFullException("The server's storage is full: the disk ran out of space while writing. "
                + "Nothing was changed; try again once space has been freed", cause);
    }

    /** Writing {@code needed} bytes would leave less than the floor free. */
    static StorageFullException belowFloor(long usable, long needed, long floor) {
        StorageFullException full = new StorageFullException("The server's storage is full: " + size(usable)
                + " is free, " + (needed > 0 ? "this needs about " + size(needed) + ", " : "")
                + "and " + size(floor) + " must stay free (scratchnet.storage.min-free-space)", null);
        full.getBody().setProperty("freeBytes", usable);
        full.getBody().setProperty("minFreeBytes", floor);
        return full;
    }

    /** An upload of {@code adding} bytes would take {@code what} past its quota. */
    static StorageFullException overQuota(String what, String property, long quota, long used, long adding) {
        StorageFullException full = new StorageFullException(what + " may take " + size(quota) + " together ("
                + property + "); " + size(used) + " is in use and this upload needs " + size(adding)
                + " more. Delete some first", null);
        full.getBody().setProperty("quota", property);
        full.getBody().setProperty("quotaBytes", quota);
        full.getBody().setProperty("usedBytes", used);
        return full;
    }

    /** Bytes as a person reads them: {@code 812 bytes}, {@code 3.4 KB}, {@code 64.0 MB} (powers of 1024, as DataSize). */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
