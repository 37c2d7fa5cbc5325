package dev.scratchnet.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

import dev.scratchnet.model.TestModels;

/** Pictures become MNIST's 28×28 form: enlarged digits come back close to the originals, in either polarity. */
class DigitImageTest {

    private static final long BUDGET = 40_000_000;

    /** Centring by centre of mass rounds to whole pixels, so a restored digit may sit one pixel off. */
    @Test
    void enlargedMnistDigitComesBackCloseToItselfUpToAPixelsShift() {
        for (int index = 0; index < 10; index++) {
            double[] original = TestModels.testImage(index);
            byte[] png = DigitPictures.encode(DigitPictures.render(original, 200, false), "png");

            double[] restored = DigitImage.read(png, BUDGET);

            assertThat(restored).hasSize(784);
            assertThat(bestShiftedCorrelation(original, restored)).as("digit %d", index).isGreaterThan(0.85);
        }
    }

    @Test
    void largePictureIsDecodedAtMost512PixelsASideAndStillComesBackCloseToItsDigit() {
        double[] original = TestModels.testImage(0);
        byte[] png = DigitPictures.encode(DigitPictures.render(original, 3000, false), "png");

        ImageFile.Grey grey = ImageFile.decode(png, BUDGET);
        double[] restored = DigitImage.read(png, BUDGET);

        assertThat(Math.max(grey.width(), grey.height())).isBetween(256, 512);
        assertThat(bestShiftedCorrelation(original, restored)).isGreaterThan(0.85);
    }

    @Test
    void darkInkOnWhiteGivesTheSameFieldAsLightOnBlack() {
        double[] original = TestModels.testImage(3);

        double[] light = DigitImage.read(DigitPictures.encode(DigitPictures.render(original, 120, false), "png"),
                BUDGET);
        double[] dark = DigitImage.read(DigitPictures.encode(DigitPictures.render(original, 120, true), "png"),
                BUDGET);

        for (int i = 0; i < light.length; i++) {
            assertThat(dark[i]).isCloseTo(light[i], within(1e-5));
        }
    }

    @Test
    void fieldHasValuesInTheUnitIntervalWithTheDigitCentred() {
        BufferedImage canvas = new BufferedImage(300, 150, BufferedImage.TYPE_INT_RGB);
        var graphics = canvas.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, 300, 150);
        graphics.setColor(Color.BLACK);
        graphics.fillRect(20, 30, 40, 100);
        graphics.dispose();

        double[] field = DigitImage.read(DigitPictures.encode(canvas, "png"), BUDGET);

        double mass = 0;
        double sumX = 0;
        double sumY = 0;
        int rows = 0;
        for (int y = 0; y < 28; y++) {
            boolean inked = false;
            for (int x = 0; x < 28; x++) {
                double v = field[y * 28 + x];
                assertThat(v).isBetween(0.0, 1.0);
                mass += v;
                sumX += v * x;
                sumY += v * y;
                inked |= v > 0;
            }
            rows += inked ? 1 : 0;
        }
        assertThat(rows).as("the longer side is scaled to 20 pixels").isEqualTo(20);
        assertThat(sumX / mass).isCloseTo(13.5, within(0.6));
        assertThat(sumY / mass).isCloseTo(13.5, within(0.6));
    }

    @Test
    void blackStrokesOnATransparentCanvasReadAsInk() {
        BufferedImage canvas = new BufferedImage(100, 100, BufferedImage.TYPE_INT_ARGB);
        var graphics = canvas.createGraphics();
        graphics.setColor(Color.BLACK);
        graphics.fillRect(45, 10, 10, 80);
        graphics.dispose();

        double[] field = DigitImage.read(DigitPictures.encode(canvas, "png"), BUDGET);

        assertThat(field[14 * 28 + 14]).isGreaterThan(0.5);
        assertThat(field[0]).isZero();
    }

    @Test
    void blankPictureHasNoDigit() {
        BufferedImage blank = new BufferedImage(50, 50, BufferedImage.TYPE_BYTE_GRAY);

        assertThatThrownBy(() -> DigitImage.read(DigitPictures.encode(blank, "png"), BUDGET))
                .isInstanceOf(ImageRejectedException.class).hasMessageContaining("No digit");
    }

    @Test
    void pixelBudgetIsCheckedBeforeDecoding() {
        byte[] png = DigitPictures.encode(new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY), "png");

        assertThatThrownBy(() -> DigitImage.read(png, 300 * 200 - 1))
                .isInstanceOf(ImageRejectedException.class).hasMessageContaining("300×200");
    }

    private static double bestShiftedCorrelation(double[] original, double[] restored) {
        double best = -1;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                double[] shifted = new double[784];
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        int sx = x + dx;
                        int sy = y + dy;
                        if (sx >= 0 && sx < 28 && sy >= 0 && sy < 28) {
                            shifted[y * 28 + x] = restored[sy * 28 + sx];
                        }
                    }
                }
                best = Math.max(best, correlation(original, shifted));
            }
        }
        return best;
    }

    private static double correlation(double[] a, double[] b) {
        double meanA = java.util.Arrays.stream(a).average().orElseThrow();
        double meanB = java.util.Arrays.stream(b).average().orElseThrow();
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - meanA) * (b[i] - meanB);
            aa += (a[i] - meanA) * (a[i] - meanA);
            bb += (b[i] - meanB) * (b[i] - meanB);
        }
        return ab / Math.sqrt(aa * bb);
    }
}
