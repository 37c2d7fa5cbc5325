package dev.scratchnet.dataset;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Images kept as the unsigned bytes of their IDX file and scaled to [0, 1] one sample at a time (the book's
 * load_mnist(normalize=True)), so a 60,000-image set takes 47 MB rather than 376 MB of doubles.
 */
public final class ImageSamples implements LabelledSamples {

    private static final double[] SCALED = new double[256];
    private static final VarHandle EIGHT_PIXELS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    static {
        for (int value = 0; value < 256; value++) {
            SCALED[value] = value / 255.0;
        }
    }

    private final byte[] pixels;
    private final int pixelsPerImage;
    private final byte[] labels;
    private final int classCount;
    private final int size;

    /** Images (n × pixelsPerImage bytes) with their n labels, each below {@code classCount}. */
    public ImageSamples(byte[] pixels, int pixelsPerImage, byte[] labels, int classCount) {
        this(pixels, pixelsPerImage, labels, classCount, labels.length);
        if ((long) labels.length * pixelsPerImage != pixels.length) {
            throw new IllegalArgumentException("Expected " + labels.length + " images of " + pixelsPerImage
                    + " pixels to match the labels but found " + pixels.length + " pixels");
        }
        for (int index = 0; index < labels.length; index++) {
            if ((labels[index] & 0xFF) >= classCount) {
                throw new IllegalArgumentException("Label " + (labels[index] & 0xFF) + " at index " + index
                        + " is outside 0.." + (classCount - 1));
            }
        }
    }

    private ImageSamples(byte[] pixels, int pixelsPerImage, byte[] labels, int classCount, int size) {
        this.pixels = Objects.requireNonNull(pixels);
        this.pixelsPerImage = pixelsPerImage;
        this.labels = Objects.requireNonNull(labels);
        this.classCount = classCount;
        this.size = size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int inputSize() {
        return pixelsPerImage;
    }

    @Override
    public int classCount() {
        return classCount;
    }

    @Override
    public int label(int index) {
        return labels[Objects.checkIndex(index, size)] & 0xFF;
    }

    @Override
    public void copyFeatures(int index, double[] target, int offset) {
        int base = Objects.checkIndex(index, size) * pixelsPerImage;
        for (int p = 0; p < pixelsPerImage; p++) {
            target[offset + p] = SCALED[pixels[base + p] & 0xFF];
        }
    }

    /**
     * The non-zero pixels straight from the bytes. About 80% of an MNIST image is background, mostly in whole runs,
     * so eight pixels are tested at once as one long and skipped when all are zero.
     */
    @Override
    public int copyNonzeroFeatures(int index, int[] inputs, double[] values, int offset) {
        int base = Objects.checkIndex(index, size) * pixelsPerImage;
        int count = offset;
        int p = 0;
        for (; p + Long.BYTES <= pixelsPerImage; p += Long.BYTES) {
            if ((long) EIGHT_PIXELS.get(pixels, base + p) == 0L) {
                continue;
            }
            for (int b = p; b < p + Long.BYTES; b++) {
                int pixel = pixels[base + b] & 0xFF;
                inputs[count] = b;
                values[count] = SCALED[pixel];
                count += pixel != 0 ? 1 : 0;
            }
        }
        for (; p < pixelsPerImage; p++) {
            int pixel = pixels[base + p] & 0xFF;
            inputs[count] = p;
            values[count] = SCALED[pixel];
            count += pixel != 0 ? 1 : 0;
        }
        return count - offset;
    }

    /** Pixel {@code p} of image {@code index} as stored, 0..255. */
    public int pixel(int index, int p) {
        return pixels[Objects.checkIndex(index, size) * pixelsPerImage + Objects.checkIndex(p, pixelsPerImage)]
                & 0xFF;
    }

    @Override
    public ImageSamples limit(int count) {
        if (count < 1 || count > size) {
            throw new IllegalArgumentException("A limit must be within 1.." + size + ", found " + count);
        }
        return count == size ? this : new ImageSamples(pixels, pixelsPerImage, labels, classCount, count);
    }
}
