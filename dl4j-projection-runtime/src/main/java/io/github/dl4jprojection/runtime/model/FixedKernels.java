package io.github.dl4jprojection.runtime.model;

import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.projection.BitEncoding;

/**
 * The reference integer kernels of an {@link WeightType#INT8_FIXED} model (docs/FORMAT.md section 11.3); the emitted
 * C runtime computes the same integers. Integer sums are exact and associative, so unlike the float kernels the
 * order of the terms is free: both sides may loop as they like and still agree bit for bit.
 */
final class FixedKernels {

    private FixedKernels() {
    }

    /** The encoded bits as integers: 1 for a set bit, 0 (ZERO_ONE) or -1 (PLUS_MINUS_ONE) for a clear one. */
    static void unpack(long[] bits, int numBits, BitEncoding encoding, int[] out) {
        int off = encoding == BitEncoding.PLUS_MINUS_ONE ? -1 : 0;
        for (int b = 0; b < numBits; b++) {
            out[b] = PackedBits.get(bits, b) ? 1 : off;
        }
    }

    /**
     * One INT8_FIXED layer, {@code out[0, nOut)} from {@code in[0, nIn)}: int32 accumulators from the int32 bias,
     * the row of each input added to them (inputs that are 0 add nothing), then the requantization of
     * {@link #requantize} and, for a hidden layer, the saturation to int8 and the activation. The load-time bound
     * (ProjectionModel) guarantees that no int32 sum and no last-layer output overflows.
     */
    static void forward(DenseBlock layer, int[] in, int[] out, boolean last) {
        int nIn = layer.nIn;
        int nOut = layer.nOut;
        byte[] q = layer.quantized;
        System.arraycopy(layer.fixedBias, 0, out, 0, nOut);
        for (int i = 0, k = 0; i < nIn; i++, k += nOut) {
            int x = in[i];
            if (x != 0) {
                for (int j = 0; j < nOut; j++) {
                    out[j] += x * q[k + j];
                }
            }
        }
        int[] m = layer.multipliers;
        byte[] shifts = layer.shifts;
        for (int j = 0; j < nOut; j++) {
            long r = requantize(out[j], m[j], shifts[j]);
            out[j] = last ? (int) r : activate(layer, (int) Math.max(-128, Math.min(127, r)));
        }
    }

    /**
     * {@code floor((acc * m + 2^(shift - 1)) / 2^shift)} in int64, {@code acc * m} for {@code shift = 0}: the
     * product scaled by {@code m / 2^shift}, rounded to the nearest integer, ties upward (towards +infinity).
     */
    static long requantize(int acc, int m, int shift) {
        long v = (long) acc * m;
        return shift == 0 ? v : (v + (1L << (shift - 1))) >> shift;
    }

    private static int activate(DenseBlock layer, int z) {
        if (layer.table != null) {
            return layer.table[z + 128];
        }
        return layer.nonlinearity == Nonlinearity.RELU ? Math.max(z, 0) : z;
    }

    /** The index of the largest of {@code z[0, n)}; the smallest such index on ties. */
    static int argmax(int[] z, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (z[j] > z[best]) {
                best = j;
            }
        }
        return best;
    }

    /** The float logits of the probabilities: {@code (float) logit[j] * scale}, one float32 product each. */
    static void dequantize(int[] logits, int n, float scale, float[] out) {
        for (int j = 0; j < n; j++) {
            out[j] = (float) logits[j] * scale;
        }
    }
}
