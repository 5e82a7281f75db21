package io.github.dl4jprojection.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.text.TokenProjection;
import io.github.dl4jprojection.runtime.model.ModelFormatException.Problem;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import io.github.dl4jprojection.runtime.text.TextPredictor;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sequence family of format version 2: building, the file, prediction and its errors. */
class SequenceModelTest {

    private static final ProjectionModel MODEL = GoldenFiles.sequence();

    @Test
    void roundTripsThroughVersion2AndRefusesVersion1() throws Exception {
        byte[] bytes = ModelWriter.toBytes(MODEL, FormatVersions.forVersion(2));
        assertEquals(2, ModelReader.le32(bytes, 8));
        ProjectionModel back = ProjectionModel.load(bytes);
        assertArrayEquals(bytes, ModelWriter.toBytes(back, FormatVersions.forVersion(2)));
        assertEquals(12, back.sequenceEncoder().maxTokens());
        assertEquals(3, back.sequenceEncoder().convWidth());
        assertEquals(MODEL.numParameters(), back.numParameters());
        assertThrows(IllegalArgumentException.class, () -> ModelWriter.toBytes(MODEL, FormatVersions.forVersion(1)));
        assertNull(ProjectionModel.load(ModelWriter.toBytes(TestModels.smallFeatures(3))).sequenceEncoder());
    }

    @Test
    void predictionMatchesTheDoublePrecisionReferenceAndDoesNotDependOnEarlierTexts() {
        Random random = new Random(7);
        int words = MODEL.projectionSpec().numWords();
        Predictor reused = MODEL.predictor();
        float[] p = new float[3];
        float[] fresh = new float[3];
        for (int c = 0; c < 200; c++) {
            int n = 1 + random.nextInt(12);
            long[] bits = new long[12 * words];
            for (int i = 0; i < n * words; i++) {
                bits[i] = random.nextLong() & 0xFFFFFFFFL;
            }
            reused.scoresTokens(bits, n, p);
            MODEL.predictor().scoresTokens(bits, n, fresh);
            assertArrayEquals(fresh, p, "a predictor's earlier, longer texts must not leak into a shorter one");
            double[] reference = TestModels.referenceSoftmax(TestModels.referenceSequenceLogits(MODEL, bits, n));
            for (int j = 0; j < 3; j++) {
                assertEquals(reference[j], p[j], 1e-5);
            }
        }
    }

    @Test
    void wrongCallsAreRefusedWithTheRightMethodNamed() {
        Predictor predictor = MODEL.predictor();
        long[] bits = new long[12];
        IllegalStateException bag = assertThrows(IllegalStateException.class,
                () -> predictor.predictFeatures(new long[1], new float[] {1}, 1));
        assertTrue(bag.getMessage().contains("predictTokens"), bag.getMessage());
        assertThrows(IllegalArgumentException.class, () -> predictor.predictTokens(bits, 0));
        assertThrows(IllegalArgumentException.class, () -> predictor.predictTokens(bits, 13));
        assertThrows(IllegalArgumentException.class, () -> predictor.predictTokens(new long[3], 4));
        assertThrows(IllegalArgumentException.class, () -> predictor.predictTokens(null, 1));
        assertThrows(IllegalArgumentException.class, () -> predictor.scoresTokens(bits, 1, new float[2]));
        IllegalStateException tokens = assertThrows(IllegalStateException.class,
                () -> TestModels.smallFeatures(1).predictor().predictTokens(bits, 1));
        assertTrue(tokens.getMessage().contains("predictFeatures"), tokens.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TextPredictor.of(MODEL).predict(null));
    }

    @Test
    void builderChecksTheEncoderAgainstTheModel() {
        SequenceEncoder encoder = MODEL.sequenceEncoder();
        IllegalArgumentException dense = assertThrows(IllegalArgumentException.class,
                () -> TestModels.smallDense(1).toBuilder().sequenceEncoder(encoder).build());
        assertTrue(dense.getMessage().contains("FEATURES"), dense.getMessage());
        Random random = new Random(1);
        DenseBlock token = TestModels.randomBlock(random, 33, 6, Nonlinearity.RELU, 1);
        IllegalArgumentException bits = assertThrows(IllegalArgumentException.class, () -> MODEL.toBuilder()
                .sequenceEncoder(SequenceEncoder.of(12, token, 3, encoder.convLayer())).build());
        assertTrue(bits.getMessage().contains("tokenLayer.nIn must be T * d = 32"), bits.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SequenceEncoder.of(12, encoder.tokenLayer(), 2,
                encoder.convLayer()));
        assertThrows(IllegalArgumentException.class, () -> SequenceEncoder.of(12, encoder.tokenLayer(), 5,
                encoder.convLayer()));
        assertThrows(IllegalArgumentException.class, () -> SequenceEncoder.of(0, encoder.tokenLayer(), 3,
                encoder.convLayer()));
        IllegalArgumentException first = assertThrows(IllegalArgumentException.class, () -> MODEL.toBuilder()
                .layers(java.util.Collections.singletonList(TestModels.randomBlock(random, 6, 3,
                        Nonlinearity.IDENTITY, 1))).build());
        assertTrue(first.getMessage().contains("sequence encoder's output width"), first.getMessage());
    }

    /** Offsets of the sequence section in the golden model: an even width and an unknown pooling are refused. */
    @Test
    void corruptSequenceSectionsAreRejected() throws Exception {
        byte[] good = ModelWriter.toBytes(MODEL);
        int section = 20 + 20 + sectionLength(MODEL.input().featurizer());
        assertEquals(12, ModelReader.le32(good, section));
        int tokenRecord = 16 + 4 * (32 * 6) + 4 * 6;
        int widthAt = section + 4 + tokenRecord;
        assertEquals(3, ModelReader.le32(good, widthAt));
        byte[] even = good.clone();
        even[widthAt] = 2;
        assertRejected(even, "convWidth must be odd, got 2");
        int poolingAt = widthAt + 4 + 16 + 4 * (18 * 5) + 4 * 5;
        byte[] pooling = good.clone();
        pooling[poolingAt] = 1;
        assertRejected(pooling, "unknown pooling code 1");
        byte[] tokens = good.clone();
        tokens[section] = 0;
        assertRejected(tokens, "maxTokens");
        byte[] tokenIn = good.clone();
        tokenIn[section + 4] = 31;
        assertRejected(tokenIn, "sequence token layer: at content offset");
        assertRejected(tokenIn, "nIn is 31 but its input has 32 values");
    }

    @Test
    void textPredictionAllocatesNothingInSteadyState() {
        TextPredictor predictor = TextPredictor.of(MODEL);
        float[] p = new float[3];
        String[] texts = {"free money now!!! unsubscribe", "", "Meeting at noon, caf\u00E9?", "a b c d e f g h i j k l m"};
        for (int i = 0; i < 500; i++) {
            predictor.scores(texts[i % texts.length], p);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < 1000; i++) {
                predictor.scores(texts[i % texts.length], p);
            }
            best = Math.min(best, threads.getThreadAllocatedBytes(id) - before);
        }
        assertTrue(best < 1000, "bytes allocated by 1000 predictions: " + best);
    }

    @Test
    void textPredictorUsesTheModelsOwnTokenProjection() {
        FeaturizerConfig config = FeaturizerConfig.fromSection(MODEL.input().featurizer());
        TokenProjection tokens = new TokenProjection(config, MODEL.projectionSpec(), 12);
        long[] bits = new long[12 * tokens.numWords()];
        String text = "Re: free money, don't wait";
        int n = tokens.project(text, tokens.newScratch(), bits);
        assertEquals(MODEL.predictor().predictTokens(bits, n), TextPredictor.of(MODEL).predict(text));
        assertEquals(BitEncoding.ZERO_ONE, MODEL.encoding());
    }

    private static void assertRejected(byte[] content, String part) {
        byte[] sealed = ModelBytes.resealed(content);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ProjectionModel.load(sealed));
        assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        assertTrue(e.problem() == Problem.INVALID_VALUE || e.problem() == Problem.SIZE_OUT_OF_RANGE, e.getMessage());
    }

    /** Bytes of a FEATURES input section: str kind, u32 version, map settings. */
    private static int sectionLength(FeaturizerSection f) {
        int n = 4 + utf8(f.kind()) + 4 + 4;
        for (java.util.Map.Entry<String, String> e : f.settings().entrySet()) {
            n += 4 + utf8(e.getKey()) + 4 + utf8(e.getValue());
        }
        return n;
    }

    private static int utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
