package io.github.dl4jprojection.layers.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The emitted C of sequence models ({@code pnet_encode_text}, {@code pnet_predict_text}) against the Java runtime
 * ({@code TokenProjection}, {@code Predictor.logitsTokens}) on the raw bytes of {@link CTextFeaturizerTest#corpus()}
 * (scripts, emoji, ill-formed UTF-8, texts without tokens, texts of more tokens than {@code maxTokens} and than the
 * featurizer reads), for random models of several shapes: one or two 64-bit words per token (with a partial last
 * word), bottleneck widths below and above the 8-wide kernel, convolution widths 1, 3 and 5, both bit encodings,
 * float32 and int8 weights, featurizer caps below a token's feature count. Every token's bits and the labels are
 * identical; logits and probabilities agree within 1e-5.
 */
class CSequenceTest {

    static Stream<Arguments> models() {
        FeaturizerConfig small = FeaturizerConfig.builder().maxCodePoints(256).maxFeatures(64).hashSeed(11).build();
        FeaturizerConfig binary = FeaturizerConfig.builder().weighting(FeatureWeighting.BINARY).wordNgramMax(3)
                .maxSkip(2).charNgrams(2, 5).hashSeed(-7).build();
        FeaturizerConfig capped = FeaturizerConfig.builder().maxCodePoints(64).maxFeatures(4).wordNgramMax(1)
                .maxSkip(4).charNgrams(3, 3).build();
        ProjectionModel base = ExportTestModels.sequence(1, small, ExportTestModels.spec(2, 16, 5, 0.5),
                BitEncoding.ZERO_ONE, 24, 8, Nonlinearity.RELU, 3, 12, Nonlinearity.RELU, new int[] {6},
                new Nonlinearity[] {Nonlinearity.RELU}, "sport", "food", "tech");
        return Stream.of(
                Arguments.of("32 bits, D 8, k 3, C 12, L 24, 0/1", base),
                Arguments.of("100 bits, D 13, k 5, C 9, L 4, -1/+1", ExportTestModels.sequence(2, binary,
                        ExportTestModels.spec(5, 20, 77, 0.25), BitEncoding.PLUS_MINUS_ONE, 4, 13,
                        Nonlinearity.HARD_TANH, 5, 9, Nonlinearity.LEAKY_RELU, new int[0], new Nonlinearity[0],
                        "a", "b", "c", "d")),
                Arguments.of("int8, 64 bits, D 16, k 1, C 8, L 1, F 4", ExportTestModels.quantized(
                        ExportTestModels.sequence(3, capped, ExportTestModels.spec(4, 16, 9, 0.25),
                                BitEncoding.PLUS_MINUS_ONE, 1, 16, Nonlinearity.RELU, 1, 8, Nonlinearity.RELU,
                                new int[0], new Nonlinearity[0], "ham", "spam"))),
                Arguments.of("int8, 32 bits, D 8, k 3, C 12, L 24", ExportTestModels.quantized(base)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void cGivesJavasTokenBitsAndScoresOnRawText(String name, ProjectionModel model, @TempDir Path dir)
            throws Exception {
        List<byte[]> texts = CTextFeaturizerTest.corpus();
        int[] labels = ThreeWayParity.sequence(model, texts, null, null, dir, CDriver.Target.HOST);
        assertEquals(texts.size(), labels.length);
        assertTrue(Arrays.stream(labels).distinct().count() >= 2, name + ": the texts reach several labels");
    }

    @Test
    void theTextCallsCheckTheirArgumentsAndTheFamily(@TempDir Path dir) throws Exception {
        ProjectionModel model = (ProjectionModel) models().findFirst().get().get()[1];
        FeaturizerConfig config = FeaturizerConfig.fromSection(model.input().featurizer());
        CDriver.assumeCompiler();
        List<String> out = CDriver.build(model, dir).runLines(Arrays.asList("x", "k"));
        long scratchBytes = CExporter.textScratchBytes(config);
        int aFeatures = new TextFeaturizer(config).featurize("a").size();
        int emptyLabel = TextPredictor.of(model).predict("");
        assertEquals(Arrays.asList("checks", "-4", "-4", "-1", "-1", "-1", "-1", "-1", String.valueOf(aFeatures),
                String.valueOf(emptyLabel), String.valueOf(scratchBytes), String.valueOf(scratchBytes)),
                Arrays.asList(out.get(1).split(" ")), "pnet_predict_text of a sequence model checks as for a bag model");
        assertEquals("kinds -3 -3 1 -3 -3", out.get(2),
                "the bag and sketch calls refuse a sequence model; \"a\" is one token");
    }

    @Test
    void theHeaderHoldsTheEncoderAndSizesTheScratch() {
        ProjectionModel model = (ProjectionModel) models().findFirst().get().get()[1];
        String header = CExporter.header(model, "topics");
        // 2 C + k D + B = 24 + 24 + 32 floats for the encoder; the dense layers need at most 12 + 6.
        assertTrue(header.contains("#define TOPICS_SCRATCH_FLOATS 80u"), header);
        assertTrue(header.contains("#define TOPICS_MAX_TOKENS 24u\n#define TOPICS_TOKEN_BITS_WORDS 24u"), header);
        assertTrue(header.contains("static const pnet_sequence topics_sequence = {\n    TOPICS_MAX_TOKENS, 3u,\n"
                + "    {32u, 8u, 1, 0, 0x0.0p0f, topics_token_weights, NULL, NULL, topics_token_bias},"), header);
        assertTrue(header.contains("&topics_text,\n    NULL, NULL,\n    NULL, 0.0f,\n    &topics_sequence,\n    NULL,\n    NULL\n};"),
                header);
        String int8 = CExporter.header(ExportTestModels.quantized(model), "topics");
        assertTrue(int8.contains("{24u, 12u, 1, " + WeightType.INT8.code() + ", 0x0.0p0f, NULL, topics_conv_quantized,"
                + " topics_conv_scales, topics_conv_bias},  /* RELU */\n    pnet_encode_text\n};"),
                "pnet_predict_text calls the encoder through the model: " + int8);
    }

    @Test
    void aSequenceModelWithAnotherFeaturizerIsRefused() {
        ProjectionModel model = (ProjectionModel) models().findFirst().get().get()[1];
        ProjectionModel other = model.toBuilder().input(InputSpec.features(ExportTestModels.featurizer())).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CExporter.header(other, "x"));
        assertTrue(e.getMessage().contains("a sequence model runs in C on raw text only, with the "
                + FeaturizerConfig.KIND), e.getMessage());
    }
}
