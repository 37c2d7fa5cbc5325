package dev.scratchnet.dataset;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Images kept as the unsigned bytes of their IDX file and scaled to [0, 1] one sample at a time (the book's
 * load_mnist(normalize=True)), so a 60,000-image set takes 47 MB rather than 376 MB of doubles. Training reads only
 * the non-zero pixels, so the first batch also lists them with their places: 3 bytes for each, about a fifth of the pixels.
 */
public final class ImageSamples implements LabelledSamples {

    private static final double[] SCALED = new double[256];

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
    /** Shared with every {@link #limit} view; filled by the first {@link #copyNonzeroFeatures}. */
    private final AtomicReference<NonzeroPixels> nonzero;

    /** Images (n × pixelsPerImage bytes) with their n labels, each below {@code classCount}. */
    public ImageSamples(byte[] pixels, int pixelsPerImage, byte[] labels, int classCount) {
        this(pixels, pixelsPerImage, labels, classCount, labels.length, new AtomicReference<>());
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

    private ImageSamples(byte[] pixels, int pixelsPerImage, byte[] labels, int classCount, int size,
            AtomicReference<NonzeroPixels> nonzero) {
        this.nonzero = nonzero;
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

    /** The non-zero pixels, from the list of where they are (for images of up to 65,536 pixels). */
    @Override
    public int copyNonzeroFeatures(int index, int[] inputs, double[] values, int offset) {
        if (pixelsPerImage > NonzeroPixels.MAX_PIXELS) {
            return LabelledSamples.super.copyNonzeroFeatures(index, inputs, values, offset);
        }
        NonzeroPixels where = nonzeroPixels();
        Objects.checkIndex(index, size);
        int from = where.start()[index];
        int count = where.start()[index + 1] - from;
        char[] position = where.position();
        byte[] value = where.value();
        for (int k = 0; k < count; k++) {
            inputs[offset + k] = position[from + k];
            values[offset + k] = SCALED[value[from + k] & 0xFF];
        }
        return count;
    }

    private NonzeroPixels nonzeroPixels() {
        NonzeroPixels where = nonzero.get();
        if (where == null) {
            synchronized (nonzero) {
                where = nonzero.get();
                if (where == null) {
                    where = NonzeroPixels.of(pixels, pixelsPerImage);
                    nonzero.set(where);
                }
            }
        }
        return where;
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
        return count == size ? this : new ImageSamples(pixels, pixelsPerImage, labels, classCount, count, nonzero);
    }
}
