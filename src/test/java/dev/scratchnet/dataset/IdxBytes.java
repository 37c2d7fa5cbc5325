package dev.scratchnet.dataset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** Small IDX files made by tests: a header of any magic and dimensions, then a payload. */
final class IdxBytes {

    private IdxBytes() {
    }

    static byte[] file(int magic, int[] dimensions, byte[] payload) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dimensions.length + payload.length);
        buffer.putInt(magic);
        for (int dimension : dimensions) {
            buffer.putInt(dimension);
        }
        buffer.put(payload);
        return buffer.array();
    }

    /** {@code count} images of rows × columns; pixel p of image i is (i + p) mod 256. */
    static byte[] images(int count, int rows, int columns) {
        byte[] pixels = new byte[count * rows * columns];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * columns; p++) {
                pixels[i * rows * columns + p] = (byte) (i + p);
            }
        }
        return file(IdxReader.IMAGES_MAGIC, new int[] {count, rows, columns}, pixels);
    }

    static byte[] labels(int... labels) {
        byte[] payload = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            payload[i] = (byte) labels[i];
        }
        return file(IdxReader.LABELS_MAGIC, new int[] {labels.length}, payload);
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] withoutLast(byte[] bytes, int count) {
        return Arrays.copyOf(bytes, bytes.length - count);
    }

    static byte[] plus(byte[] bytes, int... extra) {
        byte[] longer = Arrays.copyOf(bytes, bytes.length + extra.length);
        for (int k = 0; k < extra.length; k++) {
            longer[bytes.length + k] = (byte) extra[k];
        }
        return longer;
    }

    /** Writes a small MNIST-named dataset (train: n images, test: 2) of 4×3 images into {@code folder}. */
    static void writeDataset(Path folder, int trainCount, int classCount) throws IOException {
        Files.createDirectories(folder);
        int[] trainLabels = new int[trainCount];
        for (int i = 0; i < trainCount; i++) {
            trainLabels[i] = i % classCount;
        }
        Files.write(folder.resolve("train-images-idx3-ubyte.gz"), gzip(images(trainCount, 4, 3)));
        Files.write(folder.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(trainLabels)));
        Files.write(folder.resolve("t10k-images-idx3-ubyte.gz"), gzip(images(2, 4, 3)));
        Files.write(folder.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(1, 0)));
    }
}
