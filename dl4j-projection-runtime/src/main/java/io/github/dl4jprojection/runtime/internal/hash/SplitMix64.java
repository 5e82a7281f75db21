package io.github.dl4jprojection.runtime.internal.hash;

/**
 * The SplitMix64 generator (Steele, Lea, Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014), as used by {@link java.util.SplittableRandom}: the state advances by the golden
 * gamma and each output is {@link #mix64} of the new state.
 *
 * <p>Only the stateless form is offered: {@code output(state, i)} is the {@code i}-th output
 * (0-based) of a generator started at {@code state}, so any entry of a projection can be computed
 * without running the ones before it.
 */
public final class SplitMix64 {

    /** The golden-ratio increment, 2^64 / phi rounded to odd. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix64() {
    }

    /** The {@code index}-th output (0-based) of SplitMix64 seeded with {@code state}. */
    public static long output(long state, long index) {
        return mix64(state + (index + 1) * GOLDEN_GAMMA);
    }

    /** The SplitMix64 finalizer (Stafford's "variant 13" of the MurmurHash3 fmix64). */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
