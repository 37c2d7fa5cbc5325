package dev.scratchnet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Figures the book prints for sum_squares_error and cross_entropy_error with t = one-hot(2) (DLfS ch. 4). */
class LossTest {

    private static final double[] ONE_HOT_2 = {0, 0, 1, 0, 0, 0, 0, 0, 0, 0};
    private static final double[] GUESS_2 = {0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0};
    private static final double[] GUESS_7 = {0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0};

    @Test
    void sumOfSquaresOfConfidentCorrectGuess() {
        assertThat(Loss.SUM_SQUARES.error(GUESS_2, ONE_HOT_2)).isCloseTo(0.0975, within(1e-9));
    }

    @Test
    void sumOfSquaresOfWrongGuess() {
        assertThat(Loss.SUM_SQUARES.error(GUESS_7, ONE_HOT_2)).isCloseTo(0.5975, within(1e-9));
    }

    @Test
    void crossEntropyOfConfidentCorrectGuess() {
        assertThat(Loss.CROSS_ENTROPY.error(GUESS_2, ONE_HOT_2)).isCloseTo(0.510825457099338, within(1e-12));
    }

    @Test
    void crossEntropyOfWrongGuess() {
        assertThat(Loss.CROSS_ENTROPY.error(GUESS_7, ONE_HOT_2)).isCloseTo(2.302584092994546, within(1e-12));
    }

    @Test
    void batchErrorIsTheSameForOneHotTargetsAndIndexLabels() {
        double[][] y = {GUESS_2, GUESS_7, {0.2, 0.2, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05}};
        double[] oneHot7 = new double[10];
        oneHot7[7] = 1;
        double[] oneHot0 = new double[10];
        oneHot0[0] = 1;
        double[][] t = {ONE_HOT_2, oneHot7, oneHot0};
        int[] labels = {2, 7, 0};

        for (Loss loss : Loss.values()) {
            assertThat(loss.error(y, labels)).as(loss.apiName()).isCloseTo(loss.error(y, t), within(1e-15));
        }
        assertThat(Loss.CROSS_ENTROPY.error(y, labels))
                .isCloseTo((0.510825457099338 + 0.510825457099338 + 1.6094374124342252) / 3, within(1e-12));
    }
}
