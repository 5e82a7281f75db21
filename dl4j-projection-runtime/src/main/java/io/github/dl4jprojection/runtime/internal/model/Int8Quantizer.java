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
 * float32, since it is added once per output and costs nothing to keep exact.
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
        float[] scales = new float[nOut];
        byte[] q = new byte[nIn * nOut];
        for (int j = 0; j < nOut; j++) {
            float maxAbs = 0f;
            for (int i = 0; i < nIn; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(w[i * nOut + j]));
            }
            float s = maxAbs / 127f;
            scales[j] = s;
            if (s == 0f) {
                continue;
            }
            for (int i = 0; i < nIn; i++) {
                long r = Math.round((double) w[i * nOut + j] / s);
                q[i * nOut + j] = (byte) Math.max(-127, Math.min(127, r));
            }
        }
        return DenseBlock.int8(nIn, nOut, q, scales, block.bias(), block.nonlinearity(), block.alpha());
    }
}
