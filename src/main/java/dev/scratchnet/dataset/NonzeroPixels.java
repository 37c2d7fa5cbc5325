package dev.scratchnet.dataset;

import java.util.Arrays;

import dev.scratchnet.engine.Batch;

/**
 * Each image's non-zero pixels, in increasing position, 3 bytes each: about 80% of an MNIST image is background, so a
 * batch copied from this list skips four fifths of the bytes. The list is indexed by the parts of the inputs that
 * training splits between cores ({@link Batch#inputParts}): part k of image i is {@code position/value[start[i·parts
 * + k] .. start[i·parts + k + 1])}, so a core copies its part of an image from one contiguous run, touching only
 * that run's cache lines.
 */
record NonzeroPixels(int[] bounds, int[] start, char[] position, byte[] value) {

    /** Positions are kept as chars, two bytes. */
    static final int MAX_PIXELS = Character.MAX_VALUE + 1;

    static NonzeroPixels of(byte[] pixels, int pixelsPerImage) {
        if (pixelsPerImage > MAX_PIXELS) {
            throw new IllegalArgumentException("Expected images of at most " + MAX_PIXELS + " pixels but found "
                    + pixelsPerImage + " pixels per image");
        }
        int[] bounds = Batch.inputParts(pixelsPerImage);
        int parts = bounds.length - 1;
        int images = pixels.length / pixelsPerImage;
        int[] start = new int[Math.addExact(Math.multiplyExact(images, parts), 1)];
        int next = 0;
        for (int i = 0; i < images; i++) {
            for (int k = 0; k < parts; k++) {
                start[i * parts + k] = next;
                for (int b = i * pixelsPerImage + bounds[k]; b < i * pixelsPerImage + bounds[k + 1]; b++) {
                    next += pixels[b] != 0 ? 1 : 0;
                }
            }
        }
        start[images * parts] = next;
        char[] position = new char[next];
        byte[] value = new byte[next];
        next = 0;
        for (int i = 0; i < images; i++) {
            int base = i * pixelsPerImage;
            for (int p = 0; p < pixelsPerImage; p++) {
                if (pixels[base + p] != 0) {
                    position[next] = (char) p;
                    value[next++] = pixels[base + p];
                }
            }
        }
        return new NonzeroPixels(bounds, start, position, value);
    }

    /** Where image i's non-zero pixels begin. */
    int imageStart(int i) {
        return start[i * (bounds.length - 1)];
    }

    /** Where image i's non-zero pixels at position p or after begin. */
    int firstAt(int i, int p) {
        int parts = bounds.length - 1;
        // The parts split the pixels evenly (bounds[k] = ⌊pixels·k/parts⌋), so division finds a part that begins at or
        // before p without a search: p's own, or, when p is where the next part begins, the one before, whose run
        // then ends where p's begins.
        int part = (int) ((long) p * parts / bounds[parts]);
        if (bounds[part] == p) {
            // The end of the last part is where the next image begins.
            return start[i * parts + part];
        }
        int found = Arrays.binarySearch(position, start[i * parts + part], start[i * parts + part + 1],
                (char) p);
        return found >= 0 ? found : -found - 1;
    }
}
