package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.runtime.internal.model.Int8Quantizer;
import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import io.github.dl4jprojection.runtime.model.WeightType;

/**
 * One fully connected layer of a baseline (MLP or small CNN) run in plain Java, with the weights a {@code .pnet}
 * file's dense section would hold:
 * <pre>
 *   float32: z[j] = sum_i x[i] * W[i][j] + b[j]
 *   int8:    z[j] = (sum_i x[i] * q[i][j]) * s[j] + b[j]       (q, s from the runtime's Int8Quantizer)
 *   y[j]    = f(z[j])
 * </pre>
 * {@code W}, {@code q}: {@code [nIn][nOut]} row-major. The study's baselines use this because the model format holds
 * projection networks only; the arithmetic is the runtime's (float32 sums over {@code i} in increasing order), the
 * loop is a plain one. Not thread-safe: the forward pass writes the caller's arrays only, but callers share none.
 */
final class JavaLayer {

    private final int nIn;
    private final int nOut;
    private final float[] weights;
    private final byte[] quantized;
    private final float[] scales;
    private final float[] bias;
    private final Nonlinearity nonlinearity;
    private final float alpha;

    private JavaLayer(DenseBlock block) {
        this.nIn = block.nIn();
        this.nOut = block.nOut();
        boolean int8 = block.weightType() == WeightType.INT8;
        this.weights = int8 ? null : block.floatWeights();
        this.quantized = int8 ? block.quantizedWeights() : null;
        this.scales = int8 ? block.scales() : null;
        this.bias = block.bias();
        this.nonlinearity = block.nonlinearity();
        this.alpha = block.alpha();
    }

    /**
     * The layer of a float32 block, or of its int8 form.
     *
     * @throws IllegalArgumentException for an INT8_FIXED block, which the baselines do not use
     */
    static JavaLayer of(DenseBlock block, boolean int8) {
        if (block.weightType() == WeightType.INT8_FIXED) {
            throw new IllegalArgumentException("the study's baselines run float32 or int8 layers, not INT8_FIXED");
        }
        return new JavaLayer(int8 ? Int8Quantizer.quantize(block) : block);
    }

    int nIn() {
        return nIn;
    }

    int nOut() {
        return nOut;
    }

    /** Multiply-accumulates of one forward pass: {@code nIn * nOut}. */
    long macs() {
        return (long) nIn * nOut;
    }

    /**
     * Bytes the format's dense section stores: float32 {@code 4 (nIn nOut + nOut)}; int8 {@code nIn nOut} weights,
     * plus a float32 scale and a float32 bias per output.
     */
    long storedBytes() {
        return quantized == null ? ByteBudget.FLOAT_BYTES * ((long) nIn * nOut + nOut)
                : (long) nIn * nOut + 2L * ByteBudget.FLOAT_BYTES * nOut;
    }

    /** {@code out[outOffset, + nOut) = f(in[inOffset, + nIn) W + b)}; {@code in} and {@code out} must not overlap. */
    void forward(float[] in, int inOffset, float[] out, int outOffset) {
        for (int j = 0; j < nOut; j++) {
            out[outOffset + j] = 0f;
        }
        for (int i = 0; i < nIn; i++) {
            float x = in[inOffset + i];
            if (x == 0f) {
                // Sparse inputs (pixels at 0, a bag of words) skip their rows: adding x * w = +-0 changes no sum.
                continue;
            }
            int row = i * nOut;
            if (quantized == null) {
                for (int j = 0; j < nOut; j++) {
                    out[outOffset + j] += x * weights[row + j];
                }
            } else {
                for (int j = 0; j < nOut; j++) {
                    out[outOffset + j] += x * quantized[row + j];
                }
            }
        }
        for (int j = 0; j < nOut; j++) {
            float z = quantized == null ? out[outOffset + j] + bias[j] : out[outOffset + j] * scales[j] + bias[j];
            out[outOffset + j] = nonlinearity.apply(z, alpha);
        }
    }
}
