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
     * {@code out[0, nOut) = f(in[0, nIn) W + b)}. Zero inputs are skipped: their products are
     * signed zeros, and a float32 sum that starts at +0 is unchanged by adding a signed zero, so
     * skipping them changes no bit of the result while saving the work for 0/1 encoded bits.
     */
    static void forward(DenseBlock layer, float[] in, float[] out) {
        int nIn = layer.nIn;
        int nOut = layer.nOut;
        java.util.Arrays.fill(out, 0, nOut, 0f);
        if (layer.weightType == WeightType.FLOAT32) {
            float[] w = layer.weights;
            for (int i = 0; i < nIn; i++) {
                float x = in[i];
                if (x != 0f) {
                    int row = i * nOut;
                    for (int j = 0; j < nOut; j++) {
                        out[j] += x * w[row + j];
                    }
                }
            }
            float[] b = layer.bias;
            for (int j = 0; j < nOut; j++) {
                out[j] = layer.nonlinearity.apply(out[j] + b[j], layer.alpha);
            }
        } else {
            byte[] q = layer.quantized;
            for (int i = 0; i < nIn; i++) {
                float x = in[i];
                if (x != 0f) {
                    int row = i * nOut;
                    for (int j = 0; j < nOut; j++) {
                        out[j] += x * q[row + j];
                    }
                }
            }
            float[] s = layer.scales;
            float[] b = layer.bias;
            for (int j = 0; j < nOut; j++) {
                out[j] = layer.nonlinearity.apply(out[j] * s[j] + b[j], layer.alpha);
            }
        }
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
