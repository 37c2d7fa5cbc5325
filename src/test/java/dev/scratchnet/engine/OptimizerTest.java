package dev.scratchnet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The update rules of DLfS ch. 6 (common/optimizer.py). Expected parameters come from
 * {@code src/test/resources/engine/optimizers.py}, which runs the book's classes on the same arrays.
 */
class OptimizerTest {

    // NumPy's pow and the JVM's may differ in the last bit; everything else is the same operations in order.
    private static final Offset<Double> NUMPY = within(1e-15);

    private static final double[] W = {1.0, -2.0, 0.5, 3.0};
    private static final double[] B = {0.1, -0.3};
    private static final double[][][] GRADS = {
        {{0.2, -0.4, 1.5, -0.01}, {0.05, 0.3}},
        {{-0.1, 0.3, 1.0, 0.02}, {0.0, 0.25}},
        {{0.4, -0.2, -0.5, 0.03}, {-0.05, 0.2}},
    };

    @Test
    void sgdStepsAgainstTheGradient() {
        double[][] params = run(new Sgd(0.1), 1);

        // W − 0.1·dW, by hand.
        assertThat(params[0]).containsExactly(new double[] {0.98, -1.96, 0.35, 3.001}, NUMPY);
        assertThat(params[1]).containsExactly(new double[] {0.095, -0.33}, NUMPY);
    }

    @Test
    void momentumFirstStepIsPlainSgd() {
        double[][] params = run(new Momentum(0.1), 1);

        assertThat(params[0]).containsExactly(new double[] {0.98, -1.96, 0.35, 3.001}, NUMPY);
        assertThat(params[1]).containsExactly(new double[] {0.095, -0.33}, NUMPY);
    }

    @Test
    void momentumCarriesVelocityAcrossSteps() {
        double[][] params = run(new Momentum(0.1), 3);

        assertThat(params[0]).containsExactly(
                new double[] {0.9248, -1.9285999999999999, -0.0465000000000001, 2.99591}, NUMPY);
        assertThat(params[1]).containsExactly(new double[] {0.09145, -0.4488}, NUMPY);
    }

    @Test
    void adaGradFirstStepIsAboutTheLearningRateTimesTheSign() {
        double[][] params = run(new AdaGrad(0.1), 1);

        assertThat(params[0]).containsExactly(
                new double[] {0.900000049999975, -1.9000000249999938, 0.40000000666666624, 3.09999900001}, NUMPY);
        assertThat(params[1]).containsExactly(new double[] {1.9999959999239536e-07, -0.39999996666667775}, NUMPY);
    }

    @Test
    void adaGradShrinksStepsAsSquaredGradientsAddUp() {
        double[][] params = run(new AdaGrad(0.1), 3);

        assertThat(params[0]).containsExactly(new double[] {0.8574342525031977, -1.9228609522611362,
            0.37125611288373733, 2.9303785226196335}, NUMPY);
        assertThat(params[1]).containsExactly(new double[] {0.07071077811839617, -0.5096026104339345}, NUMPY);
    }

    @Test
    void adamFirstStepIsAboutTheLearningRateTimesTheSign() {
        double[][] params = run(new Adam(0.001), 1);

        assertThat(params[0]).containsExactly(new double[] {0.9990000158111383, -1.9990000079056316,
            0.4990000021081807, 3.000999683872202}, NUMPY);
        assertThat(params[1]).containsExactly(new double[] {0.09900006324155346, -0.30099998945918555}, NUMPY);
    }

    @Test
    void adamCorrectsTheBiasOfItsMomentsOverThreeSteps() {
        double[][] params = run(new Adam(0.001), 3);

        assertThat(params[0]).containsExactly(new double[] {0.9980755754815954, -1.9986091653429225,
            0.4974777607196379, 2.9999523305513263}, NUMPY);
        assertThat(params[1]).containsExactly(new double[] {0.09841591125672224, -0.30296436245332226}, NUMPY);
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void everyOptimizerMinimisesTheSumOfSquares(OptimizerKind kind) {
        // The learning rates DLfS ch. 6 compares them with (Figure 6-8), SGD's lowered to converge on x0² + x1².
        double learningRate = switch (kind) {
            case SGD, MOMENTUM -> 0.1;
            case ADAGRAD -> 1.5;
            case ADAM -> 0.3;
        };
        Optimizer optimizer = kind.create(learningRate);
        double[][] x = {{-3.0, 4.0}};

        for (int step = 0; step < 300; step++) {
            optimizer.update(x, new double[][] {{2 * x[0][0], 2 * x[0][1]}});
        }

        assertThat(Math.hypot(x[0][0], x[0][1])).isLessThan(1e-3);
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void restoredStateContinuesBitIdentically(OptimizerKind kind) {
        double[][] uninterrupted = params();
        Optimizer original = kind.create(0.01);
        for (int step = 0; step < 3; step++) {
            original.update(uninterrupted, GRADS[step]);
        }

        double[][] resumed = params();
        Optimizer first = kind.create(0.01);
        first.update(resumed, GRADS[0]);
        first.update(resumed, GRADS[1]);
        OptimizerState state = first.state();
        Optimizer second = kind.create(0.01);
        second.restore(state);
        second.update(resumed, GRADS[2]);

        assertArrayEquals(uninterrupted[0], resumed[0]);
        assertArrayEquals(uninterrupted[1], resumed[1]);
        assertThat(second.state()).isEqualTo(original.state());
        assertThat(second.state().step()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void stateBeforeTheFirstUpdateRestoresAFreshOptimizer(OptimizerKind kind) {
        Optimizer restored = kind.create(0.01);
        restored.update(params(), GRADS[0]);
        restored.restore(kind.create(0.01).state());
        double[][] params = params();
        restored.update(params, GRADS[0]);

        double[][] expected = params();
        kind.create(0.01).update(expected, GRADS[0]);
        assertArrayEquals(expected[0], params[0]);
        assertArrayEquals(expected[1], params[1]);
    }

    @Test
    void stateIsACopyTheOptimizerCannotChange() {
        Adam adam = new Adam(0.001);
        double[][] params = params();
        adam.update(params, GRADS[0]);
        OptimizerState state = adam.state();
        double[] firstMoment = state.buffers().get(0).clone();

        adam.update(params, GRADS[1]);
        state.buffers().get(0)[0] = 42;

        assertArrayEquals(firstMoment, state.buffers().get(0));
        assertThat(state.buffers()).hasSize(4);
    }

    @Test
    void restoreOfAnotherKindFails() {
        Momentum momentum = new Momentum(0.1);
        momentum.update(params(), GRADS[0]);

        assertThatThrownBy(() -> new Adam(0.001).restore(momentum.state()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected optimizer state of kind 'adam' but found 'momentum'");
    }

    @Test
    void restoreOfOtherShapesFails() {
        Momentum momentum = new Momentum(0.1);
        momentum.update(params(), GRADS[0]);
        OptimizerState wider = new OptimizerState("momentum", 1, List.of(new double[5], new double[2]));

        assertThatThrownBy(() -> momentum.restore(wider))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected restored velocity array 0 to hold 4 values to match the optimizer's buffers,"
                        + " found 5");
    }

    @Test
    void updateAfterRestoringOtherShapesFails() {
        AdaGrad adaGrad = new AdaGrad(0.1);
        adaGrad.restore(new OptimizerState("adagrad", 1, List.of(new double[4])));

        assertThatThrownBy(() -> adaGrad.update(params(), GRADS[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected 1 parameter arrays to match the optimizer's buffers, found 2");
    }

    @Test
    void restoreOfAdamStateWithAnOddBufferCountFails() {
        OptimizerState odd = new OptimizerState("adam", 1, List.of(new double[4], new double[2], new double[4]));

        assertThatThrownBy(() -> new Adam(0.001).restore(odd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected 2 buffers per parameter array in 'adam' state, found 3 in all");
    }

    @Test
    void updateRejectsGradientsOfOtherLengths() {
        double[][] grads = {{0.1, 0.2, 0.3}, {0.1, 0.2}};

        assertThatThrownBy(() -> new Sgd(0.1).update(params(), grads))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected gradient array 0 to hold 4 values like its parameters, found 3");
    }

    @Test
    void learningRateMustBePositive() {
        assertThatThrownBy(() -> OptimizerKind.SGD.create(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected a positive finite learning rate, found 0.0");
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void kindRoundTripsThroughItsApiName(OptimizerKind kind) {
        assertThat(OptimizerKind.fromApiName(kind.apiName())).isEqualTo(kind);
        assertThat(kind.create(0.01).state().kind()).isEqualTo(kind.apiName());
    }

    @Test
    void apiNamesAreTheJsonSpellings() {
        assertThat(OptimizerKind.values()).extracting(OptimizerKind::apiName)
                .containsExactly("sgd", "momentum", "adagrad", "adam");
        assertThatThrownBy(() -> OptimizerKind.fromApiName("rmsprop"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected an optimizer among [sgd, momentum, adagrad, adam], found 'rmsprop'");
    }

    private static double[][] run(Optimizer optimizer, int steps) {
        double[][] params = params();
        for (int step = 0; step < steps; step++) {
            optimizer.update(params, GRADS[step]);
        }
        return params;
    }

    private static double[][] params() {
        return new double[][] {W.clone(), B.clone()};
    }
}
