package io.github.dl4jprojection.layers.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.text.FeaturizerScratch;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.internal.text.TextTables;
import io.github.dl4jprojection.runtime.model.FeaturizerSection;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import io.github.dl4jprojection.runtime.model.Predictor;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.text.FeatureWeighting;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The C text featurizer ({@code pnet_featurize_text}, {@code pnet_project_text}) against the Java reference
 * ({@link TextFeaturizer#featurizeUtf8}, the runtime {@link Predictor}) on the same raw bytes: the same bag (keys and
 * counts, in order), the same bits, label and probabilities, for a corpus of scripts, emoji, control characters,
 * ill-formed UTF-8, empty and over-long texts, under several featurizer settings; and the C code point tables against
 * {@link TextTables} on every code point.
 */
class CTextFeaturizerTest {

    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of("defaults", FeaturizerConfig.defaults()),
                Arguments.of("binary, no char n-grams, trigrams, skip 2", FeaturizerConfig.builder().weighting(
                        FeatureWeighting.BINARY).noCharNgrams().wordNgramMax(3).maxSkip(2).hashSeed(-123456789L)
                        .build()),
                Arguments.of("no case folding, char 2..8 only", FeaturizerConfig.builder().caseFold(false)
                        .wordNgramMax(0).maxSkip(0).charNgrams(2, 8).hashSeed(42).build()),
                Arguments.of("N 64, F 16, skip 4", FeaturizerConfig.builder().maxCodePoints(64).maxFeatures(16)
                        .wordNgramMax(1).maxSkip(4).charNgrams(3, 3).hashSeed(Long.MIN_VALUE).build()),
                Arguments.of("N 1, F 1", FeaturizerConfig.builder().maxCodePoints(1).maxFeatures(1).wordNgramMax(1)
                        .maxSkip(0).noCharNgrams().build()));
    }

    /** The corpus: UTF-8 texts of several scripts and every kind of ill-formed input the spec names. */
    static List<byte[]> corpus() {
        List<byte[]> texts = new ArrayList<>();
        for (String s : new String[] {
                "Hi, Bob!", "la la la", "The quick brown fox jumps over the lazy dog. 3.14 don't v1agra mp3 2002",
                "Ça va? ÉLÈVE naïve, FAÇADE, Straße, Ĳ İstanbul ı ŉ ǅ ſ Ǆ",
                "Съешь же ещё этих мягких французских булок, да выпей чаю. ЁЖ Ѣ Ӂ",
                "ΣΊΣΥΦΟΣ σίσυφος ΟΔΥΣΣΕΥΣ Οδυσσεύς ς ΐ µ ϐ ϴ ͅ",
                "Hello мир κόσμος 世界 مرحبا، שלום׃ नमस्ते। สวัสดี๏ Ռուսաստան։ ｆｕｌｌ！ 𝐀𝐁",
                "👍🏽 great job 👩🏿‍💻 ❤️ 🇫🇷 😀😀😀 a\uD83C\uDFFBb",
                "a\u0000b\tc\u0007d\u001Fe\u007Ff\u0085g\u00A0h\u2028i\r\nj\u3000k",
                "soft\u00ADhyphen zero\u200Bwidth join\u200Der bidi\u202Etext\uFEFF tag\uDB40\uDC41s",
                "e\u0301 é café CAFÉ", "", "   \t\n  \u2003 ", "\u00AD\u200D\uFE0F", "!!!", "x",
                "no-break\u00A0space ½ ² © ™ → ∑ 「引用」 ＠ \uE000 \uDB80\uDC00"}) {
            texts.add(s.getBytes(StandardCharsets.UTF_8));
        }
        int[][] illFormed = {
                {0x80, 'a', 0xBF, 0xBF}, {'a', 0xE2, 0x82}, {0xE2, 0x82, 'x', 0xE2}, {0xF0, 0x9F, 0x98, 'a', 0xF0},
                {0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80, 'z'}, {0xED, 0x9F, 0xBF}, {0xC0, 0xAF, 0xC1, 0xBF},
                {0xE0, 0x80, 0xAF, 0xE0, 0x9F, 0xBF}, {0xF0, 0x80, 0x80, 0xAF, 0xF0, 0x8F, 0xBF, 0xBF},
                {0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF}, {0xF4, 0x90, 0x80, 0x80},
                {0xF4, 0x8F, 0xBF, 0xBF, 'a', 0xC2}, {'a', 0xC2, 0x41, 'b', 0xDF, 0xC0}, {0xE1, 0x80, 0xE1, 0x80, 0x80},
                {0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBE}, {'w', 0xCC, 0x81, 'o', 0xFF, 'r', 'd'}};
        for (int[] bytes : illFormed) {
            byte[] b = new byte[bytes.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) bytes[i];
            }
            texts.add(b);
        }
        StringBuilder longText = new StringBuilder();
        for (int i = 0; longText.length() < 6000; i++) {
            longText.append(i % 7 == 0 ? "Ünïcödé " : "word").append(i).append(i % 5 == 0 ? ". " : " ");
        }
        texts.add(longText.toString().getBytes(StandardCharsets.UTF_8));
        // The fullest scratch: N four-byte code points as N symbol tokens, as one word, and as two long words.
        StringBuilder emoji = new StringBuilder();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < 4100; i++) {
            emoji.appendCodePoint(0x1F600 + i % 64);
            word.appendCodePoint(0x20000 + i % 7);
        }
        texts.add(emoji.toString().getBytes(StandardCharsets.UTF_8));
        texts.add(word.toString().getBytes(StandardCharsets.UTF_8));
        texts.add((word.substring(0, 62) + " " + word.substring(0, 62)).getBytes(StandardCharsets.UTF_8));
        Random random = new Random(5);
        for (int r = 0; r < 40; r++) {
            texts.add(r % 2 == 0 ? randomBytes(random) : randomCodePoints(random));
        }
        return texts;
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(120)];
        for (int i = 0; i < b.length; i++) {
            // Mostly ASCII letters and spaces, with lead and continuation bytes often enough to form sequences.
            int kind = random.nextInt(4);
            b[i] = (byte) (kind == 0 ? 'a' + random.nextInt(6) : kind == 1 ? ' ' : random.nextInt(256));
        }
        return b;
    }

    private static byte[] randomCodePoints(Random random) {
        int[] bases = {0x41, 0xC0, 0x370, 0x400, 0x2000, 0x3000, 0xFE00, 0x1F300, 0xE0000, 0x10FFF0};
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(80);
        for (int i = 0; i < n; i++) {
            int cp = random.nextInt(5) == 0 ? ' ' : bases[random.nextInt(bases.length)] + random.nextInt(16);
            s.appendCodePoint(cp);
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ProjectionModel model(FeaturizerConfig config, long seed) {
        return ExportTestModels.build(seed, InputSpec.features(config.toSection()),
                ExportTestModels.spec(5, 16, seed, 0.5), seed % 2 == 0 ? BitEncoding.ZERO_ONE
                        : BitEncoding.PLUS_MINUS_ONE, new int[] {8}, new Nonlinearity[] {Nonlinearity.RELU},
                "alpha", "beta", "gamma");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void cBagBitsAndLabelsEqualJavaOnEveryText(String name, FeaturizerConfig config, @TempDir Path dir)
            throws Exception {
        ProjectionModel model = model(config, name.length());
        List<byte[]> texts = corpus();
        List<String> lines = new ArrayList<>();
        for (byte[] t : texts) {
            lines.add(CDriver.textLine('b', t));
            lines.add(CDriver.textLine('t', t));
        }
        lines.add("x");

        CDriver.assumeCompiler();
        List<String> out = CDriver.build(model, dir).runLines(lines);
        assertEquals(1 + lines.size(), out.size(), "one line per input line after the labels");

        TextFeaturizer featurizer = new TextFeaturizer(config);
        FeaturizerScratch scratch = featurizer.newScratch();
        Predictor predictor = model.predictor();
        float[] weights = new float[config.maxFeatures()];
        int capped = 0;
        int truncated = 0;
        for (int r = 0; r < texts.size(); r++) {
            byte[] t = texts.get(r);
            String where = name + ", text " + r + " " + Arrays.toString(Arrays.copyOf(t, Math.min(t.length, 24)));
            int n = featurizer.featurizeUtf8(t, 0, t.length, scratch);
            StringBuilder bag = new StringBuilder("bag ").append(n);
            for (int j = 0; j < n; j++) {
                bag.append(' ').append(String.format("%016x", scratch.keys()[j])).append(':')
                        .append(scratch.counts()[j]);
                weights[j] = config.weighting() == FeatureWeighting.BINARY ? 1f : scratch.counts()[j];
            }
            assertEquals(bag.toString(), out.get(1 + 2 * r), where + ": bag, Java vs C");
            long[] bits = new long[model.projectionSpec().numWords()];
            float[] p = new float[model.numLabels()];
            predictor.projectFeatures(scratch.keys(), weights, n, bits);
            int label = predictor.scoresFeatures(scratch.keys(), weights, n, p);
            CDriver.assertMatches(CDriver.parse(out.get(2 + 2 * r)), bits, label, null, p, false, where);
            capped += n == config.maxFeatures() ? 1 : 0;
            truncated += new String(t, StandardCharsets.UTF_8).codePointCount(0, new String(t,
                    StandardCharsets.UTF_8).length()) > config.maxCodePoints() ? 1 : 0;
        }
        assertTrue(truncated > 0, "the corpus has a text longer than N");
        if (config.maxFeatures() <= 16) {
            assertTrue(capped > 0, "some texts reach the cap F");
        }

        String[] checks = out.get(out.size() - 1).split(" ");
        long scratchBytes = CExporter.textScratchBytes(config);
        int aFeatures = featurizer.featurize("a").size();
        int emptyLabel = predictor.predictFeatures(new long[0], new float[0], 0);
        assertEquals(Arrays.asList("checks", "-4", "-4", "-1", "-1", "-1", "-1", "-1", String.valueOf(aFeatures),
                String.valueOf(emptyLabel), String.valueOf(scratchBytes), String.valueOf(scratchBytes)),
                Arrays.asList(checks), "scratch 8 bytes short, misaligned, null text, model, text scratch, scratch,"
                        + " keys; then 'a', the empty text and the stated scratch sizes");
    }

    @Test
    void cTablesEqualJavaTablesOnEveryCodePoint(@TempDir Path dir) throws Exception {
        List<String> expected = new ArrayList<>();
        int lastClass = -1;
        int lastDelta = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                continue;
            }
            int c = TextTables.classOf(cp);
            int delta = TextTables.fold(cp) - cp;
            if (c != lastClass || delta != lastDelta) {
                expected.add(Integer.toHexString(cp) + " " + c + " " + Integer.toHexString(TextTables.fold(cp)));
                lastClass = c;
                lastDelta = delta;
            }
        }
        CDriver.assumeCompiler();
        List<String> out = CDriver.build(model(FeaturizerConfig.defaults(), 3), dir, "pnet_text_tables_driver.c",
                false).runLines(new ArrayList<>());
        assertTrue(expected.size() > 500, "stride-2 fold runs alone change the folding at every other code point");
        assertEquals(expected, out, "class and folding change points over 0..10FFFF, Java vs C");
    }

    @Test
    void headerCarriesTheFeaturizerOnlyForSgnnTextVersion1(@TempDir Path dir) {
        FeaturizerConfig config = FeaturizerConfig.builder().maxCodePoints(100).maxFeatures(50).hashSeed(-1).build();
        String text = CExporter.header(model(config, 1), "spam");
        assertTrue(text.contains("#define SPAM_TEXT_SCRATCH_BYTES " + CExporter.textScratchBytes(config) + "u"), text);
        assertTrue(text.contains("#define SPAM_TEXT_MAX_CODE_POINTS 100u"), text);
        assertTrue(text.contains("&spam_text,\n    NULL, NULL,\n    NULL, 0.0f,\n    NULL,\n    NULL,\n    NULL\n};"),
                "the featurizer, no precomputed columns, not integer-only: " + text);
        assertTrue(text.contains("UINT64_C(0xffffffffffffffff),  /* hashSeed -1 */"), text);
        assertTrue(text.contains("pnet_predict_text(&spam_model"), "the usage comment names the text call");

        for (FeaturizerSection other : new FeaturizerSection[] {ExportTestModels.featurizer(),
                FeaturizerSection.of(FeaturizerConfig.KIND, 2, config.toSettings())}) {
            String header = CExporter.header(ExportTestModels.build(1, InputSpec.features(other),
                    ExportTestModels.spec(2, 8, 1, 1), BitEncoding.ZERO_ONE, new int[0], new Nonlinearity[0], "a",
                    "b"), "bags");
            assertFalse(header.contains("TEXT_SCRATCH_BYTES"), header);
            assertTrue(header.contains("    NULL,\n    NULL, NULL,\n    NULL, 0.0f,\n    NULL,\n    NULL,\n    NULL\n};"), "no featurizer: text is NULL");
        }

        Map<String, String> bad = new LinkedHashMap<>(config.toSettings());
        bad.put("maxSkip", "9");
        // Invalid settings never reach the exporter: the model (like a loaded file) is refused when built.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExportTestModels.build(1, InputSpec.features(FeaturizerSection.of(FeaturizerConfig.KIND, 1, bad)),
                        ExportTestModels.spec(2, 8, 1, 1), BitEncoding.ZERO_ONE, new int[0], new Nonlinearity[0], "a",
                        "b"));
        assertTrue(e.getMessage().contains("maxSkip"), e.getMessage());
    }

    @Test
    void scratchBytesFollowTheLayout() {
        FeaturizerConfig small = FeaturizerConfig.builder().maxCodePoints(1).maxFeatures(1).wordNgramMax(1).maxSkip(0)
                .noCharNgrams().build();
        // 16F + 4 * 2 slots + 26N + 1 = 51, rounded up to 56.
        assertEquals(56, CExporter.textScratchBytes(small));
        FeaturizerConfig defaults = FeaturizerConfig.defaults();
        long n = defaults.maxCodePoints();
        long f = defaults.maxFeatures();
        assertEquals(16 * f + 4 * 8192 + 30 * n + 2 + 6, CExporter.textScratchBytes(defaults));
        assertTrue(CExporter.textScratchBytes(defaults) <= 32 * f + 30 * n + 9);
        FeaturizerConfig device = FeaturizerConfig.builder().maxCodePoints(512).maxFeatures(512).build();
        assertEquals(16 * 512 + 4 * 1024 + 30 * 512 + 2 + 6, CExporter.textScratchBytes(device));
        assertArrayEquals(new long[] {0}, new long[] {CExporter.textScratchBytes(defaults) % 8});
    }
}
