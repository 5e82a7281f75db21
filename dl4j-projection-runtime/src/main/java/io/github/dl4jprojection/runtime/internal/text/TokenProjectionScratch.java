package io.github.dl4jprojection.runtime.internal.text;

/**
 * The working memory of one {@link TokenProjection} call: the featurizer's scratch (tokens and one token's
 * bag) plus the weights, accumulators, entry masks and bits of one token's projection. Owned by the caller,
 * one per thread; reusing it makes text-to-token-bits allocation-free. Not thread-safe.
 */
public final class TokenProjectionScratch {

    final FeaturizerScratch features;
    final float[] weights;
    final float[] acc;
    final long[] masks;
    final long[] tokenBits;

    /** {@code maskLongs}: {@link io.github.dl4jprojection.runtime.internal.projection.LshProjection#featureScratchLength}. */
    TokenProjectionScratch(FeaturizerScratch features, int numBits, int maskLongs) {
        this.features = features;
        this.weights = new float[features.config.maxFeatures()];
        this.acc = new float[numBits];
        this.masks = new long[maskLongs];
        this.tokenBits = new long[(numBits + 63) >>> 6];
    }

    /** The featurizer's part: after a call, the tokens of the last text. */
    public FeaturizerScratch features() {
        return features;
    }
}
