package io.github.dl4jprojection.runtime.internal.text;

import io.github.dl4jprojection.runtime.internal.projection.CountSketch;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;

/**
 * Text to the SKETCH family's input: {@link TextFeaturizer} followed by {@link CountSketch#project}, the features in
 * the featurizer's order with their weights (counts, or 1), as {@link TextProjection} does for the LSH bits. The
 * training pipeline encodes texts with it; the runtime's {@code Predictor} computes the same values from the bag that
 * {@code TextPredictor} hands it.
 *
 * <p>Immutable and thread-safe; with a per-caller {@link Scratch} a call allocates nothing.
 */
public final class SketchProjection {

    private final TextFeaturizer featurizer;
    private final CountSketch sketch;

    /**
     * @param buckets B, 1 to {@link CountSketch#MAX_BUCKETS}
     * @throws IllegalArgumentException naming {@code buckets} when out of range, or when the config is null
     */
    public SketchProjection(FeaturizerConfig featurizerConfig, int buckets, long seed) {
        this.featurizer = new TextFeaturizer(featurizerConfig);
        this.sketch = new CountSketch(buckets, seed);
    }

    public TextFeaturizer featurizer() {
        return featurizer;
    }

    /** B, the number of buckets (the width of the output). */
    public int buckets() {
        return sketch.buckets();
    }

    /** The seed of the bucket and sign hash. */
    public long seed() {
        return sketch.seed();
    }

    /** New working memory; keep one per thread. */
    public Scratch newScratch() {
        return new Scratch(featurizer.newScratch());
    }

    /**
     * The sketch of {@code text} into {@code out[offset, offset + B)}, without allocating.
     *
     * @return the number of distinct features of the text (0 gives all-zero output)
     * @throws IllegalArgumentException on a null text, a scratch of another featurizer or a short {@code out}
     */
    public int project(CharSequence text, Scratch scratch, float[] out, int offset) {
        checkScratch(scratch);
        return sketch(featurizer.featurize(text, scratch.features), scratch, out, offset);
    }

    /** As {@link #project(CharSequence, Scratch, float[], int)} for UTF-8 bytes {@code utf8[offset, offset + length)}. */
    public int projectUtf8(byte[] utf8, int offset, int length, Scratch scratch, float[] out, int outOffset) {
        checkScratch(scratch);
        return sketch(featurizer.featurizeUtf8(utf8, offset, length, scratch.features), scratch, out, outOffset);
    }

    /** Allocating convenience form: the {@code B} sketch values of {@code text}. */
    public float[] project(CharSequence text) {
        float[] out = new float[buckets()];
        project(text, newScratch(), out, 0);
        return out;
    }

    private int sketch(int n, Scratch scratch, float[] out, int offset) {
        TextFeaturizer.weights(featurizer.config().weighting(), scratch.features.counts(), n, scratch.weights);
        sketch.project(scratch.features.keys(), scratch.weights, n, out, offset);
        return n;
    }

    private void checkScratch(Scratch scratch) {
        // The featurizer checks that the scratch is of its configuration.
        if (scratch == null) {
            throw new IllegalArgumentException("scratch must not be null");
        }
    }

    /** The working memory of one call: the featurizer's scratch and the weights. One per thread; not thread-safe. */
    public static final class Scratch {
        final FeaturizerScratch features;
        final float[] weights;

        Scratch(FeaturizerScratch features) {
            this.features = features;
            this.weights = new float[features.config().maxFeatures()];
        }

        /** The featurizer's part: after a call, the features of the last text. */
        public FeaturizerScratch features() {
            return features;
        }
    }
}
