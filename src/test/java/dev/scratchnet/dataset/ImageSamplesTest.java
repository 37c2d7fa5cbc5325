package dev.scratchnet.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.scratchnet.engine.Batch;

/** Bytes scaled on copy, one-hot labels and prefix views without copying. */
class ImageSamplesTest {

    private final ImageSamples samples = new ImageSamples(new byte[] {0, (byte) 255, 51, (byte) 204, 1, 2},
            2, new byte[] {2, 0, 1}, 3);

    @Test
    void copyScalesBytesToUnitIntervalAtTheOffset() {
        double[] target = {-1, -1, -1, -1};

        samples.copyFeatures(1, target, 1);

        assertThat(target).containsExactly(-1, 0.2, 0.8, -1);
        samples.copyFeatures(0, target, 0);
        assertThat(target).as("zeros are written, not skipped").containsExactly(0, 1, 0.8, -1);
    }

    @Test
    void pixelsReadBackAsStoredZerosIncluded() {
        assertThat(samples.pixel(0, 0)).isZero();
        assertThat(samples.pixel(0, 1)).isEqualTo(255);
        assertThat(samples.pixel(2, 0)).isEqualTo(1);
        assertThatThrownBy(() -> samples.pixel(0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void oneHotMarksTheLabel() {
        assertThat(samples.oneHot(0)).containsExactly(0, 0, 1);
        double[] rows = {9, 9, 9, 9, 9, 9};
        samples.copyOneHot(2, rows, 3);
        assertThat(rows).containsExactly(9, 9, 9, 0, 1, 0);
    }

    @Test
    void limitSharesStorageAndHidesTheRest() {
        ImageSamples first = samples.limit(2);

        assertThat(first.size()).isEqualTo(2);
        assertThat(first.pixel(1, 1)).isEqualTo(204);
        assertThatThrownBy(() -> first.label(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> samples.limit(4)).hasMessage("A limit must be within 1..3, found 4");
    }

    @Test
    void labelAtOrAboveClassCountIsRefused() {
        assertThatThrownBy(() -> new ImageSamples(new byte[2], 1, new byte[] {0, 3}, 3))
                .hasMessage("Label 3 at index 1 is outside 0..2");
    }

    @Test
    void nonzeroPixelsOfThePartsOfAnImageAddUpToItsWholeRow() {
        ImageSamples test = (ImageSamples) BuiltInDatasets.mnist().test();
        int[] bounds = {0, 1, 196, 392, 600, 783, 784};
        for (int index = 0; index < 1000; index++) {
            int[] inputs = new int[784];
            double[] values = new double[784];
            int count = test.copyNonzeroFeatures(index, 0, 784, inputs, values, 0);
            int[] partInputs = new int[784];
            double[] partValues = new double[784];
            int next = 0;
            for (int k = 0; k + 1 < bounds.length; k++) {
                next += test.copyNonzeroFeatures(index, bounds[k], bounds[k + 1], partInputs, partValues, next);
            }
            assertThat(next).isEqualTo(count);
            assertThat(partInputs).isEqualTo(inputs);
            assertThat(partValues).isEqualTo(values);
        }
    }

    @Test
    void nonzeroPixelsOfAnyRangeMatchTheDenseRowWhenThePartsSplitUnevenly() {
        // 501 pixels make two parts, from 0 and 250: 250·2/501 < 1, so dividing lands on the part before.
        int pixels = 501;
        assertThat(Batch.inputParts(pixels)).containsExactly(0, 250, 501);
        byte[] bytes = new byte[3 * pixels];
        Random random = new Random(3);
        for (int b = 0; b < bytes.length; b++) {
            bytes[b] = random.nextInt(3) == 0 ? (byte) (1 + random.nextInt(255)) : 0;
        }
        ImageSamples images = new ImageSamples(bytes, pixels, new byte[] {0, 1, 2}, 3);
        double[] dense = new double[pixels];
        for (int index = 0; index < 3; index++) {
            images.copyFeatures(index, dense, 0);
            for (int first : new int[] {0, 1, 249, 250, 251, 499, 500, 501}) {
                for (int last : new int[] {first, Math.min(pixels, first + 1), 250, pixels}) {
                    if (last < first) {
                        continue;
                    }
                    int[] inputs = new int[pixels];
                    double[] values = new double[pixels];
                    int count = images.copyNonzeroFeatures(index, first, last, inputs, values, 0);
                    int next = 0;
                    for (int p = first; p < last; p++) {
                        if (dense[p] != 0.0) {
                            assertThat(inputs[next]).as("image %d, [%d, %d)", index, first, last).isEqualTo(p);
                            assertThat(values[next++]).isEqualTo(dense[p]);
                        }
                    }
                    assertThat(count).as("image %d, [%d, %d)", index, first, last).isEqualTo(next);
                }
            }
        }
    }

    @Test
    void nonzeroPixelsMatchTheDenseRowForEveryTestImage() {
        ImageSamples test = (ImageSamples) BuiltInDatasets.mnist().test();
        int[] inputs = new int[784 + 3];
        double[] values = new double[784 + 3];
        double[] dense = new double[784];
        for (int index = 0; index < test.size(); index++) {
            int count = test.copyNonzeroFeatures(index, 0, 784, inputs, values, 3);
            test.copyFeatures(index, dense, 0);
            int next = 3;
            for (int p = 0; p < dense.length; p++) {
                if (dense[p] != 0.0) {
                    assertThat(inputs[next]).isEqualTo(p);
                    assertThat(values[next++]).isEqualTo(dense[p]);
                }
            }
            assertThat(count).as("image %d", index).isEqualTo(next - 3);
        }
    }
}
