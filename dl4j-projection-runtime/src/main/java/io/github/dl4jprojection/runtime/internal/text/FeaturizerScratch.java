package io.github.dl4jprojection.runtime.internal.text;

import io.github.dl4jprojection.runtime.text.FeaturizerConfig;

/**
 * The working memory of one {@link TextFeaturizer} call, owned by the caller so that featurizing
 * allocates nothing: create one per thread with {@link TextFeaturizer#newScratch()} and reuse it.
 * It takes at most {@code 30 * maxCodePoints + 44 * maxFeatures} bytes (plus array headers).
 *
 * <p>After {@code n = featurize(text, scratch)}, {@link #keys()}{@code [0, n)} are the distinct
 * feature hashes in order of first occurrence and {@link #counts()}{@code [0, n)} their counts. The
 * arrays belong to the scratch and are overwritten by the next call. Not thread-safe.
 */
public final class FeaturizerScratch {

    final FeaturizerConfig config;
    final TokenBuffer tokens;
    final FeatureCounter features;
    /** Assembles a skip-gram {@code t[a] FF t[b]}, the only feature that is not a slice of the token buffer. */
    final byte[] pair;

    FeaturizerScratch(FeaturizerConfig config) {
        this.config = config;
        this.tokens = new TokenBuffer(config.maxCodePoints(), config.caseFold());
        this.features = new FeatureCounter(config.maxFeatures());
        this.pair = new byte[config.maxSkip() > 0 ? 4 * config.maxCodePoints() + 1 : 0];
    }

    /** The configuration this scratch was made for. */
    public FeaturizerConfig config() {
        return config;
    }

    /** The number of distinct features of the last text. */
    public int size() {
        return features.size;
    }

    /** The feature hashes of the last text, valid in {@code [0, size())}; owned by the scratch. */
    public long[] keys() {
        return features.keys;
    }

    /** The counts of the last text's features, parallel to {@link #keys()}; owned by the scratch. */
    public int[] counts() {
        return features.counts;
    }

    /** The number of tokens of the last text. */
    public int tokenCount() {
        return tokens.tokens;
    }
}
