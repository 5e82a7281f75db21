package io.github.dl4jprojection.data;

import io.github.dl4jprojection.runtime.internal.hash.SplitMix64;

/**
 * A seeded Fisher-Yates shuffle whose result is specified exactly (unlike
 * {@link java.util.Collections#shuffle}, whose use of {@link java.util.Random} is an implementation
 * detail): step {@code k = 0, 1, ...} swaps position {@code i = n-1-k} with
 * {@code j = floor(u * (i+1) / 2^32)}, where {@code u} is the top 32 bits of
 * {@code SplitMix64.output(seed, k)}.
 */
public final class Shuffles {

    private Shuffles() {
    }

    /** Shuffles {@code a} in place with {@code seed}, as specified above. */
    public static void shuffle(int[] a, long seed) {
        for (int i = a.length - 1, k = 0; i > 0; i--, k++) {
            long u = SplitMix64.output(seed, k) >>> 32;
            int j = (int) ((u * (i + 1)) >>> 32);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The identity permutation {@code 0 .. n-1}, shuffled with {@code seed}. */
    public static int[] permutation(int n, long seed) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        shuffle(a, seed);
        return a;
    }
}
