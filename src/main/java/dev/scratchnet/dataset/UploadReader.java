package dev.scratchnet.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

import dev.scratchnet.dataset.Dataset.Source;
import dev.scratchnet.dataset.IdxLoader.LabelledImages;
import dev.scratchnet.storage.ScratchnetProperties.IdxFile;
import dev.scratchnet.web.InvalidField;

/**
 * Reads an upload's folder into a {@link Dataset}: each form part is stored under its field's name beside a
 * {@code dataset.json} manifest, and the same code checks a new upload and reloads it at start-up, so a dataset
 * that was accepted reads back identically (the held-out split is redrawn from its seed).
 */
final class UploadReader {

    static final String MANIFEST = "dataset.json";
    static final String CSV = "file";
    static final String IMAGES = "images";
    static final String LABELS = "labels";
    static final String TEST_IMAGES = "testImages";
    static final String TEST_LABELS = "testLabels";

    private UploadReader() {
    }

    /** How an upload is read: its format, the CSV label column, and the held-out split (null when uploaded). */
    record Manifest(Format format, String label, Double testFraction, long seed) {
    }

    enum Format {
        CSV, IDX
    }

    /** Reads the upload in {@code folder}; {@code limits} apply to new uploads and are null when reloading. */
    static Dataset read(String name, Path folder, Manifest manifest, CsvTable.Limits limits) throws IOException {
        try {
            return manifest.format() == Format.CSV ? csv(name, folder, manifest, limits)
                    : idx(name, folder, manifest, limits);
        } catch (IdxFormatException e) {
            throw UploadRejectedException.malformed(e.getMessage(), InvalidField.of(e.file()), e);
        }
    }

    private static Dataset csv(String name, Path folder, Manifest manifest, CsvTable.Limits limits)
            throws IOException {
        CsvTable table;
        try (InputStream in = Files.newInputStream(folder.resolve(CSV))) {
            table = CsvTable.read(CSV, in, manifest.label(), limits);
        }
        List<String> classNames = classNames(table.labels(), manifest.label());
        Map<String, Integer> classIndex = new HashMap<>();
        classNames.forEach(label -> classIndex.put(label, classIndex.size()));
        int[] labels = table.labels().stream().mapToInt(classIndex::get).toArray();
        HeldOutSplit split = split(table.rows(), manifest, CSV);
        int columns = table.columns();
        double[] train = HeldOutSplit.gather(table.features(), columns, split.train());
        double[] test = HeldOutSplit.gather(table.features(), columns, split.test());
        FeatureScaling scaling;
        try {
            scaling = FeatureScaling.fit(train, split.train().length, columns);
        } catch (IllegalArgumentException e) {
            throw UploadRejectedException.malformed(CSV + " cannot be standardised: " + e.getMessage(),
                    InvalidField.of(CSV), e);
        }
        scaling.applyInPlace(train, 0, split.train().length);
        scaling.applyInPlace(test, 0, split.test().length);
        return new Dataset(name, Source.UPLOADED,
                new TableSamples(train, columns, gather(labels, split.train()), classNames.size()),
                new TableSamples(test, columns, gather(labels, split.test()), classNames.size()),
                classNames, scaling);
    }

    /** The distinct labels, in numeric order when all are numbers ("2" before "10"), else in text order. */
    private static List<String> classNames(List<String> labels, String labelColumn) {
        boolean numeric = labels.stream().allMatch(UploadReader::isNumber);
        Comparator<String> order = numeric ? Comparator.comparingDouble(Double::parseDouble)
                : Comparator.naturalOrder();
        TreeSet<String> distinct = new TreeSet<>(order.thenComparing(Comparator.naturalOrder()));
        distinct.addAll(labels);
        if (distinct.size() < 2) {
            throw UploadRejectedException.malformed("label column '" + labelColumn + "' holds only " + distinct
                    + "; a classifier needs at least two classes", InvalidField.of("label", labelColumn));
        }
        return List.copyOf(distinct);
    }

    private static boolean isNumber(String text) {
        try {
            return Double.isFinite(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Dataset idx(String name, Path folder, Manifest manifest, CsvTable.Limits limits)
            throws IOException {
        IdxLoader.Location location = file -> Files.newInputStream(folder.resolve(file.name()));
        boolean testUploaded = manifest.testFraction() == null;
        if (limits != null) {
            checkImageLimits(IMAGES, location, limits);
            checkLabelLimits(LABELS, location, limits);
            if (testUploaded) {
                checkImageLimits(TEST_IMAGES, location, limits);
                checkLabelLimits(TEST_LABELS, location, limits);
            }
        }
        // IDX labels are bytes; the class count is whatever the largest label makes it.
        LabelledImages train = IdxLoader.readPair(file(IMAGES), file(LABELS), location, 256, false);
        LabelledImages test;
        if (testUploaded) {
            test = IdxLoader.readPair(file(TEST_IMAGES), file(TEST_LABELS), location, 256, false);
            IdxLoader.checkSameShape(train.images(), test.images(), TEST_IMAGES);
        } else {
            HeldOutSplit split = split(train.images().count(), manifest, IMAGES);
            test = subset(train, split.test());
            train = subset(train, split.train());
        }
        int classCount = Math.max(train.maxLabel(), test.maxLabel()) + 1;
        if (classCount < 2) {
            throw UploadRejectedException.malformed("every label is 0; a classifier needs at least two classes",
                    InvalidField.of(LABELS));
        }
        List<String> classNames = IntStream.range(0, classCount).mapToObj(Integer::toString).toList();
        return new Dataset(name, Source.UPLOADED, train.samples(classCount), test.samples(classCount), classNames,
                FeatureScaling.identity(train.images().pixelsPerImage()));
    }

    private static void checkImageLimits(String field, IdxLoader.Location location, CsvTable.Limits limits)
            throws IOException {
        IdxHeader header = IdxLoader.header(file(field), location, true);
        if (header.count() > limits.maxRows()) {
            throw UploadRejectedException.tooLarge(field + " holds " + header.count() + " images, more than "
                    + limits.maxRows() + " (scratchnet.datasets.upload.max-rows)", InvalidField.of(field));
        }
        if (header.itemSize() > limits.maxColumns()) {
            throw UploadRejectedException.tooLarge(field + " has " + header.itemSize() + " pixels per image, more "
                    + "than " + limits.maxColumns() + " (scratchnet.datasets.upload.max-columns)",
                    InvalidField.of(field));
        }
    }

    private static void checkLabelLimits(String field, IdxLoader.Location location, CsvTable.Limits limits)
            throws IOException {
        IdxHeader header = IdxLoader.header(file(field), location, false);
        if (header.count() > limits.maxRows()) {
            throw UploadRejectedException.tooLarge(field + " holds " + header.count() + " labels, more than "
                    + limits.maxRows() + " (scratchnet.datasets.upload.max-rows)", InvalidField.of(field));
        }
    }

    private static HeldOutSplit split(int rows, Manifest manifest, String field) {
        try {
            return HeldOutSplit.of(rows, manifest.testFraction(), manifest.seed());
        } catch (IllegalArgumentException e) {
            throw UploadRejectedException.malformed(field + ": " + e.getMessage(), InvalidField.of(field));
        }
    }

    private static LabelledImages subset(LabelledImages all, int[] indices) {
        IdxImages images = all.images();
        byte[] pixels = HeldOutSplit.gather(images.pixels(), images.pixelsPerImage(), indices);
        byte[] labels = HeldOutSplit.gather(all.labels(), 1, indices);
        return new LabelledImages(new IdxImages(indices.length, images.rows(), images.columns(), pixels), labels);
    }

    private static int[] gather(int[] values, int[] indices) {
        return IntStream.of(indices).map(i -> values[i]).toArray();
    }

    private static IdxFile file(String field) {
        return new IdxFile(field, null);
    }
}
