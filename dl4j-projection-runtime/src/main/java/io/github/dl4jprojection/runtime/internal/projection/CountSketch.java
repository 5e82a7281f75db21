package io.github.dl4jprojection.runtime.internal.projection;

import io.github.dl4jprojection.runtime.internal.hash.XxHash64;
import java.util.Arrays;

/**
 * The reference count-sketch projection of the SKETCH family (docs/PROJECTION.md, "Count sketch"): a bag of hashed
 * features put into {@code B} buckets with a sign (feature hashing, Weinberger et al., ICML 2009; the count sketch of
 * Charikar, Chen and Farach-Colton, 2002), square-root weights, then scaled to unit L2 norm. Like the LSH projection
 * it stores no matrix and needs no vocabulary; unlike it, it keeps how much of each feature an input has instead of
 * the sign of a random sum, which is what the linear layer on top needs (docs/RESULTS.md, "Count sketch").
 *
 * <p>For the features {@code (u_j, w_j)} in the order given, float32 arithmetic:
 * <pre>
 *   h_j  = XXH64(le64(u_j), seed)                          (the LSH projection's base hash)
 *   b_j  = (h_j &gt;&gt;&gt; 1) mod B,   s_j = +1 when bit 0 of h_j is 0, else -1
 *   v[b] = 0;  for each j in order:  v[b_j] = v[b_j] + s_j * sqrt(w_j)
 *   n    = sqrt(v[0]^2 + v[1]^2 + ... + v[B-1]^2)           (summed in that order)
 *   x[b] = v[b] / n   when n &gt; 0, else x = v   (zeros, or values whose squares underflow)
 * </pre>
 * {@code sqrt}, {@code *}, {@code +} and {@code /} are IEEE float32 operations, each correctly rounded, so Java and
 * the emitted C give the same bits when neither contracts {@code a * b + c} into a fused multiply-add. The square root
 * tempers counts (long e-mails do not drown short cues) and the unit norm makes inputs of every length comparable;
 * both raised a linear layer's accuracy in the measurements that chose them. {@code |x[b]| <= 1}.
 *
 * <p>Immutable and thread-safe; the caller owns the output, so a call allocates nothing. Cost: one hash and one square
 * root per feature, and {@code 2B} operations for the norm.
 */
public final class CountSketch {

    /** The most buckets, as the most bits of an LSH projection. */
    public static final int MAX_BUCKETS = 1 << 16;
    /** The largest weight: a text's counts stay below it, and the squares of the sums cannot overflow float32. */
    public static final float MAX_WEIGHT = 1 << 24;

    private final int buckets;
    private final long seed;

    /**
     * @param buckets B, 1 to {@link #MAX_BUCKETS}
     * @throws IllegalArgumentException naming {@code buckets} when out of range
     */
    public CountSketch(int buckets, long seed) {
        if (buckets < 1 || buckets > MAX_BUCKETS) {
            throw new IllegalArgumentException("buckets must be 1 to " + MAX_BUCKETS + ", got " + buckets);
        }
        this.buckets = buckets;
        this.seed = seed;
    }

    /** B, the number of buckets (the width of the output). */
    public int buckets() {
        return buckets;
    }

    /** The seed of the bucket and sign hash. */
    public long seed() {
        return seed;
    }

    /**
     * Writes the sketch of {@code keys[0, count)} with {@code weights[0, count)} to {@code out[offset, offset + B)}.
     *
     * @throws IllegalArgumentException on null or short arrays, or a weight outside {@code [0, MAX_WEIGHT]}
     */
    public void project(long[] keys, float[] weights, int count, float[] out, int offset) {
        if (keys == null || weights == null || count < 0 || keys.length < count || weights.length < count) {
            throw new IllegalArgumentException("keys and weights must hold count = " + count + " values");
        }
        if (out == null || offset < 0 || out.length - offset < buckets) {
            throw new IllegalArgumentException("out must hold " + buckets + " values from offset " + offset);
        }
        Arrays.fill(out, offset, offset + buckets, 0f);
        for (int j = 0; j < count; j++) {
            float w = weights[j];
            if (!(w >= 0f && w <= MAX_WEIGHT)) {
                throw new IllegalArgumentException("weight " + j + " must be in [0, 2^24], got " + w);
            }
            long h = XxHash64.hashLong(keys[j], seed);
            // The double square root of a float rounded to float is the correctly rounded float32 square root
            // (53 >= 2 * 24 + 2 bits), which is what C's sqrtf gives.
            float root = (float) Math.sqrt(w);
            out[offset + (int) ((h >>> 1) % buckets)] += (h & 1) == 0 ? root : -root;
        }
        float sumOfSquares = 0f;
        for (int b = offset; b < offset + buckets; b++) {
            sumOfSquares += out[b] * out[b];
        }
        if (sumOfSquares > 0f) {
            float norm = (float) Math.sqrt(sumOfSquares);
            for (int b = offset; b < offset + buckets; b++) {
                out[b] /= norm;
            }
        }
    }

    @Override
    public String toString() {
        return "CountSketch{B=" + buckets + ", seed=" + seed + "}";
    }
}
