package dev.scratchnet.dataset;

import static org.springframework.http.HttpStatus.CONFLICT;
import static org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.scratchnet.dataset.Dataset.Source;
import dev.scratchnet.storage.ScratchnetProperties.CatalogEntry;
import dev.scratchnet.storage.ScratchnetProperties.IdxFile;

/**
 * An IDX dataset described under {@code scratchnet.datasets.catalog}: looked for in each dataset directory, then in
 * the download cache, and fetched from its mirrors on first use. Loaded once, then shared.
 */
final class ConfiguredDataset {

    private final String name;
    private final CatalogEntry entry;
    private final List<Path> searchFolders;
    private final Path downloadFolder;
    private final Downloads downloads;
    private final DownloadTracker tracker;
    private volatile Dataset loaded;
    private volatile Path loadedFrom;

    ConfiguredDataset(String name, CatalogEntry entry, List<Path> dirs, Path downloadFolder, Downloads downloads) {
        this.name = name;
        this.entry = entry;
        String folder = entry.folder() == null ? name : entry.folder();
        this.searchFolders = dirs.stream().map(dir -> dir.resolve(folder).toAbsolutePath().normalize()).toList();
        this.downloadFolder = downloadFolder;
        this.downloads = downloads;
        this.tracker = entry.mirrors().isEmpty() ? null : new DownloadTracker(entry.files().all().size());
    }

    String name() {
        return name;
    }

    private record Found(Path folder, Source source) {
    }

    DatasetInfo info() {
        Dataset dataset = loaded;
        DownloadProgress download = tracker == null ? null : tracker.snapshot();
        if (dataset != null) {
            return DatasetInfo.of(dataset, loadedFrom.toString()).withDownload(download);
        }
        Found found = locate();
        if (found == null) {
            return new DatasetInfo(name, tracker == null ? Source.DIRECTORY : Source.DOWNLOADED, false, null, null,
                    null, entry.classNames().size(), entry.classNames(), null, searchedPaths(), download,
                    tracker == null ? null : downloads.refusal(name, entry.mirrors()));
        }
        try {
            IdxLoader.Shape shape = IdxLoader.shape(entry.files(), location(found.folder()));
            return new DatasetInfo(name, found.source(), true, shape.trainSize(), shape.testSize(),
                    shape.inputSize(), entry.classNames().size(), entry.classNames(), found.folder().toString(), null,
                    download, null);
        } catch (IOException | IdxFormatException e) {
            return new DatasetInfo(name, found.source(), false, null, null, null, entry.classNames().size(),
                    entry.classNames(), found.folder().toString(), null, download, e.getMessage());
        }
    }

    /** The dataset, downloading its files first if no folder has them; a download blocks the caller. */
    synchronized Dataset load() {
        if (loaded != null) {
            return loaded;
        }
        Found found = locate();
        if (found == null) {
            if (tracker == null) {
                throw new DatasetUnavailableException(CONFLICT, name + " is not available: its files ("
                        + String.join(", ", fileNames()) + ") are in none of " + searchedPaths(), searchedPaths(),
                        null);
            }
            String refusal = downloads.refusal(name, entry.mirrors());
            if (refusal != null) {
                throw new DatasetUnavailableException(CONFLICT, name + " is not available: its files ("
                        + String.join(", ", fileNames()) + ") are in none of " + searchedPaths() + ", and "
                        + refusal, searchedPaths(), null);
            }
            try {
                downloads.fetch(name, entry.mirrors(), entry.files().all(), downloadFolder, tracker);
            } catch (IOException e) {
                throw new DatasetUnavailableException(SERVICE_UNAVAILABLE, e.getMessage(), searchedPaths(), e);
            }
            found = new Found(downloadFolder, Source.DOWNLOADED);
        }
        try {
            // Downloaded files are checked again: the cache is on disk and could have changed since.
            loaded = IdxLoader.load(name, found.source(), entry.files(), location(found.folder()),
                    entry.classNames(), found.source() == Source.DOWNLOADED);
            loadedFrom = found.folder();
            return loaded;
        } catch (IOException | IdxFormatException | ChecksumMismatchException e) {
            throw new DatasetUnavailableException(CONFLICT, name + " cannot be read: " + e.getMessage(),
                    List.of(found.folder().toString()), e);
        }
    }

    private Found locate() {
        for (Path folder : searchFolders) {
            if (hasAllFiles(folder)) {
                return new Found(folder, Source.DIRECTORY);
            }
        }
        return hasAllFiles(downloadFolder) ? new Found(downloadFolder, Source.DOWNLOADED) : null;
    }

    private boolean hasAllFiles(Path folder) {
        return entry.files().all().stream().allMatch(file -> resolve(folder, file) != null);
    }

    /** The file in {@code folder}, also accepted gunzipped (or gzipped): people often unpack these. */
    private static Path resolve(Path folder, IdxFile file) {
        Path exact = folder.resolve(file.name());
        if (Files.isRegularFile(exact)) {
            return exact;
        }
        String name = file.name();
        Path other = folder.resolve(name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name + ".gz");
        return Files.isRegularFile(other) ? other : null;
    }

    private IdxLoader.Location location(Path folder) {
        return new IdxLoader.Location() {
            @Override
            public InputStream open(IdxFile file) throws IOException {
                Path path = resolve(folder, file);
                if (path == null) {
                    throw new FileNotFoundException(folder.resolve(file.name()).toString());
                }
                return Files.newInputStream(path);
            }

            @Override
            public String describe(IdxFile file) {
                Path path = resolve(folder, file);
                return (path == null ? folder.resolve(file.name()) : path).toString();
            }
        };
    }

    private List<String> fileNames() {
        return entry.files().all().stream().map(IdxFile::name).toList();
    }

    List<String> searchedPaths() {
        return Stream.concat(searchFolders.stream(), Stream.of(downloadFolder))
                .map(Path::toString).toList();
    }
}
