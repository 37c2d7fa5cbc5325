package dev.scratchnet.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import dev.scratchnet.dataset.UploadReader.Manifest;
import dev.scratchnet.storage.ScratchnetHome;
import dev.scratchnet.storage.ScratchnetProperties;
import dev.scratchnet.storage.StorageFullException;
import dev.scratchnet.storage.StorageQuota;
import dev.scratchnet.storage.StorageSpace;
import dev.scratchnet.web.InvalidField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * Datasets uploaded through {@code POST /datasets}, kept in {@code home/datasets/uploaded/{name}/} and read back at
 * start-up. An upload is staged in a hidden folder, checked by reading it exactly as start-up will, and only then
 * renamed into place, so a crash leaves either the whole dataset or nothing. Their bytes count against
 * {@code scratchnet.limits.stored-datasets}, and a full disk refuses an upload (507) without leaving any of it.
 */
@Component
class UploadedDatasets {

    private static final Logger log = LoggerFactory.getLogger(UploadedDatasets.class);
    private static final String STAGING = ".staging-";
    private static final String DELETING = ".deleting-";

    private final Path folder;
    private final ScratchnetProperties.Upload limits;
    private final Set<String> reserved;
    private final StorageSpace space;
    private final StorageQuota quota;
    private final Map<String, Dataset> datasets = new TreeMap<>();
    /** Bytes each stored dataset takes on disk, released from the quota when it is deleted. */
    private final Map<String, Long> storedBytes = new TreeMap<>();
    private final Set<String> pending = new HashSet<>();

    UploadedDatasets(ScratchnetProperties properties, ScratchnetHome home) {
        this(properties, home, new StorageSpace(properties));
    }

    @Autowired
    UploadedDatasets(ScratchnetProperties properties, ScratchnetHome home, StorageSpace space) {
        this.folder = home.uploadedDatasets();
        this.limits = properties.datasets().upload();
        this.space = space;
        this.quota = space.uploadedDatasets();
        this.reserved = new HashSet<>(BuiltInDatasets.NAMES);
        this.reserved.addAll(properties.datasets().catalog().keySet());
        loadStored();
    }

    synchronized Optional<Dataset> find(String name) {
        return Optional.ofNullable(datasets.get(name));
    }

    synchronized List<Dataset> all() {
        return List.copyOf(datasets.values());
    }

    String folder(String name) {
        return folder.resolve(name).toString();
    }

    /**
     * Checks, stores and registers an upload; refusals are 400, 409, 413 or 422 naming the field at fault, and 507
     * when the disk is full or the upload would pass the quota.
     */
    Dataset create(DatasetUpload upload) throws IOException {
        long bytes = checkSize(upload.parts());
        Path target = reserve(upload.name());
        Path staging = folder.resolve(STAGING + upload.name() + "-" + UUID.randomUUID());
        long reserved = 0;
        boolean stored = false;
        try {
            space.require(bytes);
            quota.reserve(bytes);
            reserved = bytes;
            Dataset dataset = stage(upload, staging);
            long onDisk = folderSize(staging);
            // The manifest adds a few bytes to what was reserved; the quota counts what the disk holds.
            quota.count(onDisk - reserved);
            reserved = onDisk;
            ScratchnetHome.moveAtomically(staging, target);
            register(upload.name(), dataset, onDisk);
            stored = true;
            log.info("Stored uploaded dataset {} in {}", upload.name(), target);
            return dataset;
        } catch (IOException e) {
            if (StorageSpace.isNoSpace(e)) {
                log.warn("Upload of dataset {} refused: the disk is full ({})", upload.name(), e.getMessage());
                throw StorageFullException.noSpace(e);
            }
            throw e;
        } finally {
            if (!stored) {
                quota.release(reserved);
            }
            ScratchnetHome.deleteTree(staging);
            synchronized (this) {
                pending.remove(upload.name());
            }
        }
    }

    /** Writes the upload's files and its manifest into {@code staging} and reads them back as start-up will. */
    private Dataset stage(DatasetUpload upload, Path staging) throws IOException {
        Files.createDirectories(staging);
        for (Map.Entry<String, MultipartFile> part : upload.parts().entrySet()) {
            ScratchnetHome.writeAtomically(staging.resolve(part.getKey()),
                    out -> part.getValue().getInputStream().transferTo(out));
        }
        Manifest manifest = upload.manifest();
        ScratchnetHome.writeAtomically(staging.resolve(UploadReader.MANIFEST),
                out -> JsonMapper.shared().writeValue(out, manifest));
        return UploadReader.read(upload.name(), staging, manifest,
                new CsvTable.Limits(limits.maxRows(), limits.maxColumns()));
    }

    private synchronized void register(String name, Dataset dataset, long onDisk) {
        datasets.put(name, dataset);
        storedBytes.put(name, onDisk);
    }

    /** Removes an uploaded dataset from memory and disk; built-in and configured ones are a 409. */
    void delete(String name) throws IOException {
        if (reserved.contains(name)) {
            throw new DatasetConflictException(name, name + " is " + (BuiltInDatasets.NAMES.contains(name)
                    ? "built in" : "configured in scratchnet.datasets.catalog")
                    + " and cannot be deleted; only uploaded datasets can");
        }
        Path target;
        Dataset removed;
        Long bytes;
        synchronized (this) {
            removed = datasets.remove(name);
            if (removed == null) {
                throw DatasetNotFoundException.notUploaded(name, datasets.keySet());
            }
            bytes = storedBytes.remove(name);
            target = folder.resolve(name);
        }
        // Renamed first, so a crash mid-delete leaves no half dataset for start-up to load.
        Path doomed = folder.resolve(DELETING + name + "-" + UUID.randomUUID());
        try {
            ScratchnetHome.moveAtomically(target, doomed);
        } catch (IOException | RuntimeException e) {
            // Still on disk, so it must stay listed; otherwise it would reappear only at the next start.
            if (Files.exists(target)) {
                synchronized (this) {
                    datasets.put(name, removed);
                    if (bytes != null) {
                        storedBytes.put(name, bytes);
                    }
                }
            }
            throw e;
        }
        if (bytes != null) {
            quota.release(bytes);
        }
        ScratchnetHome.deleteTree(doomed);
        log.info("Deleted uploaded dataset {}", name);
    }

    private long checkSize(Map<String, MultipartFile> parts) {
        long total = parts.values().stream().mapToLong(MultipartFile::getSize).sum();
        if (total > limits.maxBytes().toBytes()) {
            throw UploadRejectedException.tooLarge("The upload's files hold " + total + " bytes, more than "
                    + limits.maxBytes().toBytes() + " (scratchnet.datasets.upload.max-bytes)",
                    InvalidField.of(parts.keySet().iterator().next()));
        }
        return total;
    }

    private static long folderSize(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            long total = 0;
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                total += Files.size(path);
            }
            return total;
        }
    }

    private synchronized Path reserve(String name) {
        Path target;
        try {
            target = DatasetName.resolveInside(folder, name);
        } catch (IllegalArgumentException e) {
            throw UploadRejectedException.badRequest(e.getMessage(), new InvalidField("name", name,
                    List.of(DatasetName.PATTERN)));
        }
        if (reserved.contains(name)) {
            throw new DatasetConflictException(name, "'" + name + "' is the name of a built-in or configured "
                    + "dataset; choose another");
        }
        if (datasets.containsKey(name) || pending.contains(name) || Files.exists(target)) {
            throw new DatasetConflictException(name, "A dataset named '" + name + "' was already uploaded; "
                    + "delete it first or choose another name");
        }
        pending.add(name);
        return target;
    }

    private void loadStored() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.sorted().toList()) {
                String name = child.getFileName().toString();
                if (name.startsWith(STAGING) || name.startsWith(DELETING)) {
                    ScratchnetHome.deleteTree(child);
                } else if (DatasetName.isValid(name) && !reserved.contains(name)) {
                    loadOne(name, child);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list uploaded datasets in " + folder, e);
        }
    }

    private void loadOne(String name, Path child) {
        try {
            Manifest manifest = JsonMapper.shared().readValue(
                    Files.readAllBytes(child.resolve(UploadReader.MANIFEST)), Manifest.class);
            Dataset dataset = UploadReader.read(name, child, manifest, null);
            long bytes = folderSize(child);
            register(name, dataset, bytes);
            quota.count(bytes);
        } catch (RuntimeException | IOException e) {
            log.warn("Skipping uploaded dataset {} in {}: {}", name, child, e.getMessage());
        }
    }
}
