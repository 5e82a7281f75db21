package io.github.dl4jprojection.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.internal.projection.PatchBits;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The PATCH forward pass against the plain implementation of {@link PatchModels#referenceLogits} (explicit loops over
 * 3-D arrays), over shapes where the floors matter, both encodings, float32 and int8.
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
                float[] expected = PatchModels.referenceLogits(model, x);
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
                    long[] bits = PatchModels.referencePatchBits(model, x, i, j);
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
