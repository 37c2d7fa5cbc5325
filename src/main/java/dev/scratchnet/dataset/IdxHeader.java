package dev.scratchnet.dataset;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The dimensions an IDX header declares: the item count first, then the shape of one item. */
record IdxHeader(int[] dimensions) {

    int count() {
        return dimensions[0];
    }

    /** Bytes per item: rows × columns for images, 1 for labels. */
    int itemSize() {
        int size = 1;
        for (int k = 1; k < dimensions.length; k++) {
            size *= dimensions[k];
        }
        return size;
    }

    long payloadBytes() {
        return (long) count() * itemSize();
    }

    @Override
    public String toString() {
        return Arrays.stream(dimensions).mapToObj(Integer::toString).collect(Collectors.joining("×"));
    }
}
