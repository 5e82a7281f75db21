package io.github.dl4jprojection.runtime.model;

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
        forwardRows(layer, in, inOffset, null, layer.nIn, out, outOffset);
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
     * {@link #forward(DenseBlock, float[], int, float[], int)} summing only over the listed rows, {@code i = rows[r]}
     * for {@code r < count} in the order listed (every row, {@code i = r}, when {@code rows} is null):
     * {@code out[j] = f(sum_r x_i * W[i][j] + b)}, {@code x_i = in[inOffset + i]}, or 1 for every row when
     * {@code in} is null (bits select rows: {@link #setBits}, {@link #bipolarRows}). With
     * {@code rows} the increasing indices of the non-zero inputs ({@link #nonZeros}) it gives the same floats as
     * {@code forward}: a skipped product is a signed zero, which changes no bit of a sum that starts at +0.
     */
    static void forwardRows(DenseBlock layer, float[] in, int inOffset, int[] rows, int count, float[] out,
                            int outOffset) {
        rowSums(layer, in, inOffset, rows, count, out, outOffset);
        finish(layer, out, outOffset);
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
     * The rows of a {@link DenseBlock#withSignedRows} block for PLUS_MINUS_ONE bits: {@code rows[b] = 2b} when bit
     * {@code b} is set (+W[b]), {@code 2b + 1} when clear (-W[b]), for every {@code b < numBits}; returns
     * {@code numBits}. {@link #forwardRows} on them sums {@code +-W[b][j]} in increasing {@code b}: the products
     * {@code (+-1) * W[b][j]} of {@code forward} on the unpacked bits, in its order, so the same floats.
     */
    static int bipolarRows(long[] words, int offset, int numBits, int[] rows) {
        for (int b = 0; b < numBits; b++) {
            rows[b] = 2 * b + 1 - (int) (words[offset + (b >>> 6)] >>> (b & 63) & 1);
        }
        return numBits;
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
            sums8(in, inOffset, rows, count, q, w, nOut, j, out, outOffset);
        }
        for (; j < nOut; j++) {
            float sum = 0f;
            for (int r = 0; r < count; r++) {
                int i = rows == null ? r : rows[r];
                int k = i * nOut + j;
                sum += (in == null ? 1f : in[inOffset + i]) * (q != null ? q[k] : w[k]);
            }
            out[outOffset + j] = sum;
        }
    }

    /**
     * {@code out[j0 + c] = sum_r x_i * W[i][j0 + c]} for {@code c < 8}, {@code i = rows[r]} (or {@code r} when
     * {@code rows} is null) for {@code r < count} in order, {@code x_i = in[inOffset + i]} (1 when {@code in} is
     * null); either {@code q} (int8) or {@code w} (float32) is null. The null tests are loop-invariant: the JIT
     * compiles one loop per case.
     */
    private static void sums8(float[] in, int inOffset, int[] rows, int count, byte[] q, float[] w, int nOut, int j0,
                              float[] out, int outOffset) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        for (int r = 0; r < count; r++) {
            int i = rows == null ? r : rows[r];
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
