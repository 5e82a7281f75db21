package io.github.dl4jprojection.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dl4jprojection.runtime.internal.model.Int8Quantizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The optimized kernel against the specified evaluation order (docs/FORMAT.md, "Evaluation"), bit for bit. */
class DenseKernelsTest {

    /** One row per pass, increasing i, zero inputs skipped: the order the format specifies. */
    private static float[] reference(DenseBlock layer, float[] in) {
        float[] z = new float[layer.nOut];
        for (int i = 0; i < layer.nIn; i++) {
            float x = in[i];
            if (x != 0f) {
                for (int j = 0; j < layer.nOut; j++) {
                    float w = layer.weightType == WeightType.INT8 ? layer.quantized[i * layer.nOut + j]
                            : layer.weights[i * layer.nOut + j];
                    z[j] += x * w;
                }
            }
        }
        for (int j = 0; j < layer.nOut; j++) {
            float pre = layer.weightType == WeightType.INT8 ? z[j] * layer.scales[j] + layer.bias[j]
                    : z[j] + layer.bias[j];
            z[j] = layer.nonlinearity.apply(pre, layer.alpha);
        }
        return z;
    }

    @Test
    void forwardEqualsTheSpecifiedOrderBitForBit() {
        Random random = new Random(31);
        for (int nOut : new int[] {1, 7, 8, 10, 40, 43}) {
            for (int nIn : new int[] {1, 5, 64, 300}) {
                float[] w = new float[nIn * nOut];
                for (int k = 0; k < w.length; k++) {
                    w[k] = (float) (random.nextGaussian() * 10);
                }
                float[] b = new float[nOut];
                for (int j = 0; j < nOut; j++) {
                    b[j] = (float) random.nextGaussian();
                }
                DenseBlock f32 = DenseBlock.float32(nIn, nOut, w, b, Nonlinearity.LEAKY_RELU);
                DenseBlock[] layers = {f32, Int8Quantizer.quantize(f32)};
                for (DenseBlock layer : layers) {
                    for (int r = 0; r < 5; r++) {
                        float[] in = new float[nIn];
                        for (int i = 0; i < nIn; i++) {
                            // +-1 bits, 0/1 bits, fractional activations with zeros (and a negative zero).
                            in[i] = r == 0 ? (random.nextBoolean() ? 1f : -1f)
                                    : r == 1 ? (random.nextBoolean() ? 1f : 0f)
                                    : random.nextInt(3) == 0 ? (random.nextBoolean() ? 0f : -0f)
                                    : (float) random.nextGaussian();
                        }
                        float[] out = new float[nOut];
                        DenseKernels.forward(layer, in, out);
                        float[] expected = reference(layer, in);
                        for (int j = 0; j < nOut; j++) {
                            assertEquals(Float.floatToRawIntBits(expected[j]), Float.floatToRawIntBits(out[j]),
                                    layer + ", output " + j + ", input kind " + r);
                        }
                    }
                }
            }
        }
    }
}
