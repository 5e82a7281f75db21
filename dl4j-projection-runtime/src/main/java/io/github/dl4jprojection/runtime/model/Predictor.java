package io.github.dl4jprojection.runtime.model;

import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.projection.BitEncoding;

/**
 * Runs a {@link ProjectionModel} with scratch buffers of its own, allocated once here, so calls
 * allocate nothing, do no I/O and take no locks. A predictor is not thread-safe: use one per thread
 * (the model itself is shared). Every method validates its arguments first and throws
 * {@link IllegalArgumentException} with a message naming the problem, leaving no partial result.
 *
 * <p>Dense models take {@code float[nIn]}; feature models (text) take a bag of hashed features
 * {@code (keys[j], weights[j])}. Predicting from a raw string is left to a featurizer that fills
 * such a bag according to {@link InputSpec#featurizer()} and calls {@link #predictFeatures} or
 * {@link #scoresFeatures}: that is the seam where text input joins.
 *
 * <p>A predictor refers to the model's parts (projection masks, weights), not to the model object.
 * The per-thread predictors behind {@link ProjectionModel#predict(float[])} therefore hold those parts
 * until their thread ends or the thread-local entry is expunged: long-lived thread pools that switch
 * models should use {@link ProjectionModel#predictor()} explicitly.
 */
public final class Predictor {

    private final LshProjection projection;
    private final InputKind inputKind;
    private final BitEncoding encoding;
    private final DenseBlock[] layers;
    private final int numBits;
    private final int numLabels;
    private final float[] acc;
    private final long[] bits;
    private final long[] masks;
    private final float[] bufferA;
    private final float[] bufferB;
    /** Which of the two buffers holds the logits after {@link #forward()}. */
    private float[] logits;

    Predictor(ProjectionModel model) {
        this.projection = model.projection();
        this.inputKind = model.input().kind();
        this.encoding = model.encoding();
        this.layers = model.layerArray();
        this.numBits = model.projectionSpec().numBits();
        this.numLabels = model.numLabels();
        this.acc = new float[numBits];
        this.bits = new long[model.projectionSpec().numWords()];
        // Room for the exact integer path of the feature projection (text counts are integers).
        this.masks = new long[inputKind == InputKind.FEATURES
                ? LshProjection.featureScratchLength(model.projectionSpec()) : 2 * bits.length];
        this.bufferA = new float[model.maxWidth()];
        this.bufferB = new float[model.maxWidth()];
    }

    /**
     * The predicted label index of a dense input: argmax of the logits, the smallest index on ties.
     *
     * @param x {@code nIn} finite values
     * @throws IllegalArgumentException if {@code x} is null, has the wrong length or a NaN or infinite value
     * @throws IllegalStateException if the model takes hashed features
     */
    public int predict(float[] x) {
        projectDense(x);
        return forward();
    }

    /**
     * Writes the label probabilities (softmax of the logits) of a dense input to
     * {@code probabilities[0, numLabels)} and returns the predicted label index.
     *
     * @throws IllegalArgumentException on a bad input (see {@link #predict(float[])}) or if
     *     {@code probabilities} is null or shorter than the number of labels
     */
    public int scores(float[] x, float[] probabilities) {
        checkScores(probabilities);
        projectDense(x);
        int label = forward();
        DenseKernels.softmax(logits, numLabels, probabilities);
        return label;
    }

    /**
     * Writes the logits (the last layer's outputs, before softmax) of a dense input to
     * {@code out[0, numLabels)} and returns the predicted label index.
     */
    public int logits(float[] x, float[] out) {
        checkScores(out);
        projectDense(x);
        int label = forward();
        System.arraycopy(logits, 0, out, 0, numLabels);
        return label;
    }

    /**
     * Writes the projection bits of a dense input, packed as in
     * {@link io.github.dl4jprojection.runtime.internal.projection.PackedBits}, to {@code out[0, ceil(T*d/64))}.
     */
    public void project(float[] x, long[] out) {
        checkBits(out);
        projectDense(x);
        System.arraycopy(bits, 0, out, 0, bits.length);
    }

    /**
     * The predicted label index of a bag of hashed features, taken in order.
     *
     * @param keys    64-bit feature keys; the first {@code count} are used
     * @param weights finite weights parallel to {@code keys}
     * @param count   number of features, {@code 0 <= count <= min(keys.length, weights.length)}
     * @throws IllegalArgumentException on null arrays, a bad count or a non-finite weight
     * @throws IllegalStateException if the model takes a dense input
     */
    public int predictFeatures(long[] keys, float[] weights, int count) {
        projectFeatures(keys, weights, count);
        return forward();
    }

    /** The feature-bag form of {@link #scores(float[], float[])}. */
    public int scoresFeatures(long[] keys, float[] weights, int count, float[] probabilities) {
        checkScores(probabilities);
        projectFeatures(keys, weights, count);
        int label = forward();
        DenseKernels.softmax(logits, numLabels, probabilities);
        return label;
    }

    /** The feature-bag form of {@link #project(float[], long[])}. */
    public void projectFeatures(long[] keys, float[] weights, int count, long[] out) {
        checkBits(out);
        projectFeatures(keys, weights, count);
        System.arraycopy(bits, 0, out, 0, bits.length);
    }

    private void projectDense(float[] x) {
        if (inputKind != InputKind.DENSE) {
            throw new IllegalStateException("this model takes hashed features (input kind FEATURES), not a dense"
                    + " vector: use predictFeatures or scoresFeatures");
        }
        projection.project(x, acc, bits);
    }

    private void projectFeatures(long[] keys, float[] weights, int count) {
        if (inputKind != InputKind.FEATURES) {
            throw new IllegalStateException("this model takes a dense vector of " + projection.nIn()
                    + " values (input kind DENSE): use predict or scores");
        }
        projection.projectFeatures(keys, weights, count, acc, masks, bits);
    }

    /** Runs the dense layers on the encoded bits; leaves the logits in {@link #logits}. */
    private int forward() {
        float[] in = bufferA;
        float[] out = bufferB;
        PackedBits.unpack(bits, numBits, encoding, in, 0);
        for (DenseBlock layer : layers) {
            DenseKernels.forward(layer, in, out);
            float[] t = in;
            in = out;
            out = t;
        }
        logits = in;
        return DenseKernels.argmax(in, numLabels);
    }

    private void checkScores(float[] out) {
        if (out == null || out.length < numLabels) {
            throw new IllegalArgumentException("output array must hold " + numLabels + " values (one per label), got "
                    + (out == null ? "null" : String.valueOf(out.length)));
        }
    }

    private void checkBits(long[] out) {
        if (out == null || out.length < bits.length) {
            throw new IllegalArgumentException("bits output must hold " + bits.length + " longs, got "
                    + (out == null ? "null" : String.valueOf(out.length)));
        }
    }
}
