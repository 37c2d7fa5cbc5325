package dev.scratchnet.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import dev.scratchnet.engine.MultiLayerNet;
import dev.scratchnet.engine.Weights;
import dev.scratchnet.engine.npz.WeightsFile;
import dev.scratchnet.storage.CrashSwitch;
import dev.scratchnet.storage.CrashSwitch.Step;
import dev.scratchnet.storage.CrashSwitch.Write;
import dev.scratchnet.storage.ScratchnetHome;
import dev.scratchnet.storage.StorageQuota;
import dev.scratchnet.storage.StorageSpace;

/**
 * The saved models, one folder each under {@code home/models/{id}/} holding {@code model.json} and
 * {@code weights.npz}. A model is staged in a hidden folder and renamed into place, so a crash leaves it whole or
 * absent; the latest model is the one registered last, and swapping to it is a single reference write, so
 * predictions never see half a model. A full disk refuses a new model (507) and leaves the latest one serving; the
 * weights of uploaded models (those no job trained) count against {@code scratchnet.limits.stored-models}.
 */
@Component
public class ModelRegistry {

    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);
    private static final String STAGING = ".staging-";
    static final String DESCRIPTION = "model.json";
    static final String WEIGHTS = "weights.npz";

    private final Path folder;
    private final StorageSpace space;
    private final StorageQuota uploads;
    private final Map<String, LoadedModel> models = new ConcurrentHashMap<>();
    private volatile LoadedModel latest;
    private long sequence;

    /** A registry with the documented free-space floor and quota. */
    public ModelRegistry(ScratchnetHome home) {
        this(home, StorageSpace.defaults(home.root()));
    }

    @Autowired
    public ModelRegistry(ScratchnetHome home, StorageSpace space) {
        this.folder = home.root().resolve("models");
        this.space = space;
        this.uploads = space.uploadedModels();
        loadAll();
    }

    /** A model with its network, ready to predict: the pair a prediction holds on to while a swap happens. */
    public record LoadedModel(SavedModel model, MultiLayerNet network) {
    }

    /**
     * Saves a model durably and makes it the latest; returns its description. A {@code StorageFullException} (507)
     * when the disk is full or an uploaded model would pass its quota: nothing is saved and the latest model stays.
     */
    public synchronized SavedModel publish(NewModel model) {
        long next = sequence + 1;
        String id = "m" + next + "-" + Long.toString(System.nanoTime() & 0xFFFFFF, 36);
        Path staging = folder.resolve(STAGING + id);
        boolean uploaded = model.jobId() == null;
        long reserved = 0;
        boolean registered = false;
        try {
            space.require(estimatedBytes(model.weights()));
            ScratchnetHome.createDirectories(staging);
            Path weightsFile = staging.resolve(WEIGHTS);
            ScratchnetHome.writeAtomically(weightsFile, out -> WeightsFile.write(model.weights(), out));
            if (uploaded) {
                long size = Files.size(weightsFile);
                uploads.reserve(size);
                reserved = size;
            }
            SavedModel saved = new SavedModel(id, next, model.architecture(), model.loss(), model.dataset(),
                    model.classNames(), model.scaling(), model.jobId(), model.metrics(), Instant.now(),
                    Files.size(weightsFile), sha256(weightsFile));
            ScratchnetHome.writeAtomically(staging.resolve(DESCRIPTION), Write.MODEL,
                    out -> out.write(JsonMapper.shared().writeValueAsBytes(saved)));
            ScratchnetHome.moveAtomically(staging, folder.resolve(id), Write.MODEL);
            LoadedModel loaded = new LoadedModel(saved,
                    MultiLayerNet.of(model.architecture(), model.loss(), model.weights()));
            models.put(id, loaded);
            sequence = next;
            latest = loaded;
            registered = true;
            log.info("Registered model {} ({} on {}, job {})", id, model.architecture().sizes(), model.dataset(),
                    model.jobId());
            CrashSwitch.reached(Write.MODEL, Step.BEFORE_ANSWER);
            return saved;
        } catch (IOException e) {
            log.warn("Could not save model {}: {}", id, e.getMessage());
            throw StorageSpace.fullOr(e, new UncheckedIOException("Could not save model " + id + ": "
                    + e.getMessage(), e));
        } finally {
            if (!registered) {
                uploads.release(reserved);
            }
            ScratchnetHome.deleteTree(staging);
        }
    }

    /** The size of weights.npz before it is written: float64 values, plus a little for the archive's headers. */
    private static long estimatedBytes(Weights weights) {
        long values = 0;
        for (Weights.Layer layer : weights.layers()) {
            values += layer.weights().length + layer.biases().length;
        }
        return values * Double.BYTES + 4096L * weights.layers().size();
    }

    public Optional<LoadedModel> get(String id) {
        return Optional.ofNullable(models.get(id));
    }

    /** The model registered last, which predictions use by default. */
    public Optional<LoadedModel> latest() {
        return Optional.ofNullable(latest);
    }

    /** Every model, newest first. */
    public List<SavedModel> list() {
        return models.values().stream().map(LoadedModel::model)
                .sorted(Comparator.comparingLong(SavedModel::sequence).reversed()).toList();
    }

    /** The weights file of a model, as it was saved. */
    public Path weightsFile(String id) {
        return folder.resolve(id).resolve(WEIGHTS);
    }

    /** Removes a model; the latest becomes the one registered before it. Returns false if there was none. */
    public synchronized boolean delete(String id) {
        LoadedModel removed = models.remove(id);
        if (removed == null) {
            return false;
        }
        Path target = folder.resolve(id);
        Path doomed = folder.resolve(STAGING + "deleted-" + id);
        try {
            ScratchnetHome.moveAtomically(target, doomed);
        } catch (IOException e) {
            models.put(id, removed);
            throw new UncheckedIOException("Could not delete model " + id + ": " + e.getMessage(), e);
        }
        if (removed.model().jobId() == null) {
            uploads.release(removed.model().sizeBytes());
        }
        ScratchnetHome.deleteTree(doomed);
        latest = models.values().stream().max(Comparator.comparingLong(m -> m.model().sequence())).orElse(null);
        return true;
    }

    private void loadAll() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (name.startsWith(STAGING)) {
                    log.warn("Deleting {}, left in the models folder by an interrupted publish or delete", name);
                    ScratchnetHome.deleteTree(child);
                } else if (Files.isDirectory(child)) {
                    loadOne(child);
                } else {
                    log.warn("Ignoring stray file {} in the models folder", child);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the models folder " + folder, e);
        }
        latest = models.values().stream().max(Comparator.comparingLong(m -> m.model().sequence())).orElse(null);
        sequence = latest == null ? 0 : latest.model().sequence();
    }

    private void loadOne(Path child) {
        try {
            SavedModel saved = JsonMapper.shared().readValue(Files.readAllBytes(child.resolve(DESCRIPTION)),
                    SavedModel.class);
            Path weightsFile = child.resolve(WEIGHTS);
            String checksum = sha256(weightsFile);
            if (!checksum.equals(saved.weightsSha256())) {
                log.warn("Skipping model {}: weights.npz has SHA-256 {} but {} was saved", child.getFileName(),
                        checksum, saved.weightsSha256());
                return;
            }
            Weights weights = WeightsFile.read(weightsFile);
            models.put(saved.id(), new LoadedModel(saved, MultiLayerNet.of(saved.architecture(), saved.loss(),
                    weights)));
            if (saved.jobId() == null) {
                uploads.count(saved.sizeBytes());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Skipping model {}: {}", child.getFileName(), e.getMessage());
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

}
