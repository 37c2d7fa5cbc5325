package dev.scratchnet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * xoshiro256** seeded by SplitMix64, against its reference C code as transcribed in
 * {@code src/test/resources/engine/random_state.py}, and the properties checkpoints and sampling rely on.
 */
class RandomStateTest {

    @Test
    void seedZeroMatchesTheReferenceImplementation() {
        RandomState random = new RandomState(0);

        assertThat(random.snapshot()).isEqualTo(new RandomState.Snapshot(-2152535657050944081L,
                7960286522194355700L, 487617019471545679L, -537132696929009172L, false, 0));
        assertThat(new long[] {random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong(),
            random.nextLong()}).containsExactly(-7355399402456485196L, -4652746763540216534L,
                1900383378846508768L, 7684712102626143532L, -4925340083591827879L);
        assertThat(ints(random, 6, 10)).containsExactly(5, 2, 3, 5, 5, 0, 0, 0, 3, 2);
        assertThat(random.nextDouble()).isEqualTo(0.2963652463291121);
        assertThat(random.nextDouble()).isEqualTo(0.7044359902402859);
    }

    @Test
    void seed42MatchesTheReferenceImplementation() {
        RandomState random = new RandomState(42);

        assertThat(random.nextLong()).isEqualTo(1546998764402558742L);
        assertThat(random.nextLong()).isEqualTo(6990951692964543102L);
        assertThat(random.nextLong()).isEqualTo(-5902157311460992607L);
    }

    @Test
    void sameSeedGivesTheSameSequence() {
        assertThat(draws(new RandomState(2024), 1000)).containsExactly(draws(new RandomState(2024), 1000));
        assertThat(draws(new RandomState(2025), 1000)).isNotEqualTo(draws(new RandomState(2024), 1000));
    }

    @Test
    void restoredSnapshotContinuesTheStream() {
        RandomState random = new RandomState(7);
        draws(random, 101);

        RandomState restored = RandomState.restore(random.snapshot());

        assertThat(draws(restored, 1000)).containsExactly(draws(random, 1000));
    }

    @Test
    void snapshotKeepsTheCachedSpareGaussian() {
        RandomState random = new RandomState(7);
        random.nextGaussian();

        RandomState.Snapshot snapshot = random.snapshot();
        RandomState restored = RandomState.restore(snapshot);

        assertThat(snapshot.hasSpare()).isTrue();
        assertThat(restored.nextGaussian()).isEqualTo(snapshot.spare()).isEqualTo(random.nextGaussian());
        assertThat(draws(restored, 1000)).containsExactly(draws(random, 1000));
    }

    @Test
    void allZeroStateIsRejected() {
        assertThatThrownBy(() -> new RandomState.Snapshot(0, 0, 0, 0, false, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected a xoshiro256** state with a nonzero word, found all 0");
    }

    @Test
    void nextIntStaysWithinItsBound() {
        RandomState random = new RandomState(1);
        int[] bounds = {1, 2, 3, 7, 10, 1000, (1 << 30) + 1, Integer.MAX_VALUE};
        for (int bound : bounds) {
            for (int i = 0; i < 10_000; i++) {
                assertThat(random.nextInt(bound)).isBetween(0, bound - 1);
            }
        }
    }

    @Test
    void nextIntHitsEveryValueAboutEquallyOften() {
        RandomState random = new RandomState(1);
        int[] counts = new int[10];
        for (int i = 0; i < 100_000; i++) {
            counts[random.nextInt(10)]++;
        }
        // 10 000 expected each; the standard deviation is about 95.
        assertThat(Arrays.stream(counts).boxed()).allSatisfy(count -> assertThat(count).isBetween(9_500, 10_500));
    }

    @Test
    void nextIntRejectsANonPositiveBound() {
        assertThatThrownBy(() -> new RandomState(1).nextInt(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected a positive bound, found 0");
    }

    @Test
    void nextDoubleStaysInTheUnitInterval() {
        RandomState random = new RandomState(3);
        for (int i = 0; i < 100_000; i++) {
            assertThat(random.nextDouble()).isGreaterThanOrEqualTo(0).isLessThan(1);
        }
    }

    @Test
    void gaussiansHaveMeanZeroAndVarianceOne() {
        RandomState random = new RandomState(5);
        int n = 100_000;
        double sum = 0;
        double sumOfSquares = 0;
        for (int i = 0; i < n; i++) {
            double x = random.nextGaussian();
            sum += x;
            sumOfSquares += x * x;
        }
        double mean = sum / n;
        double variance = sumOfSquares / n - mean * mean;

        // Standard errors over 100 000 draws: 0.0032 for the mean, 0.0045 for the variance.
        assertThat(mean).isCloseTo(0, within(0.02));
        assertThat(variance).isCloseTo(1, within(0.02));
    }

    @Test
    void choiceDrawsWithReplacementFromTheRange() {
        int[] chosen = new RandomState(9).choice(5, 1000);

        assertThat(chosen).hasSize(1000);
        assertThat(Arrays.stream(chosen).boxed()).allSatisfy(index -> assertThat(index).isBetween(0, 4));
        assertThat(chosen).containsExactly(new RandomState(9).choice(5, 1000));
        assertThat(Arrays.stream(chosen).distinct().count()).isEqualTo(5);
    }

    @Test
    void choiceRejectsAnEmptyPopulation() {
        assertThatThrownBy(() -> new RandomState(9).choice(0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected a population of 1 or more to choose from, found 0");
    }

    @Test
    void shuffleIsADeterministicPermutation() {
        int[] a = range(100);
        int[] b = range(100);

        new RandomState(11).shuffle(a);
        new RandomState(11).shuffle(b);

        assertThat(a).containsExactly(b).isNotEqualTo(range(100));
        assertThat(a).containsExactlyInAnyOrder(range(100));
    }

    @Test
    void shuffleMakesEveryOrderEquallyLikely() {
        // An off-by-one in Fisher-Yates (j drawn from [0, i) instead of [0, i]) never leaves an element in place.
        RandomState random = new RandomState(13);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 60_000; i++) {
            int[] a = range(3);
            random.shuffle(a);
            counts.merge(Arrays.toString(a), 1, Integer::sum);
        }

        assertThat(counts).hasSize(6);
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(9_500, 10_500));
    }

    /** A mix of every kind of draw, so a restored state is checked on all of them. */
    private static double[] draws(RandomState random, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = switch (i % 4) {
                case 0 -> random.nextLong();
                case 1 -> random.nextInt(1000);
                case 2 -> random.nextDouble();
                default -> random.nextGaussian();
            };
        }
        return values;
    }

    private static int[] ints(RandomState random, int bound, int count) {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextInt(bound);
        }
        return values;
    }

    private static int[] range(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return values;
    }
}
