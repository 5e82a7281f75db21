package io.github.dl4jprojection.runtime.internal.text;

import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;

/**
 * The per-token projection of the sequence models (PRADO-like: Kaliamoorthi, Ravi and Kozareva, EMNLP 2019):
 * every token of a text is projected on its own, from the features the featurizer generates at that token
 * ({@link TextFeaturizer#tokenFeatures}: its word n-grams and skip-grams ending there and its character
 * n-grams), to {@code B = T * d} bits by {@link LshProjection#projectFeatures} with the featurizer's weights.
 * No matrix and no vocabulary: the bits of a token depend on its hashes and the seed only.
 * <pre>
 *   tokens  t_0 .. t_(m-1)                  the featurizer's tokens (docs/TEXT.md), first maxCodePoints code points
 *   n       = max(1, min(m, maxTokens))      a text without tokens is one token without features (all-zero bits)
 *   bits_t  = LSH(spec, bag of token t)      t &lt; n;  packed, words [t * W, (t + 1) * W), W = ceil(B / 64)
 * </pre>
 * This is the one reference of docs/FORMAT.md, "Sequence models": training feeds these bits to DL4J, and the
 * runtime predictor recomputes them. Immutable and thread-safe; with a per-caller {@link TokenProjectionScratch}
 * a call allocates nothing. The work is linear in {@code min(text length, maxCodePoints)}.
 */
public final class TokenProjection {

    private final TextFeaturizer featurizer;
    private final LshProjection projection;
    private final int maxTokens;

    /**
     * @param maxTokens tokens read per text, {@code >= 1}; later tokens are ignored
     * @throws IllegalArgumentException on a null argument or {@code maxTokens < 1}
     */
    public TokenProjection(FeaturizerConfig featurizerConfig, ProjectionSpec spec, int maxTokens) {
        if (spec == null) {
            throw new IllegalArgumentException("spec must not be null");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
        }
        this.featurizer = new TextFeaturizer(featurizerConfig);
        this.projection = LshProjection.forFeatures(spec);
        this.maxTokens = maxTokens;
    }

    public TextFeaturizer featurizer() {
        return featurizer;
    }

    public ProjectionSpec spec() {
        return projection.spec();
    }

    /** Tokens read per text. */
    public int maxTokens() {
        return maxTokens;
    }

    /** Bits per token, {@code T * d}. */
    public int numBits() {
        return projection.spec().numBits();
    }

    /** Packed words per token, {@code ceil(T * d / 64)}. */
    public int numWords() {
        return projection.spec().numWords();
    }

    /** New working memory; keep one per thread. */
    public TokenProjectionScratch newScratch() {
        return new TokenProjectionScratch(featurizer.newScratch(), numBits(),
                LshProjection.featureScratchLength(projection.spec()));
    }

    /**
     * Projects every token of {@code text} (the first {@link #maxTokens()}) without allocating.
     *
     * @param outBits at least {@code maxTokens * numWords()} longs; token {@code t}'s packed bits at
     *     {@code [t * numWords(), (t + 1) * numWords())}, the rest untouched
     * @return the number of tokens projected, {@code n} in {@code [1, maxTokens]}
     * @throws IllegalArgumentException on a null text, a scratch of another configuration or a short {@code outBits}
     */
    public int project(CharSequence text, TokenProjectionScratch scratch, long[] outBits) {
        checkArguments(scratch, outBits);
        return projectTokens(featurizer.tokenize(text, scratch.features), scratch, outBits);
    }

    /** As {@link #project(CharSequence, TokenProjectionScratch, long[])} for UTF-8 bytes. */
    public int projectUtf8(byte[] utf8, int offset, int length, TokenProjectionScratch scratch, long[] outBits) {
        checkArguments(scratch, outBits);
        return projectTokens(featurizer.tokenizeUtf8(utf8, offset, length, scratch.features), scratch, outBits);
    }

    private int projectTokens(int tokens, TokenProjectionScratch scratch, long[] outBits) {
        int words = numWords();
        if (tokens == 0) {
            // One token without features: the projection of an empty bag is all zeros.
            java.util.Arrays.fill(outBits, 0, words, 0L);
            return 1;
        }
        int n = Math.min(tokens, maxTokens);
        long[] bits = scratch.tokenBits;
        for (int t = 0; t < n; t++) {
            int count = featurizer.tokenFeatures(scratch.features, t);
            TextFeaturizer.weights(featurizer.config().weighting(), scratch.features.counts(), count, scratch.weights);
            projection.projectFeatures(scratch.features.keys(), scratch.weights, count, scratch.acc, scratch.masks,
                    bits);
            System.arraycopy(bits, 0, outBits, t * words, words);
        }
        return n;
    }

    private void checkArguments(TokenProjectionScratch scratch, long[] outBits) {
        if (scratch == null) {
            throw new IllegalArgumentException("scratch must not be null");
        }
        if (scratch.acc.length != numBits()) {
            throw new IllegalArgumentException("scratch was made for " + scratch.acc.length
                    + " bits per token, this projection has " + numBits());
        }
        if (outBits == null || outBits.length < (long) maxTokens * numWords()) {
            throw new IllegalArgumentException("outBits must hold maxTokens * ceil(T * d / 64) = "
                    + (long) maxTokens * numWords() + " longs, got "
                    + (outBits == null ? "null" : String.valueOf(outBits.length)));
        }
    }
}
