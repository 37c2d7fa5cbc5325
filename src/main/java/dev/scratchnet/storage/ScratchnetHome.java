package dev.scratchnet.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.scratchnet.storage.CrashSwitch.Step;
import dev.scratchnet.storage.CrashSwitch.Write;

/**
 * The service's home folder ({@code scratchnet.home}) and the one way files are written into it: completely or not
 * at all. Folders are created when first written to, so a service that only reads leaves no trace.
 */
@Component
public class ScratchnetHome {

    private static final Logger log = LoggerFactory.getLogger(ScratchnetHome.class);

    private static final int BUFFER = 1 << 16;
    private static final String TEMPORARY = ".tmp";

    private final Path root;

    @Autowired
    public ScratchnetHome(ScratchnetProperties properties) {
        this(properties.home());
    }

    public ScratchnetHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** {@code home/datasets}: the first place IDX datasets are looked for. */
    public Path datasets() {
        return root.resolve("datasets");
    }

    /** {@code home/datasets/uploaded}: one folder per uploaded dataset. */
    public Path uploadedDatasets() {
        return datasets().resolve("uploaded");
    }

    /** {@code home/datasets/downloaded}: one folder per downloaded dataset, holding only verified files. */
    public Path downloadedDatasets() {
        return datasets().resolve("downloaded");
    }

    /** Writes the content of a file; may be called once per attempt and must write everything. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} so that readers see either the old file or the complete new one, also after a crash:
     * a temporary file in the same folder, flushed and fsynced, then renamed over the target, then the folder
     * fsynced so the rename itself survives. If {@code content} throws, the temporary file is deleted and the
     * target is untouched.
     */
    public static void writeAtomically(Path target, Content content) throws IOException {
        writeAtomically(target, null, content);
    }

    /** {@link #writeAtomically(Path, Content)}, naming the write for the {@link CrashSwitch}. */
    public static void writeAtomically(Path target, Write write, Content content) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + target.getFileName() + "-", TEMPORARY);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(unclosable(Channels.newOutputStream(channel)), BUFFER);
                content.writeTo(out);
                out.flush();
                CrashSwitch.reached(write, Step.TEMP_WRITTEN);
                channel.force(true);
                CrashSwitch.reached(write, Step.TEMP_SYNCED);
            }
            // A staged write is committed by the move of its folder, so renaming a file inside it is not a step.
            moveAtomically(temporary, target, write == null || write.staged() ? null : write);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writers such as Jackson close the stream they are given; the channel must stay open to be fsynced. */
    private static OutputStream unclosable(OutputStream out) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() {
                // The channel is closed by writeAtomically once it is fsynced.
            }
        };
    }

    /**
     * Creates a folder and any missing parents durably: each new folder's entry is fsynced in its parent, so a file
     * written into it cannot vanish with the folder after a power loss.
     */
    public static void createDirectories(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(absolute);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
            return;
        }
        if (parent != null) {
            fsyncFolder(parent);
        }
    }

    /**
     * Deletes a folder of the service's and everything in it, as far as it can: what is left is logged, and since
     * callers first rename what they delete to a hidden name, start-up clears it later.
     */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", root, e.getMessage());
        }
    }

    /** Renames {@code source} to {@code target} (file or folder) in one step and fsyncs the target's folder. */
    public static void moveAtomically(Path source, Path target) throws IOException {
        moveAtomically(source, target, null);
    }

    /** {@link #moveAtomically(Path, Path)}, naming the write for the {@link CrashSwitch}. */
    public static void moveAtomically(Path source, Path target, Write write) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("Cannot rename " + source + " to " + target + " atomically: "
                    + "both must be on one file system", e);
        }
        CrashSwitch.reached(write, Step.RENAMED);
        fsyncFolder(target.toAbsolutePath().getParent());
        CrashSwitch.reached(write, Step.FOLDER_SYNCED);
    }

    /**
     * Deletes the temporary files a crash in {@link #writeAtomically} left in {@code folder} (not below it);
     * returns their names for the caller to report. Their targets are untouched: the old file or the new one.
     */
    public static List<String> deleteTemporaryFiles(Path folder) {
        List<String> deleted = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(TEMPORARY) && Files.isRegularFile(file)) {
                    Files.deleteIfExists(file);
                    deleted.add(name);
                }
            }
        } catch (IOException e) {
            log.warn("Could not clear temporary files in {}: {}", folder, e.getMessage());
        }
        return deleted;
    }

    /** Makes a folder's entries (a rename, a new file) durable; a no-op where folders cannot be opened (Windows). */
    public static void fsyncFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (System.getProperty("os.name").startsWith("Windows")) {
                return;
            }
            throw e;
        }
    }
}
