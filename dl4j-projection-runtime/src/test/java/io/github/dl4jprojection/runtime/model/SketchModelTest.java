package io.github.dl4jprojection.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.hash.XxHash64;
import io.github.dl4jprojection.runtime.internal.projection.CountSketch;
import io.github.dl4jprojection.runtime.internal.text.FeaturizerScratch;
import io.github.dl4jprojection.runtime.internal.text.SketchProjection;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.text.FeatureWeighting;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import io.github.dl4jprojection.runtime.text.TextPredictor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The SKETCH family: the count sketch's formula, the model's rules, prediction, the format-4 round trip. */
class SketchModelTest {

    private static final String[] TEXTS = {"", "Free money!!! Click now", "meeting at noon, see the agenda",
        "café 日本 \uD83D\uDE00 don't $100", "free free free free money money"};

    @Test
    void oneFeatureIsPlusOrMinusOneInItsHashedBucket() {
        CountSketch sketch = new CountSketch(1000, 77L);
        Random random = new Random(1);
        for (int c = 0; c < 50; c++) {
            long key = random.nextLong();
            float[] x = new float[1003];
            sketch.project(new long[] {key}, new float[] {1 + random.nextInt(9)}, 1, x, 3);
            long h = XxHash64.hashLong(key, 77L);
            int bucket = (int) Long.remainderUnsigned(h >>> 1, 1000);
            for (int b = 0; b < 1003; b++) {
                float expected = b != 3 + bucket ? 0f : (h & 1) == 0 ? 1f : -1f;
                assertEquals(expected, x[b], "key " + key + ", output " + b);
            }
        }
    }

    @Test
    void valuesAreTheSquareRootsOfTheWeightsScaledToUnitNorm() {
        Random random = new Random(2);
        for (int c = 0; c < 40; c++) {
            int buckets = 1 + random.nextInt(64);
            int n = random.nextInt(30);
            long[] keys = TestModels.randomKeys(random);
            float[] weights = new float[keys.length];
            for (int j = 0; j < weights.length; j++) {
                weights[j] = random.nextInt(5) == 0 ? random.nextFloat() * 3 : 1 + random.nextInt(20);
            }
            n = Math.min(n, keys.length);
            float[] x = new float[buckets];
            new CountSketch(buckets, c).project(keys, weights, n, x, 0);
            double[] reference = TestModels.referenceSketch(keys, weights, n, buckets, c);
            double sumOfSquares = 0;
            for (int b = 0; b < buckets; b++) {
                assertEquals(reference[b], x[b], 1e-6, "case " + c + ", bucket " + b);
                sumOfSquares += x[b] * (double) x[b];
            }
            assertEquals(n == 0 ? 0 : 1, sumOfSquares, 1e-5, "case " + c + ": the norm");
        }
    }

    @Test
    void featuresThatCancelGiveZerosNotNaN() {
        long key = 12345L;
        float[] x = {7f, 7f};
        new CountSketch(2, 0L).project(new long[] {key, key}, new float[] {4f, 0f}, 2, x, 0);
        assertEquals(1f, Math.abs(x[0]) + Math.abs(x[1]));
        new CountSketch(2, 0L).project(new long[] {key}, new float[] {0f}, 1, x, 0);
        assertArrayEquals(new float[] {0f, 0f}, x);
    }

    @Test
    void badBucketsAndWeightsAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CountSketch(0, 1L)).getMessage()
                .contains("buckets"));
        assertThrows(IllegalArgumentException.class, () -> new CountSketch(CountSketch.MAX_BUCKETS + 1, 1L));
        CountSketch sketch = new CountSketch(8, 1L);
        for (float w : new float[] {-1f, Float.NaN, Float.POSITIVE_INFINITY, 1e9f}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> sketch.project(new long[] {1L, 2L}, new float[] {1f, w}, 2, new float[8], 0));
            assertTrue(e.getMessage().contains("weight 1"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> sketch.project(new long[] {1L}, new float[] {1f}, 1, new float[9], 2));
    }

    @Test
    void aTextsSketchIsTheSketchOfItsFeatureBag() {
        for (FeatureWeighting weighting : FeatureWeighting.values()) {
            FeaturizerConfig config = FeaturizerConfig.builder().weighting(weighting).build();
            SketchProjection projection = new SketchProjection(config, 97, -5L);
            TextFeaturizer featurizer = new TextFeaturizer(config);
            FeaturizerScratch scratch = featurizer.newScratch();
            for (String text : TEXTS) {
                int n = featurizer.featurize(text, scratch);
                float[] weights = new float[n];
                TextFeaturizer.weights(weighting, scratch.counts(), n, weights);
                float[] expected = new float[97];
                new CountSketch(97, -5L).project(scratch.keys(), weights, n, expected, 0);
                assertArrayEquals(expected, projection.project(text), weighting + " " + text);
                byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                float[] fromUtf8 = new float[97];
                assertEquals(n, projection.projectUtf8(utf8, 0, utf8.length, projection.newScratch(), fromUtf8, 0));
                assertArrayEquals(expected, fromUtf8, "UTF-8 " + text);
            }
        }
    }

    @Test
    void aSketchModelPredictsFromItsSketchAndFromText() throws Exception {
        Random random = new Random(3);
        for (boolean int8 : new boolean[] {false, true}) {
            ProjectionModel model = sketchModel(random, 50, int8);
            ProjectionModel loaded = ProjectionModel.load(ModelWriter.toBytes(model));
            assertEquals(ModelFamily.SKETCH, loaded.family());
            assertArrayEquals(ModelWriter.toBytes(model), ModelWriter.toBytes(loaded));
            TextPredictor text = TextPredictor.of(loaded);
            SketchProjection projection = new SketchProjection(FeaturizerConfig.defaults(), 50, 99L);
            Predictor predictor = loaded.predictor();
            for (String t : TEXTS) {
                float[] x = projection.project(t);
                double[] reference = TestModels.referenceDenseLogits(loaded, toDouble(x));
                float[] p = new float[3];
                float[] logits = new float[3];
                int label = text.scores(t, p);
                assertEquals(argmax(reference), label, t);
                FeaturizerScratch scratch = new TextFeaturizer(FeaturizerConfig.defaults()).newScratch();
                int n = new TextFeaturizer(FeaturizerConfig.defaults()).featurize(t, scratch);
                float[] weights = new float[n];
                TextFeaturizer.weights(FeatureWeighting.COUNT, scratch.counts(), n, weights);
                assertEquals(label, predictor.logitsFeatures(scratch.keys(), weights, n, logits));
                float[] sketch = new float[50];
                predictor.sketch(scratch.keys(), weights, n, sketch);
                assertArrayEquals(x, sketch, t);
                for (int j = 0; j < 3; j++) {
                    assertEquals(reference[j], logits[j], 1e-4, t + ": logit " + j);
                }
            }
        }
    }

    @Test
    void aSketchModelHasNoBitsAndNoOlderFormat() {
        ProjectionModel model = sketchModel(new Random(4), 16, false);
        Predictor predictor = model.predictor();
        assertThrows(IllegalStateException.class,
                () -> predictor.projectFeatures(new long[] {1L}, new float[] {1f}, 1, new long[1]));
        assertThrows(IllegalStateException.class, () -> predictor.predictTokens(new long[1], 1));
        for (int v = 1; v <= 3; v++) {
            FormatCodec codec = FormatVersions.forVersion(v);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ModelWriter.toBytes(model, codec));
            assertTrue(e.getMessage().contains("version 4 can"), e.getMessage());
        }
        ProjectionModel bag = TestModels.smallFeatures(5);
        assertThrows(IllegalStateException.class, () -> bag.predictor().sketch(new long[0], new float[0], 0,
                new float[80]));
    }

    @Test
    void aVersion3FileWithTheSketchFamilyIsRefused() {
        byte[] bytes = ModelWriter.toBytes(sketchModel(new Random(6), 16, false));
        bytes[8] = 3;
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ProjectionModel.load(bytes));
        assertTrue(e.getMessage().contains("model family"), e.getMessage());
    }

    @Test
    void theBuilderRefusesWhatASketchCannotBe() {
        Random random = new Random(7);
        ProjectionModel.Builder ok = sketchModel(random, 8, false).toBuilder();
        assertTrue(message(() -> ok.input(InputSpec.dense(4)).build()).contains("FEATURES"));
        ProjectionModel.Builder dense = sketchModel(random, 8, false).toBuilder();
        assertTrue(message(() -> dense.projection(TestModels.spec(1, 8, 1L, 0.5)).build()).contains("density"));
        ProjectionModel.Builder encoded = sketchModel(random, 8, false).toBuilder();
        assertTrue(message(() -> encoded.encoding(BitEncoding.PLUS_MINUS_ONE).build()).contains("ZERO_ONE"));
        ProjectionModel.Builder wide = sketchModel(random, 8, false).toBuilder();
        assertTrue(message(() -> wide.projection(TestModels.spec(1, 9, 99L, 1)).build()).contains("buckets"));
        ProjectionModel.Builder sequence = sketchModel(random, 8, false).toBuilder().family(ModelFamily.SEQUENCE);
        assertTrue(message(sequence::build).contains("needs a sequence encoder"));
    }

    /** A SKETCH model on the default featurizer: B buckets, seed 99, a TANH hidden layer of 6, 3 labels. */
    static ProjectionModel sketchModel(Random random, int buckets, boolean int8) {
        ProjectionModel model = ProjectionModel.builder().family(ModelFamily.SKETCH)
                .projection(TestModels.spec(1, buckets, 99L, 1)).encoding(BitEncoding.ZERO_ONE)
                .input(InputSpec.features(FeaturizerConfig.defaults().toSection()))
                .addLayer(TestModels.randomBlock(random, buckets, 6, Nonlinearity.TANH, 0.8f))
                .addLayer(TestModels.randomBlock(random, 6, 3, Nonlinearity.IDENTITY, 0.8f))
                .labels("a", "b", "c").build();
        return int8 ? TestModels.quantized(model) : model;
    }

    private static String message(Runnable build) {
        return assertThrows(IllegalArgumentException.class, build::run).getMessage();
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    private static int argmax(double[] z) {
        int best = 0;
        for (int j = 1; j < z.length; j++) {
            best = z[j] > z[best] ? j : best;
        }
        return best;
    }
}
