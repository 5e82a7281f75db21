package io.github.dl4jprojection.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.model.Int8Quantizer;
import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectionModelTest {

    @Test
    void writeThenLoadGivesTheSameModelAndTheSameBytes() throws Exception {
        for (ProjectionModel model : new ProjectionModel[] {TestModels.smallDense(1), TestModels.smallFeatures(2),
                TestModels.quantized(TestModels.smallDense(3))}) {
            byte[] bytes = ModelWriter.toBytes(model);
            ProjectionModel loaded = ProjectionModel.load(bytes);
            assertArrayEquals(bytes, ModelWriter.toBytes(loaded));
            assertEquals(model.projectionSpec(), loaded.projectionSpec());
            assertEquals(model.encoding(), loaded.encoding());
            assertEquals(model.input(), loaded.input());
            assertEquals(model.labels(), loaded.labels());
            assertEquals(new ArrayList<>(model.provenance().entrySet()),
                    new ArrayList<>(loaded.provenance().entrySet()));
            assertEquals(model.numParameters(), loaded.numParameters());
        }
    }

    @Test
    void sameModelGivesSameBytesAndStreamAndPathLoadAgree(@TempDir Path dir) throws Exception {
        byte[] a = ModelWriter.toBytes(TestModels.smallDense(7));
        byte[] b = ModelWriter.toBytes(TestModels.smallDense(7));
        assertArrayEquals(a, b);
        assertNotEquals(Arrays.hashCode(a), Arrays.hashCode(ModelWriter.toBytes(TestModels.smallDense(8))));
        Path file = dir.resolve("m" + PnetFormat.FILE_EXTENSION);
        ModelWriter.write(TestModels.smallDense(7), file);
        assertArrayEquals(a, Files.readAllBytes(file));
        assertArrayEquals(a, ModelWriter.toBytes(ProjectionModel.load(file)));
        assertArrayEquals(a, ModelWriter.toBytes(ProjectionModel.load(new ByteArrayInputStream(a))));
    }

    @Test
    void denseModelMatchesDoublePrecisionReference() {
        for (ProjectionModel model : new ProjectionModel[] {TestModels.smallDense(11),
                TestModels.quantized(TestModels.smallDense(12)),
                TestModels.denseBuilder(13, InputSpec.dense(20), TestModels.spec(16, 8, 5, 1), BitEncoding.ZERO_ONE,
                        new int[] {9, 8}, new Nonlinearity[] {Nonlinearity.LEAKY_RELU, Nonlinearity.HARD_TANH}, 4)
                        .build()}) {
            Predictor predictor = model.predictor();
            Random random = new Random(4);
            float[] p = new float[model.numLabels()];
            float[] logits = new float[model.numLabels()];
            long[] bits = new long[model.projectionSpec().numWords()];
            for (int r = 0; r < 200; r++) {
                float[] x = TestModels.randomInput(random, model.input().nIn());
                long[] expectedBits = TestModels.bits(model, x);
                predictor.project(x, bits);
                assertArrayEquals(expectedBits, bits);
                double[] z = TestModels.referenceLogits(model, expectedBits);
                double[] q = TestModels.referenceSoftmax(z);
                int label = predictor.scores(x, p);
                predictor.logits(x, logits);
                double sum = 0;
                for (int j = 0; j < q.length; j++) {
                    assertEquals(q[j], p[j], 1e-5, "probability " + j);
                    assertEquals(z[j], logits[j], 1e-4 * Math.max(1, Math.abs(z[j])), "logit " + j);
                    sum += p[j];
                }
                assertEquals(1.0, sum, 1e-5);
                assertEquals(label, predictor.predict(x));
                assertEquals(label, model.predict(x));
                assertEquals(referenceArgmax(z), label);
            }
        }
    }

    private static int referenceArgmax(double[] z) {
        int best = 0;
        for (int j = 1; j < z.length; j++) {
            if (z[j] > z[best]) {
                best = j;
            }
        }
        return best;
    }

    @Test
    void featureModelProjectsHashedFeatures() {
        ProjectionModel model = TestModels.smallFeatures(21);
        assertEquals(InputKind.FEATURES, model.input().kind());
        assertEquals("test-featurizer", model.input().featurizer().kind());
        assertEquals("1,2", model.input().featurizer().settings().get("ngrams"));
        Random random = new Random(5);
        Predictor predictor = model.predictor();
        LshProjection reference = LshProjection.forFeatures(model.projectionSpec());
        float[] p = new float[model.numLabels()];
        for (int r = 0; r < 100; r++) {
            int count = random.nextInt(12);
            long[] keys = new long[count + 3];
            float[] weights = new float[count + 3];
            for (int j = 0; j < count; j++) {
                keys[j] = random.nextLong();
                weights[j] = 1 + random.nextInt(3);
            }
            long[] expected = new long[model.projectionSpec().numWords()];
            reference.projectFeatures(keys, weights, count, new float[model.projectionSpec().numBits()],
                    new long[2 * expected.length], expected);
            long[] bits = new long[expected.length];
            predictor.projectFeatures(keys, weights, count, bits);
            assertArrayEquals(expected, bits);
            double[] q = TestModels.referenceSoftmax(TestModels.referenceLogits(model, expected));
            int label = predictor.scoresFeatures(keys, weights, count, p);
            for (int j = 0; j < q.length; j++) {
                assertEquals(q[j], p[j], 1e-5);
            }
            assertEquals(label, model.predictFeatures(keys, weights, count));
        }
        IllegalStateException dense = assertThrows(IllegalStateException.class, () -> model.predict(new float[3]));
        assertTrue(dense.getMessage().contains("predictFeatures"), dense.getMessage());
        IllegalStateException features = assertThrows(IllegalStateException.class,
                () -> TestModels.smallDense(1).predictFeatures(new long[1], new float[1], 1));
        assertTrue(features.getMessage().contains("DENSE"), features.getMessage());
    }

    @Test
    void badInputsAreRejectedWithClearMessages() {
        ProjectionModel model = TestModels.smallDense(31);
        Predictor predictor = model.predictor();
        assertMessage(assertThrows(IllegalArgumentException.class, () -> predictor.predict(null)), "must not be null");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> predictor.predict(new float[11])),
                "length must be 12, got 11");
        float[] nan = new float[12];
        nan[4] = Float.NaN;
        assertMessage(assertThrows(IllegalArgumentException.class, () -> model.predict(nan)), "input value 4");
        float[] inf = new float[12];
        inf[0] = Float.NEGATIVE_INFINITY;
        assertMessage(assertThrows(IllegalArgumentException.class, () -> predictor.scores(inf, new float[3])),
                "not finite");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> predictor.scores(new float[12], new float[2])),
                "must hold 3 values");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> predictor.scores(new float[12], null)),
                "got null");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> predictor.project(new float[12], new long[0])),
                "bits output");
        ProjectionModel features = TestModels.smallFeatures(3);
        float[] weights = {1, Float.NaN};
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> features.predictFeatures(new long[2], weights, 2)), "not finite");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> features.predictFeatures(new long[2], new float[2], 3)), "count");
        assertEquals("label-2", model.labelName(2));
        assertEquals(1, model.labelIndex("label-1"));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> model.labelName(3)), "[0, 3)");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> model.labelIndex("cat")), "unknown label");
    }

    @Test
    void builderNamesTheBrokenRule() {
        ProjectionModel good = TestModels.smallDense(41);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> good.toBuilder().labels("a", "b").build()),
                "3 outputs");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> good.toBuilder()
                .labels("a", "b", "a").build()), "distinct");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> good.toBuilder()
                .labels("a", "", "c").build()), "labels[1] must not be empty");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> good.toBuilder()
                .labels("a", "b\uD800", "c").build()), "unpaired surrogate");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> good.toBuilder()
                .layers(good.layers().subList(1, 3)).build()), "layers[0].nIn must be 32");
        DenseBlock relu = DenseBlock.float32(32, 3, new float[96], new float[3], Nonlinearity.RELU);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> good.toBuilder()
                .layers(Arrays.asList(relu)).build()), "must be IDENTITY");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> good.toBuilder()
                .provenance("", "x").build()), "key must not be empty");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> good.toBuilder().input(null).build()),
                "input");
        float[] huge = new float[96];
        Arrays.fill(huge, 1e29f);
        DenseBlock overflow = DenseBlock.float32(32, 3, huge, new float[3], Nonlinearity.IDENTITY);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> good.toBuilder()
                .layers(Arrays.asList(overflow)).build()), "overflow");
        float[] nan = new float[96];
        nan[5] = Float.NaN;
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> DenseBlock.float32(32, 3, nan, new float[3], Nonlinearity.IDENTITY)), "weights [1][2]");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> DenseBlock.float32(32, 3, new float[96], new float[3], Nonlinearity.RELU, 0.5f)), "alpha");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> DenseBlock.int8(2, 1, new byte[] {1, -128}, new float[1], new float[1], Nonlinearity.IDENTITY)),
                "-128");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> InputSpec.image(0, 3, 1)), "height");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> FeaturizerSection.of("k", 0, new java.util.HashMap<String, String>())), "version");
    }

    @Test
    void int8QuantizationStaysCloseAndUsesPerOutputScales() {
        Random random = new Random(6);
        DenseBlock f = TestModels.randomBlock(random, 40, 5, Nonlinearity.RELU, 1f);
        DenseBlock q = Int8Quantizer.quantize(f);
        assertEquals(WeightType.INT8, q.weightType());
        float[] scales = q.scales();
        for (int j = 0; j < 5; j++) {
            float maxAbs = 0;
            for (int i = 0; i < 40; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(f.weight(i, j)));
                assertEquals(f.weight(i, j), q.weight(i, j), scales[j] / 2 * 1.0001, "weight " + i + "," + j);
            }
            assertEquals(maxAbs / 127f, scales[j]);
        }
        assertArrayEquals(f.bias(), q.bias());
        DenseBlock zero = Int8Quantizer.quantize(DenseBlock.float32(2, 2, new float[4], new float[2],
                Nonlinearity.IDENTITY));
        assertArrayEquals(new float[2], zero.scales());
    }

    @Test
    void predictorsOnManyThreadsAgreeWithOneThread() throws Exception {
        ProjectionModel model = TestModels.smallDense(51);
        Random random = new Random(8);
        float[][] inputs = new float[300][];
        int[] expected = new int[inputs.length];
        for (int r = 0; r < inputs.length; r++) {
            inputs[r] = TestModels.randomInput(random, 12);
            expected[r] = model.predictor().predict(inputs[r]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    int[] got = new int[inputs.length];
                    for (int rep = 0; rep < 20; rep++) {
                        for (int r = 0; r < inputs.length; r++) {
                            got[r] = model.predict(inputs[r]);
                        }
                    }
                    return got;
                }));
            }
            for (Future<int[]> f : results) {
                assertArrayEquals(expected, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void predictAllocatesNothingInSteadyState() {
        ProjectionModel model = TestModels.quantized(TestModels.smallDense(61));
        Predictor predictor = model.predictor();
        float[] x = TestModels.randomInput(new Random(1), 12);
        float[] p = new float[3];
        long allocated = TestModels.allocatedBytes(() -> predictor.scores(x, p) + model.predict(x));
        assertTrue(allocated < 20000, "40000 predictions allocated " + allocated + " bytes");
    }

    private static void assertMessage(Throwable e, String part) {
        assertTrue(e.getMessage() != null && e.getMessage().contains(part),
                "expected a message containing '" + part + "', got: " + e.getMessage());
    }
}
