package dev.scratchnet.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Standardisation as scikit-learn's StandardScaler does it (population deviation, constant column → 1). */
class FeatureScalingTest {

    @Test
    void fitsMeanAndPopulationDeviationPerColumn() {
        FeatureScaling scaling = FeatureScaling.fit(new double[] {1, 5, 2, 5, 3, 5, 4, 5}, 4, 2);

        assertThat(scaling.mean()).containsExactly(2.5, 5);
        assertThat(scaling.standardDeviation()[0]).isCloseTo(Math.sqrt(1.25), within(1e-15));
        assertThat(scaling.standardDeviation()[1]).isEqualTo(1.0);
        assertThat(scaling.apply(new double[] {2.5, 7})).containsExactly(0, 2);
    }

    @Test
    void identityChangesNothing() {
        FeatureScaling identity = FeatureScaling.identity(3);

        assertThat(identity.isIdentity()).isTrue();
        assertThat(identity.apply(new double[] {0.25, 1, 7})).containsExactly(0.25, 1, 7);
    }

    @Test
    void wrongLengthIsRefused() {
        assertThatThrownBy(() -> FeatureScaling.identity(4).apply(new double[3]))
                .hasMessage("Expected 1 rows of 4 features from 0 but found 3 values");
    }
}
