package dev.scratchnet.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A held-out split is fixed by its seed, disjoint, and never leaves a side empty. */
class HeldOutSplitTest {

    @Test
    void sameSeedSameSplitAndSidesAreDisjoint() {
        HeldOutSplit first = HeldOutSplit.of(10, 0.3, 42);
        HeldOutSplit again = HeldOutSplit.of(10, 0.3, 42);

        assertThat(first.test()).hasSize(3).isEqualTo(again.test());
        assertThat(first.train()).hasSize(7).doesNotContain(first.test());
        assertThat(HeldOutSplit.of(10, 0.3, 43).test()).isNotEqualTo(first.test());
    }

    @Test
    void bothSidesKeepAtLeastOneRow() {
        assertThat(HeldOutSplit.of(2, 0.01, 0).test()).hasSize(1);
        assertThat(HeldOutSplit.of(2, 0.99, 0).train()).hasSize(1);
        assertThatThrownBy(() -> HeldOutSplit.of(1, 0.5, 0)).hasMessageContaining("at least 2 rows");
    }
}
