package io.github.dl4jprojection.layers.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.WeightType;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.text.FeatureWeighting;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import io.github.dl4jprojection.runtime.text.TextPredictor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The emitted C of sketch models ({@code pnet_sketch_text}, {@code pnet_sketch_features}, {@code pnet_predict_text})
 * against the Java runtime ({@code SketchProjection}, {@code Predictor.sketch}, {@code Predictor.logitsFeatures}) on
 * the raw bytes of {@link CTextFeaturizerTest#corpus()} (scripts, emoji, ill-formed UTF-8, texts without features,
 * texts longer than the featurizer reads), for random models of B = 1, 64, 1000 (not a power of two: the bucket is a
 * true remainder) and 4096 buckets, 2 and 5 labels, with and without a hidden layer, float32 and int8 weights, count
 * and binary weighting: every sketch value is the same float, bit for bit, and so are the labels and logits;
 * probabilities agree within 1e-5.
 */
class CSketchTest {

    static Stream<Arguments> models() {
        FeaturizerConfig small = FeaturizerConfig.builder().maxCodePoints(256).maxFeatures(64).hashSeed(11).build();
        FeaturizerConfig binary = FeaturizerConfig.builder().weighting(FeatureWeighting.BINARY).wordNgramMax(3)
                .maxSkip(2).charNgrams(2, 5).hashSeed(-7).build();
        InputSpec defaults = InputSpec.features(FeaturizerConfig.defaults().toSection());
        return Stream.of(
                Arguments.of("B 1, 2 labels, float32", ExportTestModels.sketch(3, InputSpec.features(small.toSection()),
                        1, 5, new int[0], new Nonlinearity[0], "ham", "spam")),
                Arguments.of("B 64, ReLU 8, 5 labels, float32, binary", ExportTestModels.sketch(1,
                        InputSpec.features(binary.toSection()), 64, -99, new int[] {8},
                        new Nonlinearity[] {Nonlinearity.RELU}, "a", "b", "c", "d", "e")),
                Arguments.of("B 1000, leaky ReLU 12, 2 labels, int8", ExportTestModels.quantized(ExportTestModels
                        .sketch(2, defaults, 1000, 42, new int[] {12}, new Nonlinearity[] {Nonlinearity.LEAKY_RELU},
                                "ham", "spam"))),
                Arguments.of("B 4096, 5 labels, float32", ExportTestModels.sketch(4, defaults, 4096, Long.MIN_VALUE,
                        new int[0], new Nonlinearity[0], "a", "b", "c", "d", "e")),
                // int8: the header of 4096 x 16 weights compiles in a fraction of the float literals' time.
                Arguments.of("B 4096, ReLU 16, 2 labels, int8", ExportTestModels.quantized(ExportTestModels.sketch(5,
                        InputSpec.features(small.toSection()), 4096, 7, new int[] {16},
                        new Nonlinearity[] {Nonlinearity.RELU}, "ham", "spam"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void cGivesJavasSketchAndScoresOnRawText(String name, ProjectionModel model, @TempDir Path dir) throws Exception {
        List<byte[]> texts = CTextFeaturizerTest.corpus();
        int[] labels = ThreeWayParity.sketch(model, texts, null, null, dir, CDriver.Target.HOST);
        assertEquals(texts.size(), labels.length);
        assertTrue(Arrays.stream(labels).distinct().count() >= 2, name + ": the texts reach several labels");
    }

    /**
     * A sketch model on feature bags of another featurizer ({@code pnet_predict_features}' path): repeated keys, zero,
     * negative-zero, fractional, subnormal and large weights give Java's sketch, and so do two features that cancel in
     * their bucket (a sum of squares of 0: the sketch stays 0); a weight outside [0, 2^24] is refused.
     */
    @Test
    void featureBagsGiveJavasSketchAndBadWeightsAreRefused(@TempDir Path dir) throws Exception {
        ProjectionModel model = ExportTestModels.sketch(6, InputSpec.features(ExportTestModels.featurizer()), 100, 3,
                new int[] {8}, new Nonlinearity[] {Nonlinearity.HARD_TANH}, "x", "y", "z");
        Random random = new Random(17);
        float[] special = {0f, -0f, 1f, 0.5f, 3e-39f, 0x1p24f};
        long[][] keys = new long[61][];
        float[][] weights = new float[keys.length][];
        keys[0] = cancellingPair(model);
        weights[0] = new float[] {2f, 2f};
        for (int r = 1; r < keys.length; r++) {
            int n = r % 20;
            keys[r] = new long[n];
            weights[r] = new float[n];
            for (int j = 0; j < n; j++) {
                keys[r][j] = j > 0 && random.nextInt(4) == 0 ? keys[r][j - 1] : random.nextLong();
                weights[r][j] = random.nextInt(3) == 0 ? special[random.nextInt(special.length)]
                        : 1 + random.nextInt(9) + random.nextFloat();
            }
        }
        int[] labels = ThreeWayParity.features(model, keys, weights, null, null, dir.resolve("bags"));
        assertTrue(Arrays.stream(labels).distinct().count() >= 2, "the bags reach several labels");

        List<String> bad = new ArrayList<>();
        for (float w : new float[] {Float.NaN, Float.POSITIVE_INFINITY, -1f, -Float.MIN_VALUE, 0x1.000002p24f}) {
            bad.add(CDriver.featureLine(new long[] {1, 2}, new float[] {1f, w}, 2));
        }
        List<CDriver.Result> results = CDriver.build(model, dir.resolve("bad")).run(bad, new ArrayList<>());
        for (int i = 0; i < bad.size(); i++) {
            assertEquals(-2, results.get(i).status, bad.get(i) + ": PNET_ERR_NOT_FINITE");
        }
    }

    /** Two keys of the same bucket and opposite signs, found with the Java sketch of each alone (one value of +-1). */
    private static long[] cancellingPair(ProjectionModel model) {
        int buckets = model.projectionSpec().numBits();
        long[] firstOf = new long[2 * buckets];
        boolean[] seen = new boolean[2 * buckets];
        float[] x = new float[buckets];
        for (long key = 0; ; key++) {
            model.predictor().sketch(new long[] {key}, new float[] {1f}, 1, x);
            int b = 0;
            while (x[b] == 0f) {
                b++;
            }
            int sign = x[b] > 0 ? 0 : 1;
            if (seen[2 * b + 1 - sign]) {
                float[] both = new float[buckets];
                long other = firstOf[2 * b + 1 - sign];
                model.predictor().sketch(new long[] {key, other}, new float[] {2f, 2f}, 2, both);
                assertArrayEquals(new float[buckets], both, "the pair cancels to a sketch of +0s");
                return new long[] {key, other};
            }
            seen[2 * b + sign] = true;
            firstOf[2 * b + sign] = key;
        }
    }

    @Test
    void theTextCallsCheckTheirArgumentsAndTheFamily(@TempDir Path dir) throws Exception {
        ProjectionModel model = (ProjectionModel) models().skip(1).findFirst().get().get()[1];
        FeaturizerConfig config = FeaturizerConfig.fromSection(model.input().featurizer());
        CDriver.assumeCompiler();
        List<String> out = CDriver.build(model, dir.resolve("sketch")).runLines(Arrays.asList("x", "k"));
        long scratchBytes = CExporter.textScratchBytes(config);
        String aFeatures = String.valueOf(new TextFeaturizer(config).featurize("a").size());
        String emptyLabel = String.valueOf(TextPredictor.of(model).predict(""));
        assertEquals(Arrays.asList("checks", "-4", "-4", "-1", "-1", "-1", "-1", "-1", aFeatures, emptyLabel,
                String.valueOf(scratchBytes), String.valueOf(scratchBytes)), Arrays.asList(out.get(1).split(" ")),
                "pnet_predict_text of a sketch model checks as for a bag model");
        assertEquals("kinds -3 -3 -3 " + aFeatures + " 0", out.get(2),
                "the bag and sequence calls refuse a sketch model");

        ProjectionModel bag = CortexM4ParityTest.textModel();
        String bagFeatures = String.valueOf(new TextFeaturizer(FeaturizerConfig.fromSection(bag.input().featurizer()))
                .featurize("a").size());
        List<String> bagOut = CDriver.build(bag, dir.resolve("bag")).runLines(Arrays.asList("k"));
        assertEquals("kinds " + bagFeatures + " 0 -3 -3 -3", bagOut.get(1), "the sketch calls refuse a bag model");
    }

    @Test
    void theHeaderHoldsTheSketchAndSizesTheScratch() {
        ProjectionModel model = (ProjectionModel) models().skip(1).findFirst().get().get()[1];
        String header = CExporter.header(model, "topics");
        // The sketch's B = 64 floats, then the first layer's 8 outputs at the other end of the scratch.
        assertTrue(header.contains("#define TOPICS_NUM_BITS 64u\n"), header);
        assertTrue(header.contains("#define TOPICS_SCRATCH_FLOATS 72u\n"), header);
        assertTrue(header.contains("#define TOPICS_SKETCH_BUCKETS 64u\n"), header);
        assertTrue(header.contains(" * Count sketch: B = 64 buckets"), header);
        assertTrue(header.contains("static const pnet_sketch topics_sketch = {pnet_sketch_text, pnet_sketch_features};"),
                header);
        assertTrue(header.contains("    1u, 64u, 64u, 1u,\n    UINT64_C(0xffffffffffffff9d),  /* seed -99 */\n"
                + "    0u, PNET_ZERO_ONE, PNET_FEATURES, TOPICS_N_IN,\n"), header);
        assertTrue(header.contains("&topics_text,\n    NULL, NULL,\n    NULL, 0.0f,\n    NULL,\n    &topics_sketch,\n    NULL\n};"),
                header);
        String int8 = CExporter.header(ExportTestModels.quantized(model), "topics");
        assertTrue(int8.contains("{64u, 8u, 1, " + WeightType.INT8.code() + ", 0x0.0p0f, NULL, topics_l0_quantized,"
                + " topics_l0_scales, topics_l0_bias},"), int8);
        assertTrue(!CExporter.header(CortexM4ParityTest.textModel(), "bag").contains("pnet_sketch"),
                "a bag model's header names no sketch code, so its firmware links none");
    }
}
