package dev.scratchnet.inference;

/**
 * A picture of a handwritten digit turned into a 28×28 input the way the MNIST digits were made (LeCun et al.):
 * grey levels, a light digit on a dark ground, the digit's bounding box scaled so its longer side is 20 pixels with
 * the aspect ratio kept and anti-aliased, then placed in a 28×28 field with its centre of mass in the middle.
 * Dark-on-light pictures (ink on paper) are recognised by their border and inverted.
 */
final class DigitImage {

    /** Side of the field: 784 inputs. */
    static final int SIDE = 28;
    /** Longer side of the digit's box after scaling. */
    static final int BOX = 20;
    /** Below this contrast between ground and brightest stroke the picture holds no digit. */
    private static final float MIN_CONTRAST = 0.1f;
    /** Levels at or below this, after stretching, are ground: paper grain and JPEG ringing. */
    private static final float NOISE = 0.1f;
    /** Levels above this count as ink for the bounding box. */
    private static final float INK = 0.2f;

    private DigitImage() {
    }

    /** The MNIST-style input, 784 values in [0, 1], of a PNG or JPEG of at most {@code maxPixels} pixels. */
    static double[] read(byte[] bytes, long maxPixels) {
        return of(ImageFile.decode(bytes, maxPixels));
    }

    static double[] of(ImageFile.Grey grey) {
        int width = grey.width();
        float[] ink = ink(grey);
        int left = width;
        int right = -1;
        int top = grey.height();
        int bottom = -1;
        for (int y = 0; y < grey.height(); y++) {
            for (int x = 0; x < width; x++) {
                if (ink[y * width + x] > INK) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        if (right < 0) {
            throw blank();
        }
        int boxWidth = right - left + 1;
        int boxHeight = bottom - top + 1;
        double scale = (double) BOX / Math.max(boxWidth, boxHeight);
        int scaledWidth = Math.max(1, (int) Math.round(boxWidth * scale));
        int scaledHeight = Math.max(1, (int) Math.round(boxHeight * scale));
        float[] digit = AreaResampling.resample(ink, width, left, top, boxWidth, boxHeight, scaledWidth,
                scaledHeight);
        return centred(digit, scaledWidth, scaledHeight);
    }

    /**
     * Light-on-dark levels stretched so the ground is 0 and the brightest stroke 1. Transparent pixels are laid on
     * the ground opposite to the strokes, so black ink on a transparent canvas reads as ink on paper.
     */
    private static float[] ink(ImageFile.Grey grey) {
        float[] levels = grey.levels().clone();
        float[] alpha = grey.alpha();
        double opaqueSum = 0;
        int opaque = 0;
        boolean transparency = false;
        for (int i = 0; i < levels.length; i++) {
            transparency |= alpha[i] < 1f;
            if (alpha[i] >= 0.5f) {
                opaqueSum += levels[i];
                opaque++;
            }
        }
        if (opaque == 0) {
            throw blank();
        }
        if (transparency) {
            float ground = opaqueSum / opaque < 0.5 ? 1f : 0f;
            for (int i = 0; i < levels.length; i++) {
                levels[i] = alpha[i] * levels[i] + (1f - alpha[i]) * ground;
            }
        }
        float border = borderMean(levels, grey.width(), grey.height());
        boolean darkOnLight = border > 0.5f;
        float ground = darkOnLight ? 1f - border : border;
        float peak = 0f;
        for (int i = 0; i < levels.length; i++) {
            levels[i] = darkOnLight ? 1f - levels[i] : levels[i];
            peak = Math.max(peak, levels[i]);
        }
        if (peak - ground < MIN_CONTRAST) {
            throw blank();
        }
        for (int i = 0; i < levels.length; i++) {
            float stretched = Math.min(1f, Math.max(0f, (levels[i] - ground) / (peak - ground)));
            levels[i] = stretched <= NOISE ? 0f : stretched;
        }
        return levels;
    }

    private static float borderMean(float[] levels, int width, int height) {
        double sum = 0;
        int count = 0;
        for (int x = 0; x < width; x++) {
            sum += levels[x] + levels[(height - 1) * width + x];
            count += 2;
        }
        for (int y = 1; y < height - 1; y++) {
            sum += levels[y * width] + levels[y * width + width - 1];
            count += 2;
        }
        return (float) (sum / count);
    }

    /** The digit placed in the 28×28 field with its centre of mass at the field's centre, brightest pixel 1. */
    private static double[] centred(float[] digit, int width, int height) {
        double mass = 0;
        double sumX = 0;
        double sumY = 0;
        float peak = 0f;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = digit[y * width + x];
                mass += v;
                sumX += v * x;
                sumY += v * y;
                peak = Math.max(peak, v);
            }
        }
        if (mass == 0) {
            throw blank();
        }
        long offsetX = Math.round((SIDE - 1) / 2.0 - sumX / mass);
        long offsetY = Math.round((SIDE - 1) / 2.0 - sumY / mass);
        double[] field = new double[SIDE * SIDE];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                long fx = x + offsetX;
                long fy = y + offsetY;
                if (fx >= 0 && fx < SIDE && fy >= 0 && fy < SIDE) {
                    field[(int) (fy * SIDE + fx)] = digit[y * width + x] / peak;
                }
            }
        }
        return field;
    }

    private static ImageRejectedException blank() {
        return ImageRejectedException.undecodable("No digit found: the image is blank or has too little contrast",
                null);
    }
}
