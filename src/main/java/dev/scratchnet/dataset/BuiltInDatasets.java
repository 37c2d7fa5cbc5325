package dev.scratchnet.dataset;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.scratchnet.dataset.Dataset.Source;
import dev.scratchnet.storage.ScratchnetProperties.IdxFile;
import dev.scratchnet.storage.ScratchnetProperties.IdxFiles;

/**
 * The datasets every installation has, usable without Spring: MNIST from the project's resources (the original
 * 60,000 + 10,000 images, checked against their SHA-256 sums) and the four logic gates of the perceptron chapter.
 */
public final class BuiltInDatasets {

    public static final String MNIST = "mnist";

    /** The gates of DLfS ch. 2, inputs (0,0), (1,0), (0,1), (1,1) in that order, with their outputs as classes. */
    static final Map<String, int[]> GATES = Map.of(
            "and", new int[] {0, 0, 0, 1},
            "or", new int[] {0, 1, 1, 1},
            "nand", new int[] {1, 1, 1, 0},
            "xor", new int[] {0, 1, 1, 0});

    /** Names in listing order. */
    public static final List<String> NAMES = List.of(MNIST, "and", "or", "nand", "xor");

    static final List<String> DIGITS = IntStream.range(0, 10).mapToObj(Integer::toString).toList();

    static final IdxFiles MNIST_FILES = new IdxFiles(
            new IdxFile("train-images-idx3-ubyte.gz", "0b367032e93c5d0cea0925647cfdb18614af8ee15f83e6f2fc2ad904a6835971"),
            new IdxFile("train-labels-idx1-ubyte.gz", "1787548bbe0bff1ec2ecdc0ef292b02df999e2d1a6002d27500982c652b17203"),
            new IdxFile("t10k-images-idx3-ubyte.gz", "1a1a05eab793c14bb050b398624a11b0ffd1a2953baed553b1b9bd079e2a20be"),
            new IdxFile("t10k-labels-idx1-ubyte.gz", "b91679a0acfe4ba0e50a2437a903084cba1f5f92592b016a25a7dfd00455798b"));

    static final String MNIST_RESOURCES = "/datasets/mnist/";

    static final IdxLoader.Location MNIST_LOCATION = new IdxLoader.Location() {
        @Override
        public InputStream open(IdxFile file) throws IOException {
            InputStream in = BuiltInDatasets.class.getResourceAsStream(MNIST_RESOURCES + file.name());
            if (in == null) {
                throw new FileNotFoundException("classpath:" + MNIST_RESOURCES + file.name());
            }
            return in;
        }
    };

    private static volatile Dataset mnist;

    private BuiltInDatasets() {
    }

    /**
     * MNIST, loaded on first use and then shared: only the non-zero pixels are kept, as bytes (32 MB for both
     * splits). Throws {@link ChecksumMismatchException} if a resource was altered.
     */
    public static Dataset mnist() {
        Dataset loaded = mnist;
        if (loaded == null) {
            synchronized (BuiltInDatasets.class) {
                loaded = mnist;
                if (loaded == null) {
                    loaded = load(MNIST_LOCATION);
                    mnist = loaded;
                }
            }
        }
        return loaded;
    }

    /** MNIST from a folder holding the four files under their usual names, checked against the same sums. */
    public static Dataset mnist(Path folder) {
        return load(file -> Files.newInputStream(folder.resolve(file.name())));
    }

    private static Dataset load(IdxLoader.Location location) {
        try {
            return IdxLoader.load(MNIST, Source.BUILT_IN, MNIST_FILES, location, DIGITS, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read MNIST: " + e.getMessage(), e);
        }
    }

    /** A logic gate ({@code and}, {@code or}, {@code nand}, {@code xor}) as four rows; train and test are equal. */
    public static Dataset logicGate(String name) {
        int[] outputs = GATES.get(name);
        if (outputs == null) {
            throw new IllegalArgumentException("No logic gate named '" + name + "'; gates are " + GATES.keySet());
        }
        double[] inputs = {0, 0, 1, 0, 0, 1, 1, 1};
        TableSamples rows = new TableSamples(inputs, 2, outputs.clone(), 2);
        return new Dataset(name, Source.BUILT_IN, rows, rows, List.of("0", "1"), FeatureScaling.identity(2));
    }
}
