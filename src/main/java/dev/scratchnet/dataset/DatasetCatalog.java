package dev.scratchnet.dataset;

import static org.springframework.http.HttpStatus.CONFLICT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.scratchnet.storage.ScratchnetHome;
import dev.scratchnet.storage.ScratchnetProperties;
import dev.scratchnet.storage.ScratchnetProperties.CatalogEntry;
import dev.scratchnet.storage.ScratchnetProperties.IdxFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every dataset a job can name: the built-in ones, those configured under {@code scratchnet.datasets.catalog}
 * (found in a dataset directory or downloaded) and the uploaded ones. Each is loaded once and shared.
 */
@Component
public class DatasetCatalog {

    private static final Logger log = LoggerFactory.getLogger(DatasetCatalog.class);

    private final Map<String, ConfiguredDataset> configured = new TreeMap<>();
    private final UploadedDatasets uploads;

    public DatasetCatalog(ScratchnetProperties properties, ScratchnetHome home, UploadedDatasets uploads) {
        this.uploads = uploads;
        ScratchnetProperties.Datasets datasets = properties.datasets();
        // A mirror's host is not allowed by being named: allowed-hosts is the only list of hosts contacted.
        datasets.catalog().forEach(DatasetCatalog::checkEntry);
        Downloads downloads = new Downloads(datasets.download());
        clearInterruptedDownloads(home.downloadedDatasets());
        datasets.catalog().forEach((name, entry) -> configured.put(name, new ConfiguredDataset(name, entry,
                datasets.dirs(), home.downloadedDatasets().resolve(name), downloads)));
    }

    /** A crash mid-download leaves the file absent and its temporary beside it; the next start deletes those. */
    private static void clearInterruptedDownloads(Path downloaded) {
        if (!Files.isDirectory(downloaded)) {
            return;
        }
        try (Stream<Path> folders = Files.list(downloaded)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                List<String> deleted = ScratchnetHome.deleteTemporaryFiles(folder);
                if (!deleted.isEmpty()) {
                    log.warn("Downloaded dataset {}: deleted {} left by an interrupted download",
                            folder.getFileName(), deleted);
                }
            }
        } catch (IOException e) {
            log.warn("Could not list downloaded datasets in {}: {}", downloaded, e.getMessage());
        }
    }

    /**
     * The dataset called {@code name}, loading (or downloading) it on first use. Unknown names are a 404 that lists
     * the known ones; a known dataset whose files cannot be had is a 409 (or 503 when a download failed) saying
     * where they were looked for.
     */
    public Dataset get(String name) {
        if (name.equals(BuiltInDatasets.MNIST)) {
            try {
                return BuiltInDatasets.mnist();
            } catch (UncheckedIOException | IdxFormatException | ChecksumMismatchException e) {
                throw new DatasetUnavailableException(CONFLICT, "mnist cannot be read: " + e.getMessage(),
                        List.of("classpath:" + BuiltInDatasets.MNIST_RESOURCES), e);
            }
        }
        if (BuiltInDatasets.GATES.containsKey(name)) {
            return BuiltInDatasets.logicGate(name);
        }
        ConfiguredDataset entry = configured.get(name);
        if (entry != null) {
            return entry.load();
        }
        return uploads.find(name).orElseThrow(() -> new DatasetNotFoundException(name, names()));
    }

    /** Every dataset, built-in first, then configured, then uploaded, each group by name. */
    public List<DatasetInfo> list() {
        List<DatasetInfo> infos = new ArrayList<>();
        for (String name : BuiltInDatasets.NAMES) {
            infos.add(builtIn(name));
        }
        configured.values().forEach(entry -> infos.add(entry.info()));
        uploads.all().forEach(dataset -> infos.add(DatasetInfo.of(dataset, uploads.folder(dataset.name()))));
        return infos;
    }

    /** What {@link #list()} says about one dataset, without loading it. */
    public DatasetInfo info(String name) {
        if (BuiltInDatasets.NAMES.contains(name)) {
            return builtIn(name);
        }
        ConfiguredDataset entry = configured.get(name);
        if (entry != null) {
            return entry.info();
        }
        return uploads.find(name).map(dataset -> DatasetInfo.of(dataset, uploads.folder(name)))
                .orElseThrow(() -> new DatasetNotFoundException(name, names()));
    }

    /** Names in listing order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(BuiltInDatasets.NAMES);
        names.addAll(configured.keySet());
        uploads.all().forEach(dataset -> names.add(dataset.name()));
        return names;
    }

    private static DatasetInfo builtIn(String name) {
        if (!name.equals(BuiltInDatasets.MNIST)) {
            return DatasetInfo.of(BuiltInDatasets.logicGate(name), "built in");
        }
        String location = "classpath:" + BuiltInDatasets.MNIST_RESOURCES;
        try {
            IdxLoader.Shape shape = IdxLoader.shape(BuiltInDatasets.MNIST_FILES, BuiltInDatasets.MNIST_LOCATION);
            return new DatasetInfo(name, Dataset.Source.BUILT_IN, true, shape.trainSize(), shape.testSize(),
                    shape.inputSize(), BuiltInDatasets.DIGITS.size(), BuiltInDatasets.DIGITS, location, null, null,
                    null);
        } catch (IOException | IdxFormatException e) {
            return new DatasetInfo(name, Dataset.Source.BUILT_IN, false, null, null, null,
                    BuiltInDatasets.DIGITS.size(), BuiltInDatasets.DIGITS, location, null, null, e.getMessage());
        }
    }

    /** Refuses at start-up a catalog entry that could never work or could reach outside its folders. */
    private static void checkEntry(String name, CatalogEntry entry) {
        String prefix = "scratchnet.datasets.catalog." + name + ": ";
        if (!DatasetName.isValid(name) || BuiltInDatasets.NAMES.contains(name)) {
            throw new IllegalStateException(prefix + "a catalog name must match " + DatasetName.PATTERN
                    + " and not be one of " + BuiltInDatasets.NAMES);
        }
        if (entry.classNames().size() < 2) {
            throw new IllegalStateException(prefix + "class-names must list at least two classes");
        }
        if (entry.folder() != null && !DatasetName.isRelativeInside(entry.folder())) {
            throw new IllegalStateException(prefix + "folder '" + entry.folder() + "' must be a relative path "
                    + "inside the dataset directories");
        }
        for (IdxFile file : entry.files().all()) {
            if (!DatasetName.isPlainFileName(file.name())) {
                throw new IllegalStateException(prefix + "'" + file.name() + "' must be a plain file name");
            }
            if (!entry.mirrors().isEmpty() && !Sha256.isValid(file.sha256())) {
                throw new IllegalStateException(prefix + "with mirrors, every file needs a sha256 of 64 hex digits; "
                        + file.name() + " has " + file.sha256());
            }
        }
        for (URI mirror : entry.mirrors()) {
            String scheme = mirror.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || mirror.getHost() == null) {
                throw new IllegalStateException(prefix + "mirror " + mirror + " must be an http or https URL");
            }
        }
    }

}
