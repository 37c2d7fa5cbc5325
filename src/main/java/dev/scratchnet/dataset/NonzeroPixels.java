package dev.scratchnet.dataset;

/**
 * Each image's non-zero pixels: image i's are {@code position/value[start[i] .. start[i+1])}, in increasing position,
 * 3 bytes each. About 80% of an MNIST image is background, so a batch copied from this list skips four fifths of the
 * bytes; and since batches pick images at random, one contiguous run per image costs few cache misses.
 */
record NonzeroPixels(int[] start, char[] position, byte[] value) {

    /** Positions are kept as chars, two bytes. */
    static final int MAX_PIXELS = Character.MAX_VALUE + 1;

    static NonzeroPixels of(byte[] pixels, int pixelsPerImage) {
        if (pixelsPerImage > MAX_PIXELS) {
            throw new IllegalArgumentException("Expected images of at most " + MAX_PIXELS + " pixels but found "
                    + pixelsPerImage + " pixels per image");
        }
        int images = pixels.length / pixelsPerImage;
        int[] start = new int[images + 1];
        for (int i = 0; i < images; i++) {
            int count = 0;
            for (int b = i * pixelsPerImage; b < (i + 1) * pixelsPerImage; b++) {
                count += pixels[b] != 0 ? 1 : 0;
            }
            start[i + 1] = start[i] + count;
        }
        char[] position = new char[start[images]];
        byte[] value = new byte[start[images]];
        int next = 0;
        for (int i = 0; i < images; i++) {
            int base = i * pixelsPerImage;
            for (int p = 0; p < pixelsPerImage; p++) {
                if (pixels[base + p] != 0) {
                    position[next] = (char) p;
                    value[next++] = pixels[base + p];
                }
            }
        }
        return new NonzeroPixels(start, position, value);
    }
}
