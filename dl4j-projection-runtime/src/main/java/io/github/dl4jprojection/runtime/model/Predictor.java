package io.github.dl4jprojection.runtime.model;

import io.github.dl4jprojection.runtime.internal.projection.CountSketch;
import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.internal.projection.PatchBits;
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
 * <p>Sketch models ({@link ModelFamily#SKETCH}) take the same bag; their count sketch replaces the bits
 * ({@link #sketch} gives its values).
 *
 * <p>Patch models ({@link ModelFamily#PATCH}) take the flat image like other dense models; their bits are those of
 * every patch ({@code PatchBits}), and the {@link PatchEncoder}'s stages run between them and the dense layers.
 *
 * <p>Sequence models ({@link ProjectionModel#sequenceEncoder()} not null) take the packed bits of each token
 * instead ({@link #predictTokens}, {@link #scoresTokens}; {@code TextPredictor} computes them from a text).
 *
 * <p>A predictor refers to the model's parts (projection masks, weights), not to the model object.
 * The per-thread predictors behind {@link ProjectionModel#predict(float[])} therefore hold those parts
 * until their thread ends or the thread-local entry is expunged: long-lived thread pools that switch
 * models should use {@link ProjectionModel#predictor()} explicitly.
 */
public final class Predictor {

    private final LshProjection projection;
    /** A SKETCH model's count sketch, else null. */
    private final CountSketch sketch;
    private final InputKind inputKind;
    private final ModelFamily family;
    /** The dense input length; -1 for hashed features. */
    private final int denseIn;
    private final BitEncoding encoding;
    private final DenseBlock[] layers;
    private final int numBits;
    private final int numLabels;
    private final float[] acc;
    /** The projection bits: of the whole input, or of every patch of a PATCH model, position-major. */
    private final long[] bits;
    private final long[] masks;
    private final float[] bufferA;
    private final float[] bufferB;
    /** Which of the two buffers holds the logits after {@link #forward()}. */
    private float[] logits;
    // Sequence models only (null otherwise): the encoder and its buffers.
    private final SequenceEncoder sequence;
    /** {@link ProjectionModel#signedTokenLayer()}: the bottleneck of PLUS_MINUS_ONE bits; null otherwise. */
    private final DenseBlock signedTokenLayer;
    /** Bottleneck outputs, one row of D per token, with {@code (k - 1) / 2} zero rows before and after. */
    private final float[] tokenRows;
    private final float[] convOut;
    /** The set bits of a token, then the non-zero values of a convolution window ({@link DenseKernels#forwardRows}). */
    private final int[] rowList;
    // PATCH models only (null otherwise): the patch bits, every map's {C, H, W}, one convolution window and its output.
    // The maps alternate between bufferA and bufferB, which are as large as the largest map.
    private final PatchBits patchBits;
    private final ConvStage[] stages;
    private final int[][] mapShapes;
    private final float[] window;
    private final int[] patchRows;
    private final float[] patchOut;
    // Integer-only (INT8_FIXED) models only (null otherwise): the activations and the int32 logits.
    private final int[] intA;
    private final int[] intB;
    private int[] intLogits;
    private final float logitScale;
    /** {@link #predictPixels}: the pixels as floats, allocated at the first call (dense models only). */
    private float[] pixelFloats;

    Predictor(ProjectionModel model) {
        this.projection = model.projection();
        this.sketch = model.countSketch();
        this.inputKind = model.input().kind();
        this.family = model.family();
        this.denseIn = model.input().nIn();
        this.encoding = model.encoding();
        this.layers = model.layerArray();
        this.numBits = model.projectionSpec().numBits();
        this.numLabels = model.numLabels();
        this.patchBits = model.patchBits();
        // A sketch has no bits: its values go straight into bufferA.
        this.acc = patchBits != null ? patchBits.newScratch() : new float[sketch != null ? 0 : numBits];
        this.bits = new long[patchBits != null ? patchBits.outputWords() : sketch != null ? 0
                : model.projectionSpec().numWords()];
        // Room for the exact integer path of the feature projection (text counts are integers).
        this.masks = new long[sketch != null || patchBits != null ? 0 : inputKind == InputKind.FEATURES
                ? LshProjection.featureScratchLength(model.projectionSpec()) : 2 * bits.length];
        this.bufferA = new float[model.maxWidth()];
        this.bufferB = new float[model.maxWidth()];
        this.sequence = model.sequenceEncoder();
        this.signedTokenLayer = model.signedTokenLayer();
        if (sequence != null) {
            int rows = sequence.maxTokens() + sequence.convWidth() - 1;
            this.tokenRows = new float[rows * sequence.tokenLayer().nOut];
            this.convOut = new float[sequence.outputWidth()];
            this.rowList = new int[Math.max(numBits, sequence.convLayer().nIn)];
        } else {
            this.tokenRows = null;
            this.convOut = null;
            this.rowList = null;
        }
        PatchEncoder patch = model.patchEncoder();
        if (patch != null) {
            this.stages = patch.stages().toArray(new ConvStage[0]);
            this.mapShapes = patch.shapes(model.input().height(), model.input().width(), numBits);
            int windowLength = 0;
            int channels = 0;
            for (ConvStage stage : stages) {
                windowLength = Math.max(windowLength, stage.conv().nIn);
                channels = Math.max(channels, stage.outChannels());
            }
            this.window = new float[windowLength];
            this.patchRows = new int[windowLength];
            this.patchOut = new float[channels];
        } else {
            this.stages = null;
            this.mapShapes = null;
            this.window = null;
            this.patchRows = null;
            this.patchOut = null;
        }
        boolean fixed = model.isFixedPoint();
        this.intA = fixed ? new int[model.maxWidth()] : null;
        this.intB = fixed ? new int[model.maxWidth()] : null;
        this.logitScale = fixed ? model.logitScale() : 0f;
    }

    /**
     * The label of an image given as raw unsigned 8-bit pixels ({@code pixels[i] & 0xFF}, 0..255), for a model
     * trained on raw 0..255 pixels: the same label as {@link #predict(float[])} on the same values as floats. The
     * projection's float sums of integers below 2^24 are exact, so they equal the int32 sums of the emitted C's
     * {@code pnet_predict_pixels} (docs/FORMAT.md 11.5); this needs {@code 255 * nIn <= 2^24}.
     *
     * @throws IllegalArgumentException if {@code pixels} is null or not {@code nIn} long
     * @throws IllegalStateException if the model takes hashed features or {@code 255 * nIn > 2^24}
     */
    public int predictPixels(byte[] pixels) {
        int nIn = denseIn;
        if (inputKind != InputKind.DENSE) {
            projectDense(null);
        }
        if (255L * nIn > 1 << 24) {
            throw new IllegalStateException("pixel input needs 255 * nIn <= 2^24 for exact sums, but nIn is " + nIn
                    + ": use predict(float[])");
        }
        if (pixels == null || pixels.length != nIn) {
            throw new IllegalArgumentException("pixels must hold nIn = " + nIn + " values, got "
                    + (pixels == null ? "null" : String.valueOf(pixels.length)));
        }
        if (pixelFloats == null) {
            pixelFloats = new float[nIn];
        }
        for (int i = 0; i < nIn; i++) {
            pixelFloats[i] = pixels[i] & 0xFF;
        }
        return predict(pixelFloats);
    }

    /**
     * Writes the int32 logits of an integer-only model ({@link ProjectionModel#isFixedPoint()}) for a dense input to
     * {@code out[0, numLabels)} and returns the label (the first largest logit): the integers the emitted C computes.
     *
     * @throws IllegalStateException if the model is not integer-only or takes hashed features
     */
    public int integerLogits(float[] x, int[] out) {
        checkIntegerLogits(out);
        projectDense(x);
        int label = forward();
        System.arraycopy(intLogits, 0, out, 0, numLabels);
        return label;
    }

    /** The feature-bag form of {@link #integerLogits(float[], int[])}. */
    public int integerLogitsFeatures(long[] keys, float[] weights, int count, int[] out) {
        checkIntegerLogits(out);
        projectFeatures(keys, weights, count);
        int label = forward();
        System.arraycopy(intLogits, 0, out, 0, numLabels);
        return label;
    }

    private void checkIntegerLogits(int[] out) {
        if (intA == null) {
            throw new IllegalStateException("this model computes in float (FLOAT32 or INT8 weights): use logits;"
                    + " integer logits need an INT8_FIXED model (Int8Calibrator)");
        }
        if (out == null || out.length < numLabels) {
            throw new IllegalArgumentException("output array must hold " + numLabels + " values (one per label), got "
                    + (out == null ? "null" : String.valueOf(out.length)));
        }
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
     * {@link io.github.dl4jprojection.runtime.internal.projection.PackedBits}, to {@code out[0, ceil(T*d/64))}; for a
     * PATCH model, the bits of every patch position {@code (i, j)} at {@code (i * W0 + j) * T * d}, to
     * {@code out[0, ceil(H0 * W0 * T * d / 64))} ({@code PatchBits}).
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
        return forwardFeatures(keys, weights, count);
    }

    /** The feature-bag form of {@link #scores(float[], float[])}. */
    public int scoresFeatures(long[] keys, float[] weights, int count, float[] probabilities) {
        checkScores(probabilities);
        int label = forwardFeatures(keys, weights, count);
        DenseKernels.softmax(logits, numLabels, probabilities);
        return label;
    }

    /** The feature-bag form of {@link #logits(float[], float[])}. */
    public int logitsFeatures(long[] keys, float[] weights, int count, float[] out) {
        checkScores(out);
        int label = forwardFeatures(keys, weights, count);
        System.arraycopy(logits, 0, out, 0, numLabels);
        return label;
    }

    /**
     * The feature-bag form of {@link #project(float[], long[])}.
     *
     * @throws IllegalStateException for a SKETCH model, which has no bits (see {@link #sketch})
     */
    public void projectFeatures(long[] keys, float[] weights, int count, long[] out) {
        checkBits(out);
        projectFeatures(keys, weights, count);
        System.arraycopy(bits, 0, out, 0, bits.length);
    }

    /**
     * A SKETCH model's first-layer input for a bag of features: the {@code B} count-sketch values, written to
     * {@code out[0, B)} (what the emitted C's sketch gives for the same text).
     *
     * @throws IllegalArgumentException on null or short arrays, a bad count or a weight outside [0, 2^24]
     * @throws IllegalStateException if the model is not a SKETCH model
     */
    public void sketch(long[] keys, float[] weights, int count, float[] out) {
        if (sketch == null) {
            throw new IllegalStateException("this is a " + family + " model, which projects to bits: use "
                    + (inputKind == InputKind.DENSE ? "project" : "projectFeatures"));
        }
        sketch.project(keys, weights, count, out, 0);
    }

    /** The bag's projection (bits or sketch) and the dense layers; leaves the logits in {@link #logits}. */
    private int forwardFeatures(long[] keys, float[] weights, int count) {
        if (sketch != null) {
            sketch.project(keys, weights, count, bufferA, 0);
            return forward(bufferA);
        }
        projectFeatures(keys, weights, count);
        return forward();
    }

    /**
     * The predicted label index of a sequence model for {@code numTokens} tokens' projection bits.
     *
     * @param tokenBits token {@code t}'s packed bits at {@code [t * W, (t + 1) * W)}, {@code W = ceil(T * d / 64)}
     * @param numTokens {@code 1 <= numTokens <= maxTokens} (a text without tokens is one token of zero bits)
     * @throws IllegalArgumentException on a null or short array or a bad count
     * @throws IllegalStateException if the model is not a sequence model
     */
    public int predictTokens(long[] tokenBits, int numTokens) {
        encodeSequence(tokenBits, numTokens);
        return forward(bufferA);
    }

    /** The probabilities form of {@link #predictTokens}: writes {@code probabilities[0, numLabels)}. */
    public int scoresTokens(long[] tokenBits, int numTokens, float[] probabilities) {
        checkScores(probabilities);
        encodeSequence(tokenBits, numTokens);
        int label = forward(bufferA);
        DenseKernels.softmax(logits, numLabels, probabilities);
        return label;
    }

    /**
     * The logits form of {@link #predictTokens}: writes the last layer's outputs, before softmax, to
     * {@code out[0, numLabels)} (what the emitted C's {@code pnet_forward} gives after {@code pnet_encode_text}).
     */
    public int logitsTokens(long[] tokenBits, int numTokens, float[] out) {
        checkScores(out);
        encodeSequence(tokenBits, numTokens);
        int label = forward(bufferA);
        System.arraycopy(logits, 0, out, 0, numLabels);
        return label;
    }

    /** Runs the {@link SequenceEncoder}; leaves its pooled output in {@link #bufferA}. */
    private void encodeSequence(long[] tokenBits, int numTokens) {
        if (sequence == null) {
            throw new IllegalStateException("this is a " + family + " model, not a sequence model: use "
                    + (inputKind == InputKind.DENSE ? "predict or scores" : "predictFeatures or scoresFeatures"));
        }
        int words = bits.length;
        if (numTokens < 1 || numTokens > sequence.maxTokens()) {
            throw new IllegalArgumentException("numTokens must be in [1, " + sequence.maxTokens() + "], got "
                    + numTokens);
        }
        if (tokenBits == null || tokenBits.length < (long) numTokens * words) {
            throw new IllegalArgumentException("tokenBits must hold numTokens * " + words + " longs, got "
                    + (tokenBits == null ? "null" : String.valueOf(tokenBits.length)));
        }
        DenseBlock token = sequence.tokenLayer();
        DenseBlock conv = sequence.convLayer();
        int width = token.nOut;
        int k = sequence.convWidth();
        int pad = (k - 1) / 2;
        // The bits select weight rows, unpacked to nothing: 0/1 bits sum the set rows (the clear ones add signed
        // zeros), +-1 bits one row of W or of -W per bit. Either is forward on the unpacked bits, float for float.
        for (int t = 0; t < numTokens; t++) {
            int out = (pad + t) * width;
            if (signedTokenLayer != null) {
                int count = DenseKernels.bipolarRows(tokenBits, t * words, numBits, rowList);
                DenseKernels.forwardRows(signedTokenLayer, null, 0, rowList, count, tokenRows, out);
            } else {
                int count = DenseKernels.setBits(tokenBits, t * words, numBits, rowList);
                DenseKernels.forwardRows(token, null, 0, rowList, count, tokenRows, out);
            }
        }
        // Rows [0, pad) are never written; the pad rows after the last token may hold an earlier, longer text.
        java.util.Arrays.fill(tokenRows, (pad + numTokens) * width, (2 * pad + numTokens) * width, 0f);
        float[] pooled = bufferA;
        int channels = conv.nOut;
        int window = conv.nIn;
        for (int t = 0; t < numTokens; t++) {
            // Zero inputs (the padding, and the bottleneck's zeros after RELU) add nothing: skip them.
            int nonZero = DenseKernels.nonZeros(tokenRows, t * width, window, rowList);
            DenseKernels.forwardRows(conv, tokenRows, t * width, rowList, nonZero, convOut, 0);
            for (int j = 0; j < channels; j++) {
                pooled[j] = t == 0 ? convOut[j] : Math.max(pooled[j], convOut[j]);
            }
        }
    }

    private void projectDense(float[] x) {
        if (sequence != null) {
            throw new IllegalStateException("this is a sequence model: use predictTokens or scoresTokens (or "
                    + "TextPredictor on a text)");
        }
        if (inputKind != InputKind.DENSE) {
            throw new IllegalStateException("this model takes hashed features (input kind FEATURES), not a dense"
                    + " vector: use predictFeatures or scoresFeatures");
        }
        if (patchBits != null) {
            patchBits.project(x, acc, bits);
        } else {
            projection.project(x, acc, bits);
        }
    }

    private void projectFeatures(long[] keys, float[] weights, int count) {
        if (sketch != null) {
            throw new IllegalStateException("this is a SKETCH model, which has no projection bits: use sketch for"
                    + " its values");
        }
        if (sequence != null) {
            throw new IllegalStateException("this is a sequence model, which projects every token on its own: use "
                    + "predictTokens or scoresTokens (or TextPredictor on a text), not a bag of the whole text");
        }
        if (inputKind != InputKind.FEATURES) {
            throw new IllegalStateException("this model takes a dense vector of " + denseIn
                    + " values (input kind DENSE): use predict or scores");
        }
        projection.projectFeatures(keys, weights, count, acc, masks, bits);
    }

    /** Runs the dense layers on the encoded bits; leaves the logits in {@link #logits}. */
    private int forward() {
        if (intA != null) {
            return forwardFixed();
        }
        if (patchBits != null) {
            return forward(encodePatches());
        }
        PackedBits.unpack(bits, numBits, encoding, bufferA, 0);
        return forward(bufferA);
    }

    /**
     * A PATCH model's bit map {@code a0[b][i][j]} (CHW) from the position-major bits, then every stage; returns the
     * buffer that holds the last map, the first dense layer's input.
     */
    private float[] encodePatches() {
        int positions = patchBits.positions();
        float on = encoding.on();
        float off = encoding.off();
        float[] in = bufferA;
        for (int p = 0, bit = 0; p < positions; p++) {
            for (int b = 0; b < numBits; b++, bit++) {
                in[b * positions + p] = (bits[bit >>> 6] >>> (bit & 63) & 1) != 0 ? on : off;
            }
        }
        float[] out = bufferB;
        for (int l = 0; l < stages.length; l++) {
            convolve(stages[l], mapShapes[l], mapShapes[l + 1], in, out);
            float[] t = in;
            in = out;
            out = t;
        }
        return in;
    }

    /**
     * One {@link ConvStage}: each pooled output {@code (i, j)} is the max of the convolution at the {@code q x q}
     * positions it covers, each computed once into {@link #patchOut} (the pools do not overlap, and the positions
     * past the last whole pool, which the floor drops, are never computed). The convolution at {@code (y, x)} is the
     * dense block on the window {@code u[(dy * k + dx) * Cin + ci] = in[ci][y + dy][x + dx]}, skipping its zeros
     * as the sequence convolution does (the same floats, see {@link DenseKernels#forwardRows}).
     */
    private void convolve(ConvStage stage, int[] inShape, int[] outShape, float[] in, float[] out) {
        DenseBlock conv = stage.conv();
        int k = stage.kernel();
        int q = stage.pool();
        int cin = inShape[0];
        int w = inShape[2];
        int plane = inShape[1] * w;
        int outW = outShape[2];
        int outPlane = outShape[1] * outW;
        for (int o = 0; o < outPlane; o++) {
            int i = o / outW;
            int j = o - i * outW;
            for (int dy = 0; dy < q; dy++) {
                for (int dx = 0; dx < q; dx++) {
                    int u = 0;
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0, at = (i * q + dy + ky) * w + j * q + dx; kx < k; kx++, at++) {
                            for (int ci = 0, c = at; ci < cin; ci++, c += plane) {
                                window[u++] = in[c];
                            }
                        }
                    }
                    int count = DenseKernels.nonZeros(window, 0, u, patchRows);
                    DenseKernels.forwardRows(conv, window, 0, patchRows, count, patchOut, 0);
                    for (int co = 0, c = o; co < conv.nOut; co++, c += outPlane) {
                        out[c] = dy == 0 && dx == 0 ? patchOut[co] : Math.max(out[c], patchOut[co]);
                    }
                }
            }
        }
    }

    /**
     * The integer-only layers ({@link FixedKernels}); leaves the int32 logits in {@link #intLogits} and their float
     * values ({@code logit * logitScale}) in {@link #logits}.
     */
    private int forwardFixed() {
        FixedKernels.unpack(bits, numBits, encoding, intA);
        int[] in = intA;
        int[] out = intB;
        for (int l = 0; l < layers.length; l++) {
            FixedKernels.forward(layers[l], in, out, l == layers.length - 1);
            int[] t = in;
            in = out;
            out = t;
        }
        intLogits = in;
        FixedKernels.dequantize(in, numLabels, logitScale, bufferA);
        logits = bufferA;
        return FixedKernels.argmax(in, numLabels);
    }

    /** Runs the dense layers on {@code first} (one of the two buffers); leaves the logits in {@link #logits}. */
    private int forward(float[] first) {
        float[] in = first;
        float[] out = first == bufferA ? bufferB : bufferA;
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
