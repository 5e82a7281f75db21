package io.github.dl4jprojection.runtime.internal.text;

/**
 * The working memory of one {@link TextProjection} call: the featurizer's scratch plus the weights,
 * accumulators and entry masks of the projection. Owned by the caller, one per thread; reusing it
 * makes text-to-bits allocation-free. Not thread-safe.
 */
public final class TextProjectionScratch {

    final FeaturizerScratch features;
    final float[] weights;
    final float[] acc;
    final long[] masks;

    /** {@code maskLongs}: {@link io.github.dl4jprojection.runtime.internal.projection.LshProjection#featureScratchLength}. */
    TextProjectionScratch(FeaturizerScratch features, int numBits, int maskLongs) {
        this.features = features;
        this.weights = new float[features.config.maxFeatures()];
        this.acc = new float[numBits];
        // Room for the integer path of the projection (text weights are integers): same bits, faster.
        this.masks = new long[maskLongs];
    }

    /** The featurizer's part: after a call, the features of the last text. */
    public FeaturizerScratch features() {
        return features;
    }

    /** The accumulators of the last projection, {@code T * d} of them (docs/PROJECTION.md, "Bits"). */
    public float[] accumulators() {
        return acc;
    }
}
