package io.github.dl4jprojection.runtime.model;

import io.github.dl4jprojection.runtime.projection.BitEncoding;

/**
 * The reference float32 kernels of the forward pass. The emitted C runtime performs the same
 * operations in the same order, so both give the same floats (docs/FORMAT.md, "Evaluation"):
 * every product and sum is rounded to float32, nothing is fused (Java never contracts a * b + c
 * into an FMA), and each output's sum runs over inputs in increasing index order.
 */
final class DenseKernels {

    private DenseKernels() {
    }

    /**
     * {@code out[0, nOut) = f(in[0, nIn) W + b)}. Each output's sum runs over the rows in increasing
     * {@code i}; eight outputs at a time are kept in locals through all rows, so the sums need no loads
     * and stores of {@code out} (the JIT does not vectorize a loop that stores to one float array while
     * loading from another, as they might be the same array). Zero inputs are not skipped: their
     * products are signed zeros, and a float32 sum that starts at +0 never becomes -0, so adding a
     * signed zero changes no bit of it.
     */
    static void forward(DenseBlock layer, float[] in, float[] out) {
        forward(layer, in, 0, out, 0);
    }

    /**
     * {@link #forward(DenseBlock, float[], float[])} on {@code in[inOffset, inOffset + nIn)}, writing
     * {@code out[outOffset, outOffset + nOut)}: the sequence models run the token and convolution layers on
     * rows and windows of one buffer. {@code in} and {@code out} must not overlap.
     */
    static void forward(DenseBlock layer, float[] in, int inOffset, float[] out, int outOffset) {
        int nIn = layer.nIn;
        int nOut = layer.nOut;
        boolean int8 = layer.weightType == WeightType.INT8;
        int j = 0;
        for (; j + 8 <= nOut; j += 8) {
            if (int8) {
                sums8(in, inOffset, nIn, layer.quantized, null, nOut, j, out, outOffset);
            } else {
                sums8(in, inOffset, nIn, null, layer.weights, nOut, j, out, outOffset);
            }
        }
        for (; j < nOut; j++) {
            float sum = 0f;
            for (int i = 0, k = j; i < nIn; i++, k += nOut) {
                sum += in[inOffset + i] * (int8 ? layer.quantized[k] : layer.weights[k]);
            }
            out[outOffset + j] = sum;
        }
        finish(layer, out, outOffset);
    }

    /**
     * {@code out[j] = f(z[j] * s[j] + b[j])} (int8) or {@code f(z[j] + b[j])} (float32) for the raw sums
     * {@code z = out[outOffset, outOffset + nOut)}: the part of a dense layer after the sums.
     */
    private static void finish(DenseBlock layer, float[] out, int outOffset) {
        int nOut = layer.nOut;
        int j;
        float[] b = layer.bias;
        if (layer.weightType == WeightType.INT8) {
            float[] s = layer.scales;
            for (j = 0; j < nOut; j++) {
                out[outOffset + j] = layer.nonlinearity.apply(out[outOffset + j] * s[j] + b[j], layer.alpha);
            }
        } else {
            for (j = 0; j < nOut; j++) {
                out[outOffset + j] = layer.nonlinearity.apply(out[outOffset + j] + b[j], layer.alpha);
            }
        }
    }

    /**
     * {@code out[j0 + c] = sum_i in[i] * W[i][j0 + c]} for {@code c < 8}, {@code i} increasing; either
     * {@code q} (int8) or {@code w} (float32) is null.
     */
    private static void sums8(float[] in, int inOffset, int nIn, byte[] q, float[] w, int nOut, int j0, float[] out,
                              int outOffset) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        for (int i = 0, k = j0; i < nIn; i++, k += nOut) {
            float x = in[inOffset + i];
            if (q != null) {
                s0 += x * q[k];
                s1 += x * q[k + 1];
                s2 += x * q[k + 2];
                s3 += x * q[k + 3];
                s4 += x * q[k + 4];
                s5 += x * q[k + 5];
                s6 += x * q[k + 6];
                s7 += x * q[k + 7];
            } else {
                s0 += x * w[k];
                s1 += x * w[k + 1];
                s2 += x * w[k + 2];
                s3 += x * w[k + 3];
                s4 += x * w[k + 4];
                s5 += x * w[k + 5];
                s6 += x * w[k + 6];
                s7 += x * w[k + 7];
            }
        }
        out[outOffset + j0] = s0;
        out[outOffset + j0 + 1] = s1;
        out[outOffset + j0 + 2] = s2;
        out[outOffset + j0 + 3] = s3;
        out[outOffset + j0 + 4] = s4;
        out[outOffset + j0 + 5] = s5;
        out[outOffset + j0 + 6] = s6;
        out[outOffset + j0 + 7] = s7;
    }

    /**
     * {@link #forward(DenseBlock, float[], int, float[], int)} summing only over the listed rows, {@code i = rows[r]}
     * for {@code r < count} in the order listed: {@code out[j] = f(sum_r in[inOffset + i] * W[i][j] + b)}. With
     * {@code rows} the increasing indices of the non-zero inputs ({@link #nonZeros}) it gives the same floats as
     * {@code forward}: a skipped product is a signed zero, which changes no bit of a sum that starts at +0.
     */
    static void forwardRows(DenseBlock layer, float[] in, int inOffset, int[] rows, int count, float[] out,
                            int outOffset) {
        rowSums(layer, in, inOffset, rows, count, out, outOffset);
        finish(layer, out, outOffset);
    }

    /**
     * A dense layer on encoded bits, from the increasing indices {@code rows[0, count)} of the set bits: with
     * {@code S[j] = sum over set rows of W[i][j]} (increasing {@code i}) and {@code A[j] = sum over all rows}
     * ({@link #columnSums}, once per model),
     * <pre>
     *   ZERO_ONE:        z[j] = S[j]                 (the clear rows' products are signed zeros: the floats of forward)
     *   PLUS_MINUS_ONE:  z[j] = 2 * S[j] - A[j]      (sum of +W over set rows and -W over clear rows)
     * </pre>
     * then {@code out[j] = f(z[j] (* s[j]) + b[j])} as in {@code forward}. It visits only the set rows and needs no
     * unpacked input. For int8 weights every sum is an exact integer ({@code 2 * 127 * nIn < 2^24}), so both
     * encodings give the floats of {@code forward}; for float32 weights with PLUS_MINUS_ONE only the summation order
     * differs (a few float32 roundings of the largest partial sums).
     */
    static void forwardBits(DenseBlock layer, BitEncoding encoding, float[] columnSums, int[] rows, int count,
                            float[] out, int outOffset) {
        rowSums(layer, null, 0, rows, count, out, outOffset);
        if (encoding == BitEncoding.PLUS_MINUS_ONE) {
            for (int j = 0; j < layer.nOut; j++) {
                out[outOffset + j] = 2f * out[outOffset + j] - columnSums[j];
            }
        }
        finish(layer, out, outOffset);
    }

    /**
     * {@code A[j] = sum_i W[i][j]} over all rows in increasing {@code i} (int8: of {@code q[i][j]}), the raw
     * sums of an all-ones input; {@link #forwardBits} needs them for PLUS_MINUS_ONE.
     */
    static float[] columnSums(DenseBlock layer) {
        int[] all = new int[layer.nIn];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        float[] sums = new float[layer.nOut];
        rowSums(layer, null, 0, all, all.length, sums, 0);
        return sums;
    }

    /** Writes the indices {@code i < n} with {@code in[offset + i] != 0}, increasing, to {@code rows}; their count. */
    static int nonZeros(float[] in, int offset, int n, int[] rows) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (in[offset + i] != 0f) {
                rows[count++] = i;
            }
        }
        return count;
    }

    /**
     * Writes the indices {@code b < numBits} of the set bits of the packed {@code words[offset ...]}, increasing, to
     * {@code rows}; their count. Bits past {@code numBits} are ignored, as unpacking ignores them.
     */
    static int setBits(long[] words, int offset, int numBits, int[] rows) {
        int count = 0;
        int numWords = (numBits + 63) >>> 6;
        for (int g = 0; g < numWords; g++) {
            long word = words[offset + g];
            if (g == numWords - 1 && (numBits & 63) != 0) {
                word &= (1L << (numBits & 63)) - 1;
            }
            for (long m = word; m != 0; m &= m - 1) {
                rows[count++] = (g << 6) + Long.numberOfTrailingZeros(m);
            }
        }
        return count;
    }

    /**
     * The raw sums {@code out[outOffset + j] = sum_r x_r * W[rows[r]][j]} in the order listed, {@code x_r =
     * in[inOffset + rows[r]]}, or 1 when {@code in} is null ({@code 1 * w} is {@code w} exactly).
     */
    private static void rowSums(DenseBlock layer, float[] in, int inOffset, int[] rows, int count, float[] out,
                                int outOffset) {
        int nOut = layer.nOut;
        byte[] q = layer.weightType == WeightType.INT8 ? layer.quantized : null;
        float[] w = layer.weights;
        int j = 0;
        for (; j + 8 <= nOut; j += 8) {
            rowSums8(in, inOffset, rows, count, q, w, nOut, j, out, outOffset);
        }
        for (; j < nOut; j++) {
            float sum = 0f;
            for (int r = 0; r < count; r++) {
                int k = rows[r] * nOut + j;
                sum += (in == null ? 1f : in[inOffset + rows[r]]) * (q != null ? q[k] : w[k]);
            }
            out[outOffset + j] = sum;
        }
    }

    /** {@link #rowSums} of the outputs {@code j0 .. j0 + 7}, kept in locals as in {@link #sums8}. */
    private static void rowSums8(float[] in, int inOffset, int[] rows, int count, byte[] q, float[] w, int nOut,
                                 int j0, float[] out, int outOffset) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        for (int r = 0; r < count; r++) {
            int i = rows[r];
            float x = in == null ? 1f : in[inOffset + i];
            int k = i * nOut + j0;
            if (q != null) {
                s0 += x * q[k];
                s1 += x * q[k + 1];
                s2 += x * q[k + 2];
                s3 += x * q[k + 3];
                s4 += x * q[k + 4];
                s5 += x * q[k + 5];
                s6 += x * q[k + 6];
                s7 += x * q[k + 7];
            } else {
                s0 += x * w[k];
                s1 += x * w[k + 1];
                s2 += x * w[k + 2];
                s3 += x * w[k + 3];
                s4 += x * w[k + 4];
                s5 += x * w[k + 5];
                s6 += x * w[k + 6];
                s7 += x * w[k + 7];
            }
        }
        out[outOffset + j0] = s0;
        out[outOffset + j0 + 1] = s1;
        out[outOffset + j0 + 2] = s2;
        out[outOffset + j0 + 3] = s3;
        out[outOffset + j0 + 4] = s4;
        out[outOffset + j0 + 5] = s5;
        out[outOffset + j0 + 6] = s6;
        out[outOffset + j0 + 7] = s7;
    }

    /** The index of the largest of {@code z[0, n)}; the smallest such index on ties. */
    static int argmax(float[] z, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (z[j] > z[best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Softmax of {@code z[0, n)} into {@code p}: {@code m = max z}; {@code e[j] = (float) exp((double)
     * (z[j] - m))} with the difference in float32; {@code sum} of {@code e[j]} in float32, increasing
     * {@code j}; {@code p[j] = e[j] / sum}. Subtracting the max keeps every exponent at most 0, so
     * nothing overflows and {@code sum >= 1}.
     */
    static void softmax(float[] z, int n, float[] p) {
        float m = z[argmax(z, n)];
        float sum = 0f;
        for (int j = 0; j < n; j++) {
            float e = (float) StrictMath.exp(z[j] - m);
            p[j] = e;
            sum += e;
        }
        for (int j = 0; j < n; j++) {
            p[j] = p[j] / sum;
        }
    }
}
