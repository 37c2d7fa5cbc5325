package dev.scratchnet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** The SIMD kernels and their scalar fallback compute the same sums in the same order, to the last bit. */
class LayerKernelsTest {

    @Test
    void testsRunWithTheVectorModule() {
        assertThat(LayerKernels.VECTORIZED).as("surefire's argLine adds jdk.incubator.vector").isTrue();
    }

    @Test
    void scaledRowsAgreeBitForBitAcrossWidths() {
        assumeTrue(LayerKernels.VECTORIZED, "needs --add-modules jdk.incubator.vector");
        RandomState random = new RandomState(5);
        int widths = 0;
        // Every block shape of 1 to 7 vectors of 2, 4 or 8 lanes, whole and with an overlapping last vector.
        int[] tested = {1, 3, 7, 8, 10, 16, 17, 23, 24, 31, 50, 56, 57, 64, 100, 113, 200};
        for (int n : tested) {
            double[] rows = gaussians(random, 30 * n);
            int[] index = {4, 0, 29, 17, 4, 8, 21};
            double[] value = gaussians(random, index.length);
            double[] init = gaussians(random, n);
            for (double[] start : new double[][] {init, null}) {
                double[] vectorized = gaussians(random, n + 5);
                double[] scalar = vectorized.clone();

                VectorizedKernels.addScaledRows(n, rows, index, value, 1, 6, start, vectorized, 3);
                LayerKernels.scalarAddScaledRows(n, rows, index, value, 1, 6, start, scalar, 3);

                assertThat(vectorized).as("width %d", n).containsExactly(scalar);
                double expected = start == null ? 0.0 : start[n - 1];
                for (int q = 1; q < 6; q++) {
                    expected = Math.fma(value[q], rows[index[q] * n + n - 1], expected);
                }
                assertThat(scalar[3 + n - 1]).isEqualTo(expected);
            }
            widths++;
        }
        assertThat(widths).isEqualTo(tested.length);
    }

    @Test
    void denseRowsAgreeBitForBitAndMatchTheDefinition() {
        assumeTrue(LayerKernels.VECTORIZED, "needs --add-modules jdk.incubator.vector");
        RandomState random = new RandomState(6);
        for (int n : new int[] {1, 9, 10, 16, 17, 33, 50, 100}) {
            double[] rows = gaussians(random, 3 + 12 * n);
            double[] input = gaussians(random, 14);
            double[] init = gaussians(random, n);
            double[] vectorized = new double[n];
            double[] scalar = new double[n];

            VectorizedKernels.addDenseRows(n, rows, 3, input, 2, 12, init, vectorized, 0);
            LayerKernels.scalarAddDenseRows(n, rows, 3, input, 2, 12, init, scalar, 0);

            assertThat(vectorized).containsExactly(scalar);
            double expected = init[0];
            for (int p = 0; p < 12; p++) {
                expected += input[2 + p] * rows[3 + p * n];
            }
            assertThat(scalar[0]).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    @Test
    void sigmoidAgreesBitForBitAndWithMathExpToAFewUlps() {
        assumeTrue(LayerKernels.VECTORIZED, "needs --add-modules jdk.incubator.vector");
        RandomState random = new RandomState(7);
        double[] values = new double[10_003];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian() * (i % 3 == 0 ? 300 : 8);
        }
        double[] special = {0.0, -0.0, 1e-300, -1e-300, 36.7, -36.7, 700.0, -700.0, 708.5, -708.5, 745.2, -745.2,
            1e6, -1e6, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        System.arraycopy(special, 0, values, 0, special.length);
        double[] vectorized = values.clone();
        double[] scalar = new double[values.length];

        LayerKernels.sigmoid(vectorized, 2, values.length - 3);
        for (int i = 0; i < values.length; i++) {
            scalar[i] = i < 2 || i == values.length - 1 ? values[i] : 1.0 / (1.0 + LayerKernels.exp(-values[i]));
        }

        assertThat(vectorized).containsExactly(scalar);
        for (int i = 2; i < values.length - 1; i++) {
            double book = 1.0 / (1.0 + Math.exp(-values[i]));
            if (Double.isNaN(book)) {
                assertThat(scalar[i]).isNaN();
            } else {
                // Below e^-708 (a sigmoid of 3.3e-308) the result stays at e^-708 instead of reaching 0.
                assertThat(scalar[i]).as("sigmoid(%s)", values[i]).isCloseTo(book,
                        org.assertj.core.api.Assertions.within(4 * Math.ulp(book) + Math.exp(-708)));
            }
        }
        for (double x = -708; x <= 708; x += 0.37) {
            assertThat(LayerKernels.exp(x)).as("exp(%s)", x).isCloseTo(Math.exp(x),
                    org.assertj.core.api.Assertions.within(2 * Math.ulp(Math.exp(x))));
        }
    }

    private static double[] gaussians(RandomState random, int count) {
        double[] values = new double[count];
        for (int j = 0; j < count; j++) {
            values[j] = random.nextGaussian();
        }
        return values;
    }
}
