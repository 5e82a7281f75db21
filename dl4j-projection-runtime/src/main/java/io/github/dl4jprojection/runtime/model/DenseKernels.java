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
        float[] b = layer.bias;
        if (int8) {
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
