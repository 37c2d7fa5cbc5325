package dev.scratchnet.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import dev.scratchnet.engine.Checkpoint;
import dev.scratchnet.engine.CheckpointFile;
import dev.scratchnet.storage.CrashSwitch;
import dev.scratchnet.storage.CrashSwitch.Step;
import dev.scratchnet.storage.CrashSwitch.Write;
import dev.scratchnet.storage.ScratchnetHome;
import dev.scratchnet.storage.StorageSpace;

/**
 * Jobs on disk, one folder each: {@code home/jobs/{id}/job.json} (the {@link JobRecord}) and, while the job can
 * still resume, {@code checkpoint.bin}. Both are replaced atomically, the checkpoint of an epoch before the record
 * that lists it, so the record never promises an epoch the checkpoint cannot continue from. A checkpoint that the
 * disk has no room for is refused before it is written (or fails while written) as a {@code StorageFullException},
 * and the previous one stays as it was.
 */
@Component
class JobStore {

    private static final Logger log = LoggerFactory.getLogger(JobStore.class);
    static final String RECORD = "job.json";
    static final String CHECKPOINT = "checkpoint.bin";
    private static final String DELETED = ".deleted-";

    private final Path folder;
    private final StorageSpace space;
    private final JsonMapper mapper = JsonMapper.shared();

    JobStore(ScratchnetHome home) {
        this(home, StorageSpace.defaults(home.root()));
    }

    @Autowired
    JobStore(ScratchnetHome home, StorageSpace space) {
        this.folder = home.root().resolve("jobs");
        this.space = space;
    }

    void save(JobRecord record) {
        try {
            ScratchnetHome.writeAtomically(folder.resolve(record.id()).resolve(RECORD), Write.JOB,
                    out -> out.write(mapper.writeValueAsBytes(record)));
            CrashSwitch.reached(Write.JOB, Step.BEFORE_ANSWER);
        } catch (IOException e) {
            throw StorageSpace.fullOr(e, new UncheckedIOException("Could not save job " + record.id() + ": "
                    + e.getMessage(), e));
        }
    }

    void saveCheckpoint(String id, Checkpoint checkpoint) {
        Path file = folder.resolve(id).resolve(CHECKPOINT);
        try {
            // The new checkpoint is written beside the old one before replacing it, so it needs its own room.
            space.require(Files.exists(file) ? Files.size(file) : 0);
            ScratchnetHome.writeAtomically(file, Write.CHECKPOINT, out -> CheckpointFile.write(checkpoint, out));
            CrashSwitch.reached(Write.CHECKPOINT, Step.BEFORE_ANSWER);
        } catch (IOException e) {
            log.warn("Job {}: could not save its checkpoint: {}", id, e.getMessage());
            throw StorageSpace.fullOr(e, new UncheckedIOException("Could not save the checkpoint of job " + id
                    + ": " + e.getMessage(), e));
        }
    }

    /** The job's last checkpoint; none if it has not finished an epoch, or if the file is damaged (logged). */
    Optional<Checkpoint> checkpoint(String id) {
        try (InputStream in = Files.newInputStream(folder.resolve(id).resolve(CHECKPOINT))) {
            return Optional.of(CheckpointFile.read(in));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            log.warn("Job {}: ignoring its damaged checkpoint, the job restarts from scratch: {}", id, e.getMessage());
            return Optional.empty();
        }
    }

    void deleteCheckpoint(String id) {
        try {
            Files.deleteIfExists(folder.resolve(id).resolve(CHECKPOINT));
        } catch (IOException e) {
            log.warn("Job {}: could not delete its checkpoint: {}", id, e.getMessage());
        }
    }

    /** Removes the job's folder: renamed away first, so a crash midway never leaves half a job to load. */
    void delete(String id) {
        Path doomed = folder.resolve(DELETED + id);
        try {
            ScratchnetHome.moveAtomically(folder.resolve(id), doomed);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete job " + id + ": " + e.getMessage(), e);
        }
        ScratchnetHome.deleteTree(doomed);
    }

    /** Every readable job record; damaged or foreign folders are logged and skipped, never fatal. */
    List<JobRecord> loadAll() {
        List<JobRecord> records = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return records;
        }
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.sorted().toList()) {
                if (child.getFileName().toString().startsWith(DELETED)) {
                    ScratchnetHome.deleteTree(child);
                } else if (Files.isDirectory(child)) {
                    clearTemporaryFiles(child);
                    load(child).ifPresent(records::add);
                }
            }
        } catch (IOException e) {
            log.warn("Cannot list the jobs folder {}: {}", folder, e.getMessage());
        }
        records.sort(Comparator.comparingLong(JobRecord::sequence));
        return records;
    }

    /** A crash mid-write leaves the old record or checkpoint in place and its temporary file beside it. */
    private static void clearTemporaryFiles(Path child) {
        List<String> deleted = ScratchnetHome.deleteTemporaryFiles(child);
        if (!deleted.isEmpty()) {
            log.warn("Job folder {}: deleted {} left by an interrupted write", child.getFileName(), deleted);
        }
    }

    private Optional<JobRecord> load(Path child) {
        String name = child.getFileName().toString();
        try {
            JobRecord record = mapper.readValue(Files.readAllBytes(child.resolve(RECORD)), JobRecord.class);
            if (!name.equals(record.id()) || record.config() == null || record.status() == null) {
                log.warn("Skipping job folder {}: its {} describes job {} or lacks a config or status", name,
                        RECORD, record.id());
                return Optional.empty();
            }
            return Optional.of(record);
        } catch (IOException | RuntimeException e) {
            log.warn("Skipping job folder {}: {} cannot be read: {}", name, RECORD, e.getMessage());
            return Optional.empty();
        }
    }

}
