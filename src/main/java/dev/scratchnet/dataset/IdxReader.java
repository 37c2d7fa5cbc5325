package dev.scratchnet.dataset;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (LeCun's MNIST format), raw or gzip-compressed: a magic number 0x0000TTDD (type TT, DD
 * dimensions), DD big-endian sizes, then the payload. Only unsigned bytes (type 0x08) are accepted: labels with one
 * dimension, images with three. Every fault is an {@link IdxFormatException} naming the file.
 */
public final class IdxReader {

    /** Magic number of a label file: unsigned bytes, one dimension. */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Magic number of an image file: unsigned bytes, three dimensions (count, rows, columns). */
    public static final int IMAGES_MAGIC = 0x00000803;

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int BUFFER = 1 << 16;
    private static final int FIRST_CHUNK = 1 << 20;
    // The largest array HotSpot allocates; a header promising more cannot be held in one array.
    private static final long MAX_PAYLOAD = Integer.MAX_VALUE - 8;

    private IdxReader() {
    }

    /** Reads a whole image file into one byte array, reading the stream to its end and closing it. */
    public static IdxImages readImages(String file, InputStream in) throws IOException {
        return read(file, in, Kind.IMAGES, (header, payload) -> new IdxImages(header.count(),
                header.dimensions()[1], header.dimensions()[2], payload));
    }

    /** Reads a whole label file of digits, refusing any label outside 0..9; closes the stream. */
    public static byte[] readLabels(String file, InputStream in) throws IOException {
        return readLabels(file, in, 10);
    }

    /** Reads a whole label file, refusing any label outside 0..classCount-1; closes the stream. */
    public static byte[] readLabels(String file, InputStream in, int classCount) throws IOException {
        return read(file, in, Kind.LABELS, (header, labels) -> {
            for (int index = 0; index < labels.length; index++) {
                int label = labels[index] & 0xFF;
                if (label >= classCount) {
                    throw new IdxFormatException(file, "label " + label + " at index " + index + " is outside 0.."
                            + (classCount - 1));
                }
            }
            return labels;
        });
    }

    /** Reads only the header of an image ({@code images} true) or label file and closes the stream. */
    static IdxHeader readHeader(String file, InputStream in, boolean images) throws IOException {
        Kind kind = images ? Kind.IMAGES : Kind.LABELS;
        try (in; InputStream data = decompressed(file, in)) {
            return readHeader(file, data, kind);
        } catch (ZipException | EOFException e) {
            throw corruptGzip(file, e);
        }
    }

    private enum Kind {
        LABELS("labels", LABELS_MAGIC), IMAGES("images", IMAGES_MAGIC);

        final String noun;
        final int magic;

        Kind(String noun, int magic) {
            this.noun = noun;
            this.magic = magic;
        }

        int dimensions() {
            return magic & 0xFF;
        }
    }

    private interface PayloadReader<T> {
        T accept(IdxHeader header, byte[] payload);
    }

    private static <T> T read(String file, InputStream in, Kind kind, PayloadReader<T> reader) throws IOException {
        try (in; InputStream data = decompressed(file, in)) {
            IdxHeader header = readHeader(file, data, kind);
            int length = (int) header.payloadBytes();
            byte[] payload = readPayload(file, data, header);
            if (data.read() != -1) {
                throw new IdxFormatException(file, "has bytes after the " + length + "-byte payload that the header ("
                        + header + ") promises");
            }
            return reader.accept(header, payload);
        } catch (ZipException | EOFException e) {
            throw corruptGzip(file, e);
        }
    }

    /**
     * Reads the payload into a buffer that grows as bytes arrive: a 12-byte file whose header promises 2 GB must cost
     * what was sent, not an OutOfMemoryError.
     */
    private static byte[] readPayload(String file, InputStream data, IdxHeader header) throws IOException {
        int length = (int) header.payloadBytes();
        byte[] payload = new byte[Math.min(length, FIRST_CHUNK)];
        int read = 0;
        while (true) {
            read += data.readNBytes(payload, read, payload.length - read);
            if (read < payload.length) {
                throw new IdxFormatException(file, "payload is " + read + " bytes but the header (" + header
                        + ") promises " + length);
            }
            if (read == length) {
                return payload;
            }
            payload = Arrays.copyOf(payload, (int) Math.min(length, 2L * payload.length));
        }
    }

    private static IdxFormatException corruptGzip(String file, IOException e) {
        return new IdxFormatException(file, "truncated or corrupt gzip data (" + e.getMessage() + ")", e);
    }

    /** The stream itself, or a gunzipping view of it when it starts with gzip's magic bytes 1f 8b. */
    private static InputStream decompressed(String file, InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, 2);
        byte[] start = pushback.readNBytes(2);
        pushback.unread(start);
        if (start.length == 2 && (start[0] & 0xFF) == 0x1F && (start[1] & 0xFF) == 0x8B) {
            return new GZIPInputStream(pushback, BUFFER);
        }
        return pushback;
    }

    private static IdxHeader readHeader(String file, InputStream in, Kind kind) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new IdxFormatException(file, "is " + magic.length + " bytes long, too short for an IDX header");
        }
        int found = bigEndian(magic, 0);
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IdxFormatException(file, String.format("magic number 0x%08X is not IDX (%s start with 0x%08X)",
                    found, kind.noun, kind.magic));
        }
        if (magic[2] != UNSIGNED_BYTE) {
            throw new IdxFormatException(file, String.format("data type 0x%02X is not unsigned byte (0x08); magic "
                    + "number 0x%08X, expected 0x%08X", magic[2] & 0xFF, found, kind.magic));
        }
        if (magic[3] != kind.dimensions()) {
            throw new IdxFormatException(file, String.format("has %d dimensions but %s have %d (magic number 0x%08X, "
                    + "expected 0x%08X)", magic[3] & 0xFF, kind.noun, kind.dimensions(), found, kind.magic));
        }
        byte[] sizes = in.readNBytes(4 * kind.dimensions());
        if (sizes.length < 4 * kind.dimensions()) {
            throw new IdxFormatException(file, "header ends after " + sizes.length + " of the "
                    + 4 * kind.dimensions() + " bytes that give its dimensions");
        }
        int[] dimensions = new int[kind.dimensions()];
        long product = 1;
        for (int k = 0; k < dimensions.length; k++) {
            dimensions[k] = bigEndian(sizes, 4 * k);
            if (dimensions[k] <= 0) {
                throw new IdxFormatException(file, "dimension " + (k + 1) + " is " + dimensions[k]
                        + ", expected a positive size");
            }
            product *= dimensions[k];
            if (product > MAX_PAYLOAD) {
                throw new IdxFormatException(file, "header promises more than " + MAX_PAYLOAD
                        + " bytes, more than one array holds");
            }
        }
        return new IdxHeader(dimensions);
    }

    private static int bigEndian(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16 | (bytes[offset + 2] & 0xFF) << 8
                | bytes[offset + 3] & 0xFF;
    }
}
