"""Expected values for RandomStateTest: xoshiro256** seeded by SplitMix64, transcribed from the reference C code
of Blackman & Vigna (prng.di.unimi.it: xoshiro256starstar.c, splitmix64.c), with Lemire's bounded integers.

Prints each 64-bit output as a signed Java long. Run with: python3 random_state.py
"""
MASK = (1 << 64) - 1


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


class Xoshiro256StarStar:
    def __init__(self, seed):
        x = seed & MASK
        self.s = []
        for _ in range(4):
            x, word = splitmix64(x)
            self.s.append(word)

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def next_int(self, bound):
        # Lemire, "Fast random integer generation in an interval", ACM TOMACS 2019, on the top 32 bits.
        m = (self.next() >> 32) * bound
        low = m & 0xFFFFFFFF
        if low < bound:
            threshold = (1 << 32) % bound
            while low < threshold:
                m = (self.next() >> 32) * bound
                low = m & 0xFFFFFFFF
        return m >> 32


def signed(x):
    return x - (1 << 64) if x >= 1 << 63 else x


for seed in (0, 42, -1):
    rng = Xoshiro256StarStar(seed)
    print(f"seed {seed}: state {[signed(w) for w in rng.s]}")
    print(f"  nextLong x5: {[signed(rng.next()) for _ in range(5)]}")
    print(f"  nextInt(6) x10: {[rng.next_int(6) for _ in range(10)]}")
    print(f"  nextDouble x2: {[repr((rng.next() >> 11) * 2.0 ** -53) for _ in range(2)]}")
