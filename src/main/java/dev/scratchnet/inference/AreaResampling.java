package dev.scratchnet.inference;

/**
 * Box-filter resampling: each target pixel is the average of the source area it covers, partial pixels weighted by
 * their overlap. Shrinking this way anti-aliases as MNIST's normalisation did; enlarging blends neighbours at edges.
 */
final class AreaResampling {

    private AreaResampling() {
    }

    /**
     * The {@code boxWidth}×{@code boxHeight} region at ({@code left}, {@code top}) of {@code source} (rows of
     * {@code sourceWidth}) resampled to {@code width}×{@code height}, row by row.
     */
    static float[] resample(float[] source, int sourceWidth, int left, int top, int boxWidth, int boxHeight,
            int width, int height) {
        Weights horizontal = Weights.of(boxWidth, width);
        Weights vertical = Weights.of(boxHeight, height);
        float[] rows = new float[boxHeight * width];
        for (int y = 0; y < boxHeight; y++) {
            int base = (top + y) * sourceWidth + left;
            for (int j = 0; j < width; j++) {
                float sum = 0f;
                for (int k = horizontal.start[j]; k < horizontal.start[j + 1]; k++) {
                    sum += source[base + horizontal.index[k]] * horizontal.weight[k];
                }
                rows[y * width + j] = sum;
            }
        }
        float[] result = new float[width * height];
        for (int i = 0; i < height; i++) {
            for (int k = vertical.start[i]; k < vertical.start[i + 1]; k++) {
                int y = vertical.index[k];
                float w = vertical.weight[k];
                for (int j = 0; j < width; j++) {
                    result[i * width + j] += rows[y * width + j] * w;
                }
            }
        }
        return result;
    }

    /** For each target pixel j, the source pixels {@code index[start[j] .. start[j+1])} it covers and their weights. */
    private record Weights(int[] start, int[] index, float[] weight) {

        static Weights of(int sourceSize, int targetSize) {
            double span = (double) sourceSize / targetSize;
            int[] start = new int[targetSize + 1];
            int[] index = new int[sourceSize + 2 * targetSize];
            float[] weight = new float[index.length];
            int count = 0;
            for (int j = 0; j < targetSize; j++) {
                double low = j * span;
                double high = Math.min(sourceSize, (j + 1) * span);
                start[j] = count;
                for (int i = (int) Math.floor(low); i < Math.ceil(high); i++) {
                    double overlap = Math.min(i + 1, high) - Math.max(i, low);
                    if (overlap > 0) {
                        index[count] = i;
                        weight[count++] = (float) (overlap / span);
                    }
                }
            }
            start[targetSize] = count;
            return new Weights(start, index, weight);
        }
    }
}
