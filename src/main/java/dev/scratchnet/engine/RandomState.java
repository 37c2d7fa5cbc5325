package dev.scratchnet.engine;

/**
 * A seeded generator whose whole state can be taken and given back, so a training run resumed from a checkpoint
 * draws exactly the numbers it would have drawn (NumPy's name, np.random.RandomState). It is xoshiro256**
 * (Blackman &amp; Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 2021) seeded through
 * SplitMix64 (Steele, Lea &amp; Flood, OOPSLA 2014), as its authors recommend. Not thread-safe: one per run.
 */
public final class RandomState {

    private static final long SPLITMIX_GAMMA = 0x9E3779B97F4A7C15L;

    private long s0;
    private long s1;
    private long s2;
    private long s3;
    // Marsaglia's polar method makes normals in pairs; the second waits here for the next call.
    private boolean hasSpare;
    private double spare;

    /** Spreads {@code seed} over the 256 bits of state with SplitMix64, so nearby seeds give unrelated streams. */
    public RandomState(long seed) {
        long x = seed;
        x += SPLITMIX_GAMMA;
        s0 = splitMix(x);
        x += SPLITMIX_GAMMA;
        s1 = splitMix(x);
        x += SPLITMIX_GAMMA;
        s2 = splitMix(x);
        x += SPLITMIX_GAMMA;
        s3 = splitMix(x);
    }

    private static long splitMix(long x) {
        long z = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 64 uniformly random bits (xoshiro256**'s next). */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /**
     * A uniform integer in [0, bound), without the bias of {@code nextLong() % bound}: Lemire's multiply-and-reject
     * on the top 32 bits ("Fast random integer generation in an interval", ACM TOMACS 2019).
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("Expected a positive bound, found " + bound);
        }
        long product = (nextLong() >>> 32) * bound;
        long low = product & 0xFFFFFFFFL;
        if (low < bound) {
            // 2^32 is rarely a multiple of bound: the 2^32 mod bound lowest low words would make some results
            // one draw likelier than others, so they are drawn again.
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                product = (nextLong() >>> 32) * bound;
                low = product & 0xFFFFFFFFL;
            }
        }
        return (int) (product >>> 32);
    }

    /** A uniform double in [0, 1): the top 53 bits scaled by 2⁻⁵³, every value a multiple of 2⁻⁵³. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A standard normal deviate by Marsaglia &amp; Bray's polar method (SIAM Review 6(3), 1964). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        // StrictMath.log gives the same bits on every JVM, so a checkpoint resumes identically anywhere.
        double scale = Math.sqrt(-2 * StrictMath.log(s) / s);
        spare = v * scale;
        hasSpare = true;
        return u * scale;
    }

    /** {@code size} indices drawn from [0, n) with replacement, like {@code np.random.choice(n, size)}. */
    public int[] choice(int n, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("Expected a sample size of 0 or more, found " + size);
        }
        if (n <= 0) {
            throw new IllegalArgumentException("Expected a population of 1 or more to choose from, found " + n);
        }
        int[] chosen = new int[size];
        for (int i = 0; i < size; i++) {
            chosen[i] = nextInt(n);
        }
        return chosen;
    }

    /** Permutes {@code a} in place, every order equally likely (Fisher-Yates, Durstenfeld's form). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int swapped = a[i];
            a[i] = a[j];
            a[j] = swapped;
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(s0, s1, s2, s3, hasSpare, spare);
    }

    /** A generator that continues exactly where the one that took {@code snapshot} was. */
    public static RandomState restore(Snapshot snapshot) {
        return new RandomState(snapshot);
    }

    private RandomState(Snapshot snapshot) {
        s0 = snapshot.s0();
        s1 = snapshot.s1();
        s2 = snapshot.s2();
        s3 = snapshot.s3();
        hasSpare = snapshot.hasSpare();
        spare = snapshot.spare();
    }

    /** The whole state of a {@link RandomState}: xoshiro256**'s four words and the cached normal deviate. */
    public record Snapshot(long s0, long s1, long s2, long s3, boolean hasSpare, double spare) {

        public Snapshot {
            // xoshiro's only fixed point: from all zeros it would return 0 forever.
            if ((s0 | s1 | s2 | s3) == 0) {
                throw new IllegalArgumentException("Expected a xoshiro256** state with a nonzero word, found all 0");
            }
        }
    }
}
