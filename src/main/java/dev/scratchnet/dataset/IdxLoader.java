package dev.scratchnet.dataset;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.scratchnet.dataset.Dataset.Source;
import dev.scratchnet.storage.ScratchnetProperties.IdxFile;
import dev.scratchnet.storage.ScratchnetProperties.IdxFiles;

/** Turns the four files of an IDX dataset into a {@link Dataset}, wherever they are kept. */
final class IdxLoader {

    private IdxLoader() {
    }

    /** Where the files of one dataset are: a classpath folder, a directory, an upload. */
    interface Location {

        InputStream open(IdxFile file) throws IOException;

        /** How messages name the file. */
        default String describe(IdxFile file) {
            return file.name();
        }
    }

    /** Images with their labels, counts checked to agree. */
    record LabelledImages(IdxImages images, byte[] labels) {

        ImageSamples samples(int classCount) {
            return new ImageSamples(images.pixels(), images.pixelsPerImage(), labels, classCount);
        }

        int maxLabel() {
            int max = 0;
            for (byte label : labels) {
                max = Math.max(max, label & 0xFF);
            }
            return max;
        }
    }

    /** Sizes read from the image headers alone. */
    record Shape(int trainSize, int testSize, int inputSize) {
    }

    /**
     * Loads both splits, the training split on a second thread since it is six times larger. With {@code verify}
     * every file with a SHA-256 is checked while it is read.
     */
    static Dataset load(String name, Source source, IdxFiles files, Location location, List<String> classNames,
            boolean verify) throws IOException {
        CompletableFuture<LabelledImages> trainTask = CompletableFuture.supplyAsync(() -> {
            try {
                return readPair(files.trainImages(), files.trainLabels(), location, classNames.size(), verify);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            Thread thread = new Thread(task, "idx-" + name);
            thread.setDaemon(true);
            thread.start();
        });
        LabelledImages test;
        try {
            test = readPair(files.testImages(), files.testLabels(), location, classNames.size(), verify);
        } catch (IOException | RuntimeException | Error e) {
            // Wait for the training split too, so no reader is left holding its file after load has failed.
            try {
                join(trainTask);
            } catch (IOException | RuntimeException | Error trainFault) {
                e.addSuppressed(trainFault);
            }
            throw e;
        }
        LabelledImages train = join(trainTask);
        checkSameShape(train.images(), test.images(), location.describe(files.testImages()));
        return new Dataset(name, source, train.samples(classNames.size()), test.samples(classNames.size()),
                classNames, FeatureScaling.identity(train.images().pixelsPerImage()));
    }

    /** Reads an image file and its label file; a label at or above {@code classCount} is refused. */
    static LabelledImages readPair(IdxFile imagesFile, IdxFile labelsFile, Location location, int classCount,
            boolean verify) throws IOException {
        IdxImages images = read(imagesFile, location, verify, IdxReader::readImages);
        if (images.pixelsPerImage() > NonzeroPixels.MAX_PIXELS) {
            throw new IdxFormatException(location.describe(imagesFile), "images are " + images.rows() + "×"
                    + images.columns() + ", more than the " + NonzeroPixels.MAX_PIXELS + " pixels an image may have");
        }
        byte[] labels = read(labelsFile, location, verify, (file, in) -> IdxReader.readLabels(file, in, classCount));
        if (labels.length != images.count()) {
            throw new IdxFormatException(location.describe(imagesFile), "has " + images.count() + " images but "
                    + location.describe(labelsFile) + " has " + labels.length + " labels");
        }
        return new LabelledImages(images, labels);
    }

    static void checkSameShape(IdxImages train, IdxImages test, String testFile) {
        if (train.rows() != test.rows() || train.columns() != test.columns()) {
            throw new IdxFormatException(testFile, "images are " + test.rows() + "×" + test.columns()
                    + " but the training images are " + train.rows() + "×" + train.columns());
        }
    }

    /** The split sizes and input size from the two image headers, without reading any payload. */
    static Shape shape(IdxFiles files, Location location) throws IOException {
        IdxHeader train = header(files.trainImages(), location, true);
        IdxHeader test = header(files.testImages(), location, true);
        return new Shape(train.count(), test.count(), train.itemSize());
    }

    static IdxHeader header(IdxFile file, Location location, boolean images) throws IOException {
        try (InputStream in = location.open(file)) {
            return IdxReader.readHeader(location.describe(file), in, images);
        }
    }

    private interface Reader<T> {
        T read(String file, InputStream in) throws IOException;
    }

    private static <T> T read(IdxFile file, Location location, boolean verify, Reader<T> reader) throws IOException {
        String name = location.describe(file);
        try (InputStream raw = location.open(file)) {
            if (!verify || file.sha256() == null) {
                return reader.read(name, raw);
            }
            MessageDigest digest = Sha256.digest();
            InputStream digesting = new DigestInputStream(raw, digest);
            T result;
            try {
                result = reader.read(name, new FilterInputStream(digesting) {
                    @Override
                    public void close() {
                        // The digest still needs whatever the reader left unread.
                    }
                });
            } catch (IdxFormatException e) {
                // An altered file usually breaks the format too; the checksum is the more telling fault.
                digesting.transferTo(OutputStream.nullOutputStream());
                try {
                    Sha256.check(name, file.sha256(), digest);
                } catch (ChecksumMismatchException mismatch) {
                    mismatch.addSuppressed(e);
                    throw mismatch;
                }
                throw e;
            }
            digesting.transferTo(OutputStream.nullOutputStream());
            Sha256.check(name, file.sha256(), digest);
            return result;
        }
    }

    private static LabelledImages join(CompletableFuture<LabelledImages> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while loading", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException unchecked) {
                throw unchecked.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) cause;
        }
    }
}
