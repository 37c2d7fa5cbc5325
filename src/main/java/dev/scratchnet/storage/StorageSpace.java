package dev.scratchnet.storage;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Room on the disk under the home: the free-space floor checked before large writes (uploads, checkpoints, models),
 * the quotas of uploaded models and datasets, and the recognition of a write that failed because the disk is full.
 * A full disk is then a 507 for an upload and a stated reason for a job, never a 500 or a half-written file.
 */
@Component
public class StorageSpace {

    private static final Logger log = LoggerFactory.getLogger(StorageSpace.class);
    /** What Linux and macOS say for ENOSPC and EDQUOT; Windows says "There is not enough space on the disk". */
    private static final String[] NO_SPACE = {"no space left on device", "disk quota exceeded",
        "not enough space on the disk"};

    private final Path home;
    private final long minFreeSpace;
    private final StorageQuota uploadedModels;
    private final StorageQuota uploadedDatasets;

    @Autowired
    public StorageSpace(ScratchnetProperties properties) {
        this(properties.home(), properties.storage(), properties.limits());
    }

    public StorageSpace(Path home, ScratchnetProperties.Storage storage, ScratchnetProperties.Limits limits) {
        this.home = home.toAbsolutePath().normalize();
        this.minFreeSpace = storage.minFreeSpace().toBytes();
        this.uploadedModels = new StorageQuota("Uploaded models", "scratchnet.limits.stored-models",
                limits.storedModels().toBytes());
        this.uploadedDatasets = new StorageQuota("Uploaded datasets", "scratchnet.limits.stored-datasets",
                limits.storedDatasets().toBytes());
    }

    /** The floor and quotas application.yml documents, for code that builds its parts without Spring. */
    public static StorageSpace defaults(Path home) {
        return new StorageSpace(home, ScratchnetProperties.Storage.DEFAULT, ScratchnetProperties.Limits.DEFAULT);
    }

    /**
     * Refuses (507) a write of about {@code bytes} that would leave less than {@code scratchnet.storage.min-free-space}
     * free. Space that cannot be measured is not refused: the write itself will tell.
     */
    public void require(long bytes) {
        long usable;
        try {
            usable = Files.getFileStore(existingAncestor(home)).getUsableSpace();
        } catch (IOException | SecurityException e) {
            log.debug("Cannot measure the free space under {}: {}", home, e.getMessage());
            return;
        }
        if (usable - Math.max(0, bytes) < minFreeSpace) {
            log.warn("Refusing a write of about {} bytes under {}: {} bytes are free, {} must stay free", bytes, home,
                    usable, minFreeSpace);
            throw StorageFullException.belowFloor(usable, bytes, minFreeSpace);
        }
    }

    public StorageQuota uploadedModels() {
        return uploadedModels;
    }

    public StorageQuota uploadedDatasets() {
        return uploadedDatasets;
    }

    /** Whether {@code failure} or one of its causes is the file system saying it has no room (ENOSPC, EDQUOT). */
    public static boolean isNoSpace(Throwable failure) {
        // Bounded, since a cause chain can loop.
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 32; depth++, cause = cause.getCause()) {
            if (cause instanceof StorageFullException) {
                return true;
            }
            if (cause instanceof IOException && (says(cause.getMessage())
                    || cause instanceof FileSystemException fileSystem && says(fileSystem.getReason()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The exception a failed write becomes: a {@link StorageFullException} when the disk was full, else
     * {@code otherwise}.
     */
    public static RuntimeException fullOr(IOException failure, RuntimeException otherwise) {
        return isNoSpace(failure) ? StorageFullException.noSpace(failure) : otherwise;
    }

    private static boolean says(String message) {
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        for (String phrase : NO_SPACE) {
            if (lower.contains(phrase)) {
                return true;
            }
        }
        return false;
    }

    /** The home may not exist yet (it is created on first write); its file system is that of its nearest ancestor. */
    private static Path existingAncestor(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? path : existing;
    }
}
