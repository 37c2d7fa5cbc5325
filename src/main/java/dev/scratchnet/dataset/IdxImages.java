package dev.scratchnet.dataset;

/** The images of an IDX file: {@code count} images of rows × columns unsigned bytes, one array, row-major. */
public record IdxImages(int count, int rows, int columns, byte[] pixels) {

    public IdxImages {
        if ((long) count * rows * columns != pixels.length) {
            throw new IllegalArgumentException("Expected " + count + "×" + rows + "×" + columns + " pixels but found "
                    + pixels.length);
        }
    }

    public int pixelsPerImage() {
        return rows * columns;
    }
}
