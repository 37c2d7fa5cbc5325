package dev.scratchnet.dataset;

import java.util.Arrays;
import java.util.Objects;

/**
 * Images kept as the unsigned bytes of their IDX file, only the non-zero ones with their places, and scaled to [0, 1]
 * one sample at a time (the book's load_mnist(normalize=True)). About four fifths of an MNIST image is background,
 * so the 60,000 training images take 27 MB rather than the IDX file's 47 MB or 376 MB of doubles; and training,
 * which skips the zeros, copies a batch from one contiguous run per image.
 */
public final class ImageSamples implements LabelledSamples {

    private static final double[] SCALED = new double[256];

    static {
        for (int value = 0; value < 256; value++) {
            SCALED[value] = value / 255.0;
        }
    }

    private final NonzeroPixels nonzero;
    private final int pixelsPerImage;
    private final byte[] labels;
    private final int classCount;
    private final int size;

    /**
     * Images (n × pixelsPerImage bytes, at most {@value NonzeroPixels#MAX_PIXELS} pixels each) with their n labels,
     * each below {@code classCount}. The array is read once and not kept.
     */
    public ImageSamples(byte[] pixels, int pixelsPerImage, byte[] labels, int classCount) {
        this(checkedNonzero(pixels, pixelsPerImage, labels, classCount), pixelsPerImage, labels, classCount,
                labels.length);
    }

    private ImageSamples(NonzeroPixels nonzero, int pixelsPerImage, byte[] labels, int classCount, int size) {
        this.nonzero = nonzero;
        this.pixelsPerImage = pixelsPerImage;
        this.labels = labels;
        this.classCount = classCount;
        this.size = size;
    }

    private static NonzeroPixels checkedNonzero(byte[] pixels, int pixelsPerImage, byte[] labels, int classCount) {
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
        return NonzeroPixels.of(pixels, pixelsPerImage);
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
        Objects.checkIndex(index, size);
        Arrays.fill(target, offset, offset + pixelsPerImage, 0.0);
        char[] position = nonzero.position();
        byte[] value = nonzero.value();
        for (int k = nonzero.imageStart(index); k < nonzero.imageStart(index + 1); k++) {
            target[offset + position[k]] = SCALED[value[k] & 0xFF];
        }
    }

    @Override
    public int copyNonzeroFeatures(int index, int firstInput, int lastInput, int[] inputs, double[] values,
            int offset) {
        Objects.checkIndex(index, size);
        Objects.checkFromToIndex(firstInput, lastInput, pixelsPerImage);
        int from = nonzero.firstAt(index, firstInput);
        int count = nonzero.firstAt(index, lastInput) - from;
        char[] position = nonzero.position();
        byte[] value = nonzero.value();
        for (int k = 0; k < count; k++) {
            inputs[offset + k] = position[from + k];
            values[offset + k] = SCALED[value[from + k] & 0xFF];
        }
        return count;
    }

    /**
     * Reads where each image's run begins, then a byte of each cache line of each run: loads that do not wait for
     * one another, so a batch's hundred images cost about one memory latency rather than a hundred.
     */
    @Override
    public void prefetchNonzeroFeatures(int[] indices, int count, int firstInput, int lastInput) {
        char[] position = nonzero.position();
        byte[] value = nonzero.value();
        int touched = 0;
        for (int i = 0; i < count; i++) {
            touched += nonzero.firstAt(indices[i], firstInput);
        }
        for (int i = 0; i < count; i++) {
            int from = nonzero.firstAt(indices[i], firstInput);
            int to = nonzero.firstAt(indices[i], lastInput);
            for (int k = from; k < to; k += 32) {
                touched += position[k] + value[k];
            }
        }
        prefetched = touched;
    }

    /** Where {@link #prefetchNonzeroFeatures} leaves what it read, so that the compiler cannot drop the reads. */
    @SuppressWarnings("unused")
    private int prefetched;

    /** Pixel {@code p} of image {@code index} as stored, 0..255. */
    public int pixel(int index, int p) {
        Objects.checkIndex(index, size);
        Objects.checkIndex(p, pixelsPerImage);
        int k = nonzero.firstAt(index, p);
        return k < nonzero.imageStart(index + 1) && nonzero.position()[k] == p ? nonzero.value()[k] & 0xFF : 0;
    }

    @Override
    public ImageSamples limit(int count) {
        if (count < 1 || count > size) {
            throw new IllegalArgumentException("A limit must be within 1.." + size + ", found " + count);
        }
        return count == size ? this : new ImageSamples(nonzero, pixelsPerImage, labels, classCount, count);
    }
}
