package io.github.dl4jprojection.runtime.internal.text;

import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;

/**
 * Text to projection bits: {@link TextFeaturizer} followed by
 * {@link LshProjection#projectFeatures}, the features visited in the featurizer's order with their
 * weights (counts, or 1). This is the whole input side of an SGNN model: a model file's featurizer
 * section ({@link FeaturizerConfig#fromSection}) and projection spec rebuild it exactly.
 *
 * <p>Because every weight is an integer and a text generates fewer than 2^24 features, the float32
 * accumulators are exact and the bits do not depend on summation order (docs/TEXT.md, "Weights").
 * Immutable and thread-safe; with a per-caller {@link TextProjectionScratch} a call allocates nothing.
 */
public final class TextProjection {

    private final TextFeaturizer featurizer;
    private final LshProjection projection;

    /**
     * @throws IllegalArgumentException when either argument is null
     */
    public TextProjection(FeaturizerConfig featurizerConfig, ProjectionSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("spec must not be null");
        }
        this.featurizer = new TextFeaturizer(featurizerConfig);
        this.projection = LshProjection.forFeatures(spec);
    }

    public TextFeaturizer featurizer() {
        return featurizer;
    }

    public ProjectionSpec spec() {
        return projection.spec();
    }

    /** The number of output bits, {@code T * d}. */
    public int numBits() {
        return projection.spec().numBits();
    }

    /** The number of 64-bit words of the packed output, {@code ceil(T * d / 64)}. */
    public int numWords() {
        return projection.spec().numWords();
    }

    /** New working memory; keep one per thread. */
    public TextProjectionScratch newScratch() {
        ProjectionSpec spec = projection.spec();
        return new TextProjectionScratch(featurizer.newScratch(), spec.numBits(),
                LshProjection.featureScratchLength(spec));
    }

    /**
     * Projects {@code text} into packed bits ({@link io.github.dl4jprojection.runtime.internal.projection.PackedBits}
     * layout) without allocating.
     *
     * @param outBits at least {@link #numWords()} longs; overwritten
     * @return the number of distinct features of the text (0 gives all-zero bits)
     * @throws IllegalArgumentException on a null text, a scratch of another configuration or a short {@code outBits}
     */
    public int project(CharSequence text, TextProjectionScratch scratch, long[] outBits) {
        checkScratch(scratch);
        int n = featurizer.featurize(text, scratch.features);
        return projectFeatures(n, scratch, outBits);
    }

    /** As {@link #project(CharSequence, TextProjectionScratch, long[])} for UTF-8 bytes. */
    public int projectUtf8(byte[] utf8, int offset, int length, TextProjectionScratch scratch, long[] outBits) {
        checkScratch(scratch);
        int n = featurizer.featurizeUtf8(utf8, offset, length, scratch.features);
        return projectFeatures(n, scratch, outBits);
    }

    /** Allocating convenience form: the packed bits of {@code text}. */
    public long[] project(CharSequence text) {
        long[] bits = new long[numWords()];
        project(text, newScratch(), bits);
        return bits;
    }

    private int projectFeatures(int n, TextProjectionScratch scratch, long[] outBits) {
        TextFeaturizer.weights(featurizer.config().weighting(), scratch.features.counts(), n, scratch.weights);
        projection.projectFeatures(scratch.features.keys(), scratch.weights, n, scratch.acc, scratch.masks, outBits);
        return n;
    }

    private void checkScratch(TextProjectionScratch scratch) {
        if (scratch == null) {
            throw new IllegalArgumentException("scratch must not be null");
        }
        if (scratch.acc.length != numBits()) {
            throw new IllegalArgumentException("scratch was made for " + scratch.acc.length
                    + " projection bits, this projection has " + numBits());
        }
    }
}
