package dev.scratchnet.dataset;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.scratchnet.dataset.UploadReader.Format;
import dev.scratchnet.dataset.UploadReader.Manifest;
import dev.scratchnet.web.InvalidField;
import org.springframework.web.multipart.MultipartFile;

/** The fields of {@code POST /datasets} as sent; absent ones are null. Knows which combinations make an upload. */
record DatasetUpload(String name, MultipartFile file, String label, MultipartFile images, MultipartFile labels,
        MultipartFile testImages, MultipartFile testLabels, Double testFraction, Long seed) {

    static final double DEFAULT_TEST_FRACTION = 0.2;

    /**
     * The parts sent, keyed by field name, once they make one of the two forms: {@code file} with {@code label}
     * (CSV), or {@code images} and {@code labels} with optional {@code testImages} and {@code testLabels} (IDX).
     */
    Map<String, MultipartFile> parts() {
        Map<String, MultipartFile> parts = new LinkedHashMap<>();
        put(parts, UploadReader.CSV, file);
        put(parts, UploadReader.IMAGES, images);
        put(parts, UploadReader.LABELS, labels);
        put(parts, UploadReader.TEST_IMAGES, testImages);
        put(parts, UploadReader.TEST_LABELS, testLabels);
        boolean csv = parts.containsKey(UploadReader.CSV);
        boolean idx = parts.containsKey(UploadReader.IMAGES) || parts.containsKey(UploadReader.LABELS)
                || parts.containsKey(UploadReader.TEST_IMAGES) || parts.containsKey(UploadReader.TEST_LABELS);
        if (csv && idx) {
            throw UploadRejectedException.badRequest("Send either file (CSV) or images and labels (IDX), not both",
                    InvalidField.of(UploadReader.CSV));
        }
        if (!csv && !idx) {
            throw UploadRejectedException.badRequest("Send file (a CSV table) or images and labels (IDX files)",
                    InvalidField.of(UploadReader.CSV));
        }
        if (csv) {
            if (label == null || label.isBlank()) {
                throw UploadRejectedException.badRequest("A CSV upload needs label: the header of its label column",
                        InvalidField.of("label"));
            }
            return parts;
        }
        if (label != null) {
            throw UploadRejectedException.badRequest("label names a CSV column; IDX uploads carry their labels in "
                    + "the labels file", InvalidField.of("label", label));
        }
        requirePart(parts, UploadReader.IMAGES, "an IDX upload needs images and labels");
        requirePart(parts, UploadReader.LABELS, "an IDX upload needs images and labels");
        if (parts.containsKey(UploadReader.TEST_IMAGES) || parts.containsKey(UploadReader.TEST_LABELS)) {
            requirePart(parts, UploadReader.TEST_IMAGES, "testImages and testLabels go together");
            requirePart(parts, UploadReader.TEST_LABELS, "testImages and testLabels go together");
            if (testFraction != null) {
                throw UploadRejectedException.badRequest("Send either testImages and testLabels or testFraction, "
                        + "not both", InvalidField.of("testFraction", testFraction));
            }
        }
        return parts;
    }

    private static void put(Map<String, MultipartFile> parts, String field, MultipartFile part) {
        if (part != null) {
            parts.put(field, part);
        }
    }

    private static void requirePart(Map<String, MultipartFile> parts, String field, String rule) {
        if (!parts.containsKey(field)) {
            throw UploadRejectedException.badRequest("Part " + field + " is missing: " + rule,
                    InvalidField.of(field));
        }
    }

    /** How the stored upload is read back: its format, label column and held-out split. */
    Manifest manifest() {
        boolean testUploaded = testImages != null;
        Double fraction = testUploaded ? null : testFraction == null ? DEFAULT_TEST_FRACTION : testFraction;
        return new Manifest(file != null ? Format.CSV : Format.IDX, label, fraction, seed == null ? 0 : seed);
    }
}
