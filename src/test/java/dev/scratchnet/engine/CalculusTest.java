package dev.scratchnet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.function.ToDoubleFunction;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/** Figures the book prints for numerical_diff, numerical_gradient and gradient_descent (DLfS ch. 4). */
class CalculusTest {

    private static final Offset<Double> BOOK = within(1e-9);
    // The book prints gradient_descent results to 8 significant digits (%.8e).
    private static final Percentage EIGHT_DIGITS = withinPercentage(5e-7);

    /** function_2 of DLfS ch. 4.3.3: x0² + x1². */
    private static final ToDoubleFunction<double[]> FUNCTION_2 = x -> x[0] * x[0] + x[1] * x[1];

    @Test
    void derivativeOfFunction1MatchesTheBook() {
        // function_1 is 0.01*x**2 + 0.1*x: the square is taken first, as Python's precedence does.
        assertThat(Calculus.numericalDiff(x -> 0.01 * (x * x) + 0.1 * x, 5))
                .isCloseTo(0.1999999999990898, BOOK);
        assertThat(Calculus.numericalDiff(x -> 0.01 * (x * x) + 0.1 * x, 10))
                .isCloseTo(0.2999999999986347, BOOK);
    }

    @Test
    void partialDerivativesOfFunction2HoldTheOtherVariableFixed() {
        assertThat(Calculus.numericalDiff(x0 -> x0 * x0 + 4.0 * 4.0, 3.0)).isCloseTo(6.00000000000378, BOOK);
        assertThat(Calculus.numericalDiff(x1 -> 3.0 * 3.0 + x1 * x1, 4.0)).isCloseTo(7.999999999999119, BOOK);
    }

    @Test
    void gradientOfFunction2MatchesTheBook() {
        assertThat(Calculus.numericalGradient(FUNCTION_2, new double[] {3.0, 4.0}))
                .containsExactly(new double[] {6, 8}, BOOK);
        assertThat(Calculus.numericalGradient(FUNCTION_2, new double[] {0.0, 2.0}))
                .containsExactly(new double[] {0, 4}, BOOK);
        assertThat(Calculus.numericalGradient(FUNCTION_2, new double[] {3.0, 0.0}))
                .containsExactly(new double[] {6, 0}, BOOK);
    }

    @Test
    void numericalGradientRestoresEveryElementExactly() {
        // 0.1 + 1e-4 - 1e-4 is not 0.1 in floating point: only keeping the original value gives it back.
        double[] x = {0.1, -0.7, 1e10};
        double[] before = x.clone();

        Calculus.numericalGradient(FUNCTION_2, x);

        assertThat(x).containsExactly(before);
    }

    @Test
    void inPlaceGradientReadsTheParametersItPerturbs() {
        double[] params = {3.0, 4.0};
        double[] gradient = new double[2];

        Calculus.numericalGradient(() -> FUNCTION_2.applyAsDouble(params), params, gradient);

        assertThat(gradient).containsExactly(new double[] {6.00000000000378, 7.999999999999119}, BOOK);
        assertThat(params).containsExactly(3.0, 4.0);
    }

    @Test
    void inPlaceGradientRejectsAnOutputOfAnotherLength() {
        assertThatThrownBy(() -> Calculus.numericalGradient(() -> 0, new double[3], new double[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected a gradient array of 3 elements to match the parameters, found 2");
    }

    @Test
    void gradientDescentWithLearningRate01ReachesTheMinimum() {
        double[] x = Calculus.gradientDescent(FUNCTION_2, new double[] {-3.0, 4.0}, 0.1, 100);

        assertThat(x[0]).isCloseTo(-6.11110793e-10, EIGHT_DIGITS);
        assertThat(x[1]).isCloseTo(8.14814391e-10, EIGHT_DIGITS);
    }

    @Test
    void gradientDescentWithLearningRate10Diverges() {
        double[] x = Calculus.gradientDescent(FUNCTION_2, new double[] {-3.0, 4.0}, 10.0, 100);

        assertThat(x[0]).isCloseTo(-2.58983747e+13, EIGHT_DIGITS);
        assertThat(x[1]).isCloseTo(-1.29524862e+12, EIGHT_DIGITS);
    }

    @Test
    void gradientDescentWithLearningRate1eMinus10BarelyMoves() {
        double[] x = Calculus.gradientDescent(FUNCTION_2, new double[] {-3.0, 4.0}, 1e-10, 100);

        assertThat(x[0]).isCloseTo(-2.99999994, EIGHT_DIGITS);
        assertThat(x[1]).isCloseTo(3.99999992, EIGHT_DIGITS);
    }

    @Test
    void gradientDescentLeavesTheStartingPointUnchanged() {
        double[] init = {-3.0, 4.0};

        Calculus.gradientDescent(FUNCTION_2, init, 0.1, 100);

        assertThat(init).containsExactly(-3.0, 4.0);
    }
}
