package io.github.dl4jprojection.runtime.internal.text;

import io.github.dl4jprojection.runtime.text.FeatureWeighting;
import java.util.Arrays;

/**
 * The features of one text as an immutable value: distinct 64-bit feature hashes in order of first
 * occurrence, their counts and the weights the projection uses (docs/TEXT.md, "Feature bag").
 * Produced by the allocating {@link TextFeaturizer#featurize(CharSequence)}.
 */
public final class FeatureBag {

    private final long[] keys;
    private final int[] counts;
    private final FeatureWeighting weighting;

    FeatureBag(long[] keys, int[] counts, FeatureWeighting weighting) {
        this.keys = keys;
        this.counts = counts;
        this.weighting = weighting;
    }

    /** The number of distinct features. */
    public int size() {
        return keys.length;
    }

    /** The hash of feature {@code i}. */
    public long key(int i) {
        return keys[i];
    }

    /** How often feature {@code i} occurred. */
    public int count(int i) {
        return counts[i];
    }

    /** A copy of the hashes, in order of first occurrence. */
    public long[] keys() {
        return keys.clone();
    }

    /** A copy of the counts, parallel to {@link #keys()}. */
    public int[] counts() {
        return counts.clone();
    }

    /** The projection weights: the counts, or all 1 for {@link FeatureWeighting#BINARY}. */
    public float[] weights() {
        float[] w = new float[keys.length];
        TextFeaturizer.weights(weighting, counts, keys.length, w);
        return w;
    }

    /** The total number of feature occurrences. */
    public long totalCount() {
        long t = 0;
        for (int c : counts) {
            t += c;
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FeatureBag)) {
            return false;
        }
        FeatureBag b = (FeatureBag) o;
        return Arrays.equals(keys, b.keys) && Arrays.equals(counts, b.counts) && weighting == b.weighting;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(keys) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "FeatureBag{" + keys.length + " features, " + totalCount() + " occurrences}";
    }
}
