package dev.scratchnet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The activation functions of DLfS ch. 3 with the figures the book prints. */
class ActivationTest {

    @Test
    void softmaxMatchesTheBook() {
        assertThat(Activation.SOFTMAX.apply(0.3, 2.9, 4.0))
                .containsExactly(new double[] {0.01821127, 0.24519181, 0.73659691}, within(1e-8));
    }

    @Test
    void softmaxOfLargeScoresStaysFinite() {
        double[] y = Activation.SOFTMAX.apply(1010, 1000, 990);

        assertThat(java.util.Arrays.stream(y).allMatch(Double::isFinite)).isTrue();
        assertThat(y[0] + y[1] + y[2]).isCloseTo(1.0, within(1e-15));
        assertThat(y[0]).isCloseTo(0.99995460, within(1e-8));
    }

    @Test
    void stepFiresOnlyAboveZero() {
        assertThat(Activation.STEP.apply(-1.0, 0.0, 1.0)).containsExactly(0.0, 0.0, 1.0);
    }

    @Test
    void sigmoidReluAndTanhMatchTheirDefinitions() {
        assertThat(Activation.SIGMOID.apply(-1.0, 1.0, 2.0)).containsExactly(
                new double[] {0.2689414213699951, 0.7310585786300049, 0.8807970779778823}, within(1e-15));
        assertThat(Activation.RELU.apply(-2.0, 0.0, 3.5)).containsExactly(0.0, 0.0, 3.5);
        assertThat(Activation.TANH.apply(0.5)[0]).isEqualTo(Math.tanh(0.5));
        assertThat(Activation.IDENTITY.apply(-7.0, 7.0)).containsExactly(-7.0, 7.0);
    }

    @Test
    void derivativesAreWrittenInTermsOfTheOutput() {
        double z = Activation.SIGMOID.apply(0.3)[0];
        double h = 1e-6;
        double numeric = (Activation.SIGMOID.apply(0.3 + h)[0] - Activation.SIGMOID.apply(0.3 - h)[0]) / (2 * h);

        assertThat(Activation.SIGMOID.derivativeFromOutput(z)).isCloseTo(numeric, within(1e-9));
        assertThat(Activation.TANH.derivativeFromOutput(Math.tanh(0.3)))
                .isCloseTo(1 / Math.pow(Math.cosh(0.3), 2), within(1e-12));
        assertThat(Activation.RELU.derivativeFromOutput(0.0)).isZero();
        assertThat(Activation.STEP.isTrainable()).isFalse();
    }

    @Test
    void apiNamesRoundTrip() {
        for (Activation activation : Activation.values()) {
            assertThat(Activation.fromApiName(activation.apiName())).isSameAs(activation);
        }
    }
}
