package io.github.dl4jprojection.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.internal.projection.PatchBits;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The PATCH forward pass against a plain implementation written here with explicit loops over 3-D arrays: the patch
 * gathered pixel by pixel and projected alone, the bit map, each convolution output computed from its window, the
 * max pools, the flattening and the dense layers, in the float32 order of docs/FORMAT.md 5.2.
 */
class PatchPredictorTest {

    /** {h, w, c, window, stride, T, d}, then the stages {kernel, outChannels, pool}. */
    private static final int[][][] SHAPES = {
        {{7, 6, 1, 3, 1, 4, 2}, {2, 3, 2}},                   // one stage, pool 2 of a 4 x 3 map: 2 x 1
        {{9, 10, 3, 4, 2, 3, 3}},                             // no stage, 3 channels, stride 2
        {{12, 11, 1, 2, 1, 2, 4}, {3, 4, 2}, {2, 5, 1}},      // two stages, pool 2 of 9 x 8, then no pool
        {{15, 13, 3, 3, 2, 5, 1}, {2, 4, 3}, {1, 3, 1}},      // stride 2, 3 channels, pool 3 of 6 x 5: 2 x 1
        {{5, 5, 2, 1, 1, 8, 2}, {3, 9, 1}},                   // 1 x 1 patches, 16 bits
    };

    private static List<ProjectionModel> models() {
        List<ProjectionModel> models = new ArrayList<>();
        for (int m = 0; m < SHAPES.length; m++) {
            int[] a = SHAPES[m][0];
            int[][] stages = new int[SHAPES[m].length - 1][];
            System.arraycopy(SHAPES[m], 1, stages, 0, stages.length);
            for (BitEncoding encoding : BitEncoding.values()) {
                ProjectionSpec spec = TestModels.spec(a[5], a[6], 31L * m + encoding.ordinal(), m % 2 == 0 ? 1 : 0.25);
                ProjectionModel model = PatchModels.builder(7L * m, a[0], a[1], a[2], spec, encoding, a[3], a[4],
                        stages, m % 2 == 0 ? 6 : 0, 4).build();
                models.add(model);
                models.add(PatchModels.quantized(model));
            }
        }
        return models;
    }

    private static float[] image(Random random, int n, boolean pixels) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = pixels ? random.nextInt(4) == 0 ? 0f : random.nextInt(256) : (float) random.nextGaussian();
        }
        return x;
    }

    @Test
    void logitsAndBitsEqualThePlainImplementation() {
        Random random = new Random(11);
        for (ProjectionModel model : models()) {
            Predictor predictor = model.predictor();
            InputSpec in = model.input();
            for (int r = 0; r < 6; r++) {
                float[] x = image(random, in.nIn(), r % 2 == 0);
                float[][][] map = referenceBitMap(model, x);
                for (ConvStage stage : model.patchEncoder().stages()) {
                    map = referenceStage(stage, map);
                }
                float[] expected = referenceDense(model, flatten(map));
                float[] logits = new float[model.numLabels()];
                int label = predictor.logits(x, logits);
                assertArrayEquals(expected, logits, model + ", input " + r);
                assertEquals(argmax(expected), label);
                assertEquals(label, predictor.predict(x));
                assertEquals(label, predictor.scores(x, new float[model.numLabels()]));
                assertEquals(label, model.predict(x));
            }
        }
    }

    @Test
    void projectGivesEveryPatchsBitsPositionMajor() {
        Random random = new Random(12);
        for (ProjectionModel model : models()) {
            InputSpec in = model.input();
            PatchEncoder encoder = model.patchEncoder();
            int p = encoder.window();
            int s = encoder.stride();
            int rows = (in.height() - p) / s + 1;
            int columns = (in.width() - p) / s + 1;
            int numBits = model.projectionSpec().numBits();
            float[] x = image(random, in.nIn(), true);
            long[] out = new long[(rows * columns * numBits + 63) / 64 + 1];
            out[out.length - 1] = 42L;
            model.predictor().project(x, out);
            assertEquals(42L, out[out.length - 1], "project writes ceil(H0 * W0 * B / 64) longs only");
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < columns; j++) {
                    long[] bits = patchBits(model, x, i, j);
                    for (int b = 0; b < numBits; b++) {
                        assertEquals(PackedBits.get(bits, b), PackedBits.get(out, (i * columns + j) * numBits + b),
                                model + ": position " + i + ", " + j + ", bit " + b);
                    }
                }
            }
            PatchBits patchBits = new PatchBits(model.projectionSpec(), in.height(), in.width(), in.channels(), p, s);
            assertEquals(rows, patchBits.rows());
            assertEquals(columns, patchBits.columns());
            assertEquals(rows * columns, patchBits.positions());
            assertEquals((rows * columns * numBits + 63) / 64, patchBits.outputWords());
        }
    }

    @Test
    void badInputsAndCallsOfOtherFamiliesAreRefused() {
        ProjectionModel model = PatchModels.small(3);
        Predictor predictor = model.predictor();
        assertThrows(IllegalArgumentException.class, () -> predictor.predict(new float[41]));
        assertThrows(IllegalArgumentException.class, () -> predictor.predict(null));
        float[] nan = new float[42];
        nan[17] = Float.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> predictor.predict(nan)).getMessage()
                .contains("input value 17"));
        assertThrows(IllegalArgumentException.class, () -> predictor.project(new float[42], new long[1]));
        assertThrows(IllegalStateException.class, () -> predictor.predictFeatures(new long[0], new float[0], 0));
        assertTrue(assertThrows(IllegalStateException.class, () -> predictor.predictTokens(new long[1], 1))
                .getMessage().contains("PATCH"));
        assertTrue(assertThrows(IllegalStateException.class, () -> predictor.sketch(new long[0], new float[0], 0,
                new float[8])).getMessage().contains("PATCH"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Int8Calibrator.of(model)).getMessage()
                .contains("PATCH"));
        byte[] pixels = new byte[42];
        pixels[3] = (byte) 200;
        float[] x = new float[42];
        x[3] = 200f;
        assertEquals(predictor.predict(x), predictor.predictPixels(pixels));
    }

    @Test
    void predictAllocatesNothingInSteadyState() {
        for (ProjectionModel model : new ProjectionModel[] {PatchModels.small(61),
                PatchModels.quantized(PatchModels.small(62))}) {
            Predictor predictor = model.predictor();
            float[] x = image(new Random(1), model.input().nIn(), true);
            float[] p = new float[model.numLabels()];
            long[] bits = new long[64];
            long allocated = TestModels.allocatedBytes(() -> {
                predictor.project(x, bits);
                return predictor.scores(x, p) + predictor.logits(x, p) + model.predict(x);
            });
            assertTrue(allocated < 20000, "60000 predictions allocated " + allocated + " bytes");
        }
    }

    /** The bits of position (i, j): its patch gathered by the formula, then the reference projection alone. */
    private static long[] patchBits(ProjectionModel model, float[] x, int i, int j) {
        InputSpec in = model.input();
        int p = model.patchEncoder().window();
        int s = model.patchEncoder().stride();
        int c = in.channels();
        float[] v = new float[p * p * c];
        for (int dy = 0; dy < p; dy++) {
            for (int dx = 0; dx < p; dx++) {
                for (int ch = 0; ch < c; ch++) {
                    v[(dy * p + dx) * c + ch] = x[(ch * in.height() + i * s + dy) * in.width() + j * s + dx];
                }
            }
        }
        return LshProjection.forDenseInput(model.projectionSpec(), p * p * c).project(v);
    }

    private static float[][][] referenceBitMap(ProjectionModel model, float[] x) {
        InputSpec in = model.input();
        int p = model.patchEncoder().window();
        int s = model.patchEncoder().stride();
        int rows = (in.height() - p) / s + 1;
        int columns = (in.width() - p) / s + 1;
        int numBits = model.projectionSpec().numBits();
        float[][][] map = new float[numBits][rows][columns];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                long[] bits = patchBits(model, x, i, j);
                for (int b = 0; b < numBits; b++) {
                    map[b][i][j] = PackedBits.get(bits, b) ? model.encoding().on() : model.encoding().off();
                }
            }
        }
        return map;
    }

    /** One stage: every convolution output from its own window, then the max of each whole q x q pool. */
    private static float[][][] referenceStage(ConvStage stage, float[][][] a) {
        int k = stage.kernel();
        int q = stage.pool();
        int cin = a.length;
        int hc = a[0].length - k + 1;
        int wc = a[0][0].length - k + 1;
        DenseBlock conv = stage.conv();
        float[][][] z = new float[conv.nOut()][hc][wc];
        for (int i = 0; i < hc; i++) {
            for (int j = 0; j < wc; j++) {
                float[] u = new float[k * k * cin];
                for (int dy = 0; dy < k; dy++) {
                    for (int dx = 0; dx < k; dx++) {
                        for (int ci = 0; ci < cin; ci++) {
                            u[(dy * k + dx) * cin + ci] = a[ci][i + dy][j + dx];
                        }
                    }
                }
                float[] out = referenceLayer(conv, u);
                for (int co = 0; co < out.length; co++) {
                    z[co][i][j] = out[co];
                }
            }
        }
        float[][][] pooled = new float[conv.nOut()][hc / q][wc / q];
        for (int co = 0; co < pooled.length; co++) {
            for (int i = 0; i < hc / q; i++) {
                for (int j = 0; j < wc / q; j++) {
                    float best = z[co][i * q][j * q];
                    for (int dy = 0; dy < q; dy++) {
                        for (int dx = 0; dx < q; dx++) {
                            best = Math.max(best, z[co][i * q + dy][j * q + dx]);
                        }
                    }
                    pooled[co][i][j] = best;
                }
            }
        }
        return pooled;
    }

    private static float[] flatten(float[][][] a) {
        int h = a[0].length;
        int w = a[0][0].length;
        float[] g = new float[a.length * h * w];
        for (int c = 0; c < a.length; c++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    g[c * h * w + i * w + j] = a[c][i][j];
                }
            }
        }
        return g;
    }

    private static float[] referenceDense(ProjectionModel model, float[] g) {
        float[] h = g;
        for (DenseBlock layer : model.layers()) {
            h = referenceLayer(layer, h);
        }
        return h;
    }

    /**
     * {@code f(x W + b)} output by output, every product summed in increasing row order from +0 in float32; an INT8
     * block sums {@code x * q} and then scales. Only the functions the test models use: RELU and IDENTITY.
     */
    private static float[] referenceLayer(DenseBlock layer, float[] x) {
        boolean int8 = layer.weightType() == WeightType.INT8;
        float[] out = new float[layer.nOut()];
        for (int j = 0; j < out.length; j++) {
            float sum = 0f;
            for (int i = 0; i < layer.nIn(); i++) {
                sum += x[i] * (int8 ? layer.quantizedWeights()[i * layer.nOut() + j] : layer.weight(i, j));
            }
            float z = int8 ? sum * layer.scales()[j] + layer.bias()[j] : sum + layer.bias()[j];
            out[j] = layer.nonlinearity() == Nonlinearity.RELU ? (z > 0f ? z : 0f) : z;
        }
        return out;
    }

    private static int argmax(float[] z) {
        int best = 0;
        for (int j = 1; j < z.length; j++) {
            if (z[j] > z[best]) {
                best = j;
            }
        }
        return best;
    }
}
