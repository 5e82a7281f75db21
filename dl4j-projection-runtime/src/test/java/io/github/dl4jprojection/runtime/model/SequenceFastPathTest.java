package io.github.dl4jprojection.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dl4jprojection.runtime.internal.model.Int8Quantizer;
import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sequence predictor's bottleneck from the bits (set rows for ZERO_ONE, rows of {@code W} or {@code -W} for
 * PLUS_MINUS_ONE) and its convolution over the non-zero window values, against the plain definition: unpack each
 * token's bits, run every layer with {@link DenseKernels#forward}. The same floats, float32 and int8 weights.
 */
class SequenceFastPathTest {

    @Test
    void bottleneckFromSetBitsEqualsTheDenseLayerOnUnpackedBits() {
        Random random = new Random(11);
        int[] rows = new int[300];
        for (int nIn : new int[] {7, 64, 130, 300}) {
            for (int nOut : new int[] {1, 7, 8, 40, 43}) {
                DenseBlock f32 = TestModels.randomBlock(random, nIn, nOut, Nonlinearity.LEAKY_RELU,
                        (float) (1 / Math.sqrt(nIn)));
                for (DenseBlock layer : new DenseBlock[] {f32, Int8Quantizer.quantize(f32)}) {
                    DenseBlock signed = layer.withSignedRows();
                    for (BitEncoding encoding : BitEncoding.values()) {
                        for (int r = 0; r < 20; r++) {
                            long[] words = randomBits(random, (nIn + 63) / 64);
                            float[] expected = new float[nOut];
                            DenseKernels.forward(layer, unpack(words, 0, nIn, encoding), expected);
                            float[] actual = new float[nOut + 3];
                            if (encoding == BitEncoding.ZERO_ONE) {
                                int set = DenseKernels.setBits(words, 0, nIn, rows);
                                DenseKernels.forwardRows(layer, null, 0, rows, set, actual, 3);
                            } else {
                                int count = DenseKernels.bipolarRows(words, 0, nIn, rows);
                                DenseKernels.forwardRows(signed, null, 0, rows, count, actual, 3);
                            }
                            assertSame(expected, 0, actual, 3, nOut, layer + ", " + encoding + ", input " + r);
                        }
                    }
                }
            }
        }
    }

    @Test
    void predictorEqualsThePlainDefinitionOnRandomModels() {
        Random random = new Random(12);
        for (BitEncoding encoding : BitEncoding.values()) {
            for (int[] shape : new int[][] {{64, 16, 32, 3}, {100, 13, 9, 1}, {128, 40, 80, 5}}) {
                ProjectionModel f32 = model(random, encoding, shape);
                for (ProjectionModel model : new ProjectionModel[] {f32, int8(f32)}) {
                    Predictor predictor = model.predictor();
                    int words = model.projectionSpec().numWords();
                    int maxTokens = model.sequenceEncoder().maxTokens();
                    for (int r = 0; r < 20; r++) {
                        int n = 1 + random.nextInt(maxTokens);
                        long[] bits = randomBits(random, maxTokens * words);
                        float[] logits = new float[model.numLabels()];
                        int label = predictor.logitsTokens(bits, n, logits);
                        float[] expected = plainLogits(model, bits, n);
                        String where = model.sequenceEncoder() + ", " + encoding + ", input " + r;
                        assertEquals(DenseKernels.argmax(expected, expected.length), label, where + ": label");
                        assertSame(expected, 0, logits, 0, logits.length, where);
                    }
                }
            }
        }
    }

    /** {@code shape}: bits per token, bottleneck, channels, convolution width; 2 hidden units, 3 labels. */
    private static ProjectionModel model(Random random, BitEncoding encoding, int[] shape) {
        int bits = shape[0];
        int width = shape[1];
        DenseBlock token = TestModels.randomBlock(random, bits, width, Nonlinearity.RELU,
                (float) (1 / Math.sqrt(bits)));
        DenseBlock conv = TestModels.randomBlock(random, shape[3] * width, shape[2], Nonlinearity.TANH,
                (float) (1 / Math.sqrt(shape[3] * width)));
        return ProjectionModel.builder().projection(TestModels.spec(1, bits, 5, 0.25)).encoding(encoding)
                .input(InputSpec.features(TestModels.testFeaturizer()))
                .sequenceEncoder(SequenceEncoder.of(24, token, shape[3], conv))
                .addLayer(TestModels.randomBlock(random, shape[2], 2, Nonlinearity.RELU, 0.5f))
                .addLayer(TestModels.randomBlock(random, 2, 3, Nonlinearity.IDENTITY, 0.5f))
                .labels("a", "b", "c").build();
    }

    /** {@code model} with the bottleneck, the convolution and every layer int8-quantized. */
    private static ProjectionModel int8(ProjectionModel model) {
        SequenceEncoder s = model.sequenceEncoder();
        return TestModels.quantized(model).toBuilder().sequenceEncoder(SequenceEncoder.of(s.maxTokens(),
                Int8Quantizer.quantize(s.tokenLayer()), s.convWidth(), Int8Quantizer.quantize(s.convLayer())))
                .build();
    }

    /** The encoder of {@link SequenceEncoder}'s definition with unpacked bits, then the layers, all in float32. */
    private static float[] plainLogits(ProjectionModel model, long[] bits, int n) {
        SequenceEncoder s = model.sequenceEncoder();
        int width = s.tokenLayer().nOut;
        int pad = (s.convWidth() - 1) / 2;
        int numBits = model.projectionSpec().numBits();
        int words = model.projectionSpec().numWords();
        float[] rows = new float[(n + 2 * pad) * width];
        for (int t = 0; t < n; t++) {
            DenseKernels.forward(s.tokenLayer(), unpack(bits, t * words, numBits, model.encoding()), 0, rows,
                    (pad + t) * width);
        }
        float[] pooled = new float[s.outputWidth()];
        Arrays.fill(pooled, Float.NEGATIVE_INFINITY);
        float[] c = new float[s.outputWidth()];
        for (int t = 0; t < n; t++) {
            DenseKernels.forward(s.convLayer(), rows, t * width, c, 0);
            for (int j = 0; j < c.length; j++) {
                pooled[j] = Math.max(pooled[j], c[j]);
            }
        }
        float[] out = pooled;
        for (DenseBlock layer : model.layers()) {
            float[] next = new float[layer.nOut];
            DenseKernels.forward(layer, out, next);
            out = next;
        }
        return out;
    }

    private static float[] unpack(long[] words, int offset, int numBits, BitEncoding encoding) {
        float[] x = new float[numBits];
        PackedBits.unpack(Arrays.copyOfRange(words, offset, offset + (numBits + 63) / 64), numBits, encoding, x, 0);
        return x;
    }

    /** Random words, bits past any token's {@code numBits} included: they must be ignored. */
    private static long[] randomBits(Random random, int words) {
        long[] bits = new long[words];
        for (int w = 0; w < words; w++) {
            bits[w] = random.nextLong();
        }
        return bits;
    }

    private static void assertSame(float[] expected, int expectedOffset, float[] actual, int actualOffset, int n,
                                   String where) {
        for (int j = 0; j < n; j++) {
            float e = expected[expectedOffset + j];
            float a = actual[actualOffset + j];
            assertEquals(Float.floatToRawIntBits(e), Float.floatToRawIntBits(a), where + ", output " + j + ": " + a
                    + " != " + e);
        }
    }
}
