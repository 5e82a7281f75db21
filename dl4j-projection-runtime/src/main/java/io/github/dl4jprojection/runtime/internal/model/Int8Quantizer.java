package io.github.dl4jprojection.runtime.internal.model;

import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.WeightType;

/**
 * Post-training symmetric int8 quantization with one scale per output unit:
 * <pre>
 *   s[j]    = max_i |W[i][j]| / 127          (float32; 0 for an all-zero column)
 *   q[i][j] = round(W[i][j] / s[j])            clamped to [-127, 127]; 0 where s[j] = 0
 * </pre>
 * Per-output scales keep one large column from crushing the precision of the others; the bias stays
 * float32, since it is added once per output and costs nothing to keep exact. Quantization-aware training
 * ({@link #fakeQuantize}) trains with the weights {@code q[i][j] * s[j]} of exactly this scheme.
 */
public final class Int8Quantizer {

    private Int8Quantizer() {
    }

    /**
     * The int8 form of a float32 block (an int8 block is returned unchanged).
     *
     * @throws IllegalArgumentException if {@code block} is null
     */
    public static DenseBlock quantize(DenseBlock block) {
        if (block == null) {
            throw new IllegalArgumentException("block must not be null");
        }
        if (block.weightType() == WeightType.INT8) {
            return block;
        }
        int nIn = block.nIn();
        int nOut = block.nOut();
        float[] w = block.floatWeights();
        float[] scales = scales(w, nIn, nOut);
        byte[] q = new byte[nIn * nOut];
        for (int k = 0; k < q.length; k++) {
            q[k] = level(w[k], scales[k % nOut]);
        }
        return DenseBlock.int8(nIn, nOut, q, scales, block.bias(), block.nonlinearity(), block.alpha());
    }

    /**
     * The weights an int8 export of {@code w} computes with: {@code q[i][j] * s[j]} in float32, the value
     * {@link DenseBlock#weight} gives for the {@link #quantize quantized} block, for the row-major
     * {@code w[i * nOut + j]} of an {@code nIn x nOut} layer.
     *
     * @throws IllegalArgumentException if {@code w} does not hold {@code nIn * nOut} weights
     */
    public static float[] fakeQuantize(float[] w, int nIn, int nOut) {
        if (w == null || nIn < 0 || nOut < 1 || w.length != (long) nIn * nOut) {
            throw new IllegalArgumentException("expected " + nIn + " x " + nOut + " weights, got "
                    + (w == null ? "null" : String.valueOf(w.length)));
        }
        float[] scales = scales(w, nIn, nOut);
        float[] out = new float[w.length];
        for (int k = 0; k < w.length; k++) {
            float s = scales[k % nOut];
            out[k] = level(w[k], s) * s;
        }
        return out;
    }

    /** {@code s[j] = max_i |w[i][j]| / 127}, in float32. */
    private static float[] scales(float[] w, int nIn, int nOut) {
        float[] scales = new float[nOut];
        for (int j = 0; j < nOut; j++) {
            float maxAbs = 0f;
            for (int i = 0; i < nIn; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(w[i * nOut + j]));
            }
            scales[j] = maxAbs / 127f;
        }
        return scales;
    }

    /** {@code round(w / s)} clamped to [-127, 127] (0 when {@code s = 0}); the quotient in double, ties upward. */
    private static byte level(float w, float s) {
        if (s == 0f) {
            return 0;
        }
        long r = Math.round((double) w / s);
        return (byte) Math.max(-127, Math.min(127, r));
    }
}
