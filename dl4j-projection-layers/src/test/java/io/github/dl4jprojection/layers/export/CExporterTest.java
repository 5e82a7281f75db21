package io.github.dl4jprojection.layers.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.FashionMnist128;
import io.github.dl4jprojection.runtime.internal.model.LibraryVersion;
import io.github.dl4jprojection.runtime.model.InputKind;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import io.github.dl4jprojection.runtime.model.PnetFormat;
import io.github.dl4jprojection.runtime.model.Predictor;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted C against the Java runtime: identical bits and labels on many random inputs,
 * probabilities within 1e-5, and bit-identical logits whenever the network has no tanh or sigmoid
 * (the only operations whose last bit depends on the math library).
 */
class CExporterTest {

    private static final int CASES = 600;

    @Test
    void float32DenseModelsMatchJavaExactly(@TempDir Path dir) throws Exception {
        CDriver.assumeCompiler();
        ProjectionModel model = ExportTestModels.build(1, InputSpec.image(6, 5, 1),
                ExportTestModels.spec(9, 11, 77, 0.25), BitEncoding.PLUS_MINUS_ONE, new int[] {16, 12},
                new Nonlinearity[] {Nonlinearity.RELU, Nonlinearity.LEAKY_RELU}, "zéro", "один", "二?", "\"q\"\\");
        assertDenseParity(model, dir, true);
    }

    @Test
    void int8AndTranscendentalModelsMatchJava(@TempDir Path dir) throws Exception {
        CDriver.assumeCompiler();
        ProjectionModel hardTanh = ExportTestModels.build(2, InputSpec.dense(40),
                ExportTestModels.spec(3, 64, -5, 1.0 / 64), BitEncoding.ZERO_ONE, new int[] {10},
                new Nonlinearity[] {Nonlinearity.HARD_TANH}, "a", "b", "c");
        assertDenseParity(ExportTestModels.quantized(hardTanh), dir.resolve("int8"), true);
        ProjectionModel smooth = ExportTestModels.build(3, InputSpec.dense(25),
                ExportTestModels.spec(20, 7, Long.MAX_VALUE, 0.5), BitEncoding.PLUS_MINUS_ONE, new int[] {14, 9},
                new Nonlinearity[] {Nonlinearity.SIGMOID, Nonlinearity.TANH}, "x", "y", "z", "w", "v");
        assertDenseParity(smooth, dir.resolve("f32-smooth"), false);
        assertDenseParity(ExportTestModels.quantized(smooth), dir.resolve("int8-smooth"), false);
    }

    @Test
    void mnistSizedModelWithoutHiddenLayersMatchesJava(@TempDir Path dir) throws Exception {
        CDriver.assumeCompiler();
        ProjectionModel model = ExportTestModels.build(4, InputSpec.image(28, 28, 1),
                ExportTestModels.spec(60, 12, 42, 0.25), BitEncoding.PLUS_MINUS_ONE, new int[0], new Nonlinearity[0],
                "0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertDenseParity(model, dir, true);
    }

    @Test
    void precomputedColumnsGiveTheSameBitsAndSums(@TempDir Path dir) throws Exception {
        CDriver.Target target = CDriver.Target.HOST_PRECOMPUTED_COLUMNS;
        ProjectionModel image = ExportTestModels.build(4, InputSpec.image(28, 28, 1),
                ExportTestModels.spec(16, 16, 42, 1.0 / 16), BitEncoding.PLUS_MINUS_ONE, new int[0],
                new Nonlinearity[0], FashionMnist128.LABEL_NAMES.toArray(new String[0]));
        ThreeWayParity.dense(image, FashionMnist128.images(), null, null, dir.resolve("image"), target);
        ProjectionModel hidden = ExportTestModels.build(1, InputSpec.image(6, 5, 1),
                ExportTestModels.spec(9, 11, 77, 1), BitEncoding.ZERO_ONE, new int[] {16},
                new Nonlinearity[] {Nonlinearity.RELU}, "a", "b", "c");
        Random random = new Random(5);
        float[][] x = new float[200][];
        for (int r = 0; r < x.length; r++) {
            x[r] = ExportTestModels.randomInput(random, 30);
        }
        ThreeWayParity.dense(hidden, x, null, null, dir.resolve("hidden"), target);
        String header = CExporter.header(hidden, "dense", true);
        assertTrue(header.contains("dense_column_starts, dense_columns,\n    NULL, 0.0f,\n    NULL,\n    NULL,\n    NULL\n};"), "the model points at its columns");

        ProjectionModel text = ExportTestModels.build(8, InputSpec.features(FeaturizerConfig.defaults().toSection()),
                ExportTestModels.spec(4, 16, 43, 0.25), BitEncoding.ZERO_ONE, new int[0], new Nonlinearity[0],
                "ham", "spam");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CExporter.header(text, "text", true));
        assertTrue(e.getMessage().contains("dense (image) models only"), e.getMessage());
    }

    @Test
    void featureModelsMatchJava(@TempDir Path dir) throws Exception {
        CDriver.assumeCompiler();
        ProjectionModel model = ExportTestModels.build(5, InputSpec.features(ExportTestModels.featurizer()),
                ExportTestModels.spec(14, 10, 9, 0.125), BitEncoding.ZERO_ONE, new int[] {8},
                new Nonlinearity[] {Nonlinearity.RELU}, "ham", "spam");
        CDriver c = CDriver.build(model, dir);
        Random random = new Random(6);
        List<String> lines = new ArrayList<>();
        List<long[]> keyList = new ArrayList<>();
        List<float[]> weightList = new ArrayList<>();
        for (int r = 0; r < CASES; r++) {
            int count = random.nextInt(30);
            long[] keys = new long[count];
            float[] weights = new float[count];
            for (int j = 0; j < count; j++) {
                keys[j] = random.nextLong();
                weights[j] = random.nextBoolean() ? 1 + random.nextInt(3) : (float) random.nextGaussian();
            }
            keyList.add(keys);
            weightList.add(weights);
            lines.add(CDriver.featureLine(keys, weights, count));
        }
        lines.add(CDriver.featureLine(new long[] {1, 2}, new float[] {1, Float.POSITIVE_INFINITY}, 2));
        lines.add("!");
        List<String> labels = new ArrayList<>();
        List<CDriver.Result> results = c.run(lines, labels);
        assertEquals(model.labels(), labels);
        Predictor predictor = model.predictor();
        long[] bits = new long[model.projectionSpec().numWords()];
        float[] logits = new float[model.numLabels()];
        float[] p = new float[model.numLabels()];
        for (int r = 0; r < CASES; r++) {
            long[] keys = keyList.get(r);
            float[] weights = weightList.get(r);
            predictor.projectFeatures(keys, weights, keys.length, bits);
            int label = predictor.scoresFeatures(keys, weights, keys.length, p);
            CDriver.assertMatches(results.get(r), bits, label, null, p, true, "case " + r);
        }
        assertEquals(-2, results.get(CASES).status, "infinite weight");
        assertEquals(-3, results.get(CASES + 1).status, "dense call on a feature model");
    }

    @Test
    void headerIsStampedAndNamesAreChecked(@TempDir Path dir) throws Exception {
        ProjectionModel model = ExportTestModels.build(7, InputSpec.dense(4), ExportTestModels.spec(2, 8, 1, 1),
                BitEncoding.PLUS_MINUS_ONE, new int[0], new Nonlinearity[0], "a", "b");
        Path header = CExporter.export(model, dir, "tiny_model");
        String text = new String(Files.readAllBytes(header), java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(text.contains("Generated by dl4j-projection " + LibraryVersion.get()), text);
        assertTrue(text.contains("do not edit"));
        assertTrue(text.contains("#define TINY_MODEL_SCRATCH_FLOATS 18u"), text);
        assertTrue(text.contains("static const pnet_model tiny_model_model"));
        assertTrue(!text.contains("*/ /*") && !text.contains("??"), "comment text must be neutralized");
        for (String file : CExporter.RUNTIME_FILES) {
            assertTrue(Files.size(dir.resolve(file)) > 0);
        }
        assertEquals(text, CExporter.header(model, "tiny_model"), "the output depends only on the model");
        for (String bad : new String[] {"", "1abc", "int", "my-model", "pnet_x", null}) {
            assertThrows(IllegalArgumentException.class, () -> CExporter.header(model, bad), String.valueOf(bad));
        }
        assertEquals("\"a\\077\\077=\\042\\134\\303\\251\"", CExporter.stringLiteral("a??=\"\\é"));
    }

    @Test
    void headerFileNameIsPrefixedSoItShadowsNoSystemHeader(@TempDir Path dir) throws Exception {
        ProjectionModel model = ExportTestModels.build(7, InputSpec.dense(4), ExportTestModels.spec(2, 8, 1, 1),
                BitEncoding.PLUS_MINUS_ONE, new int[0], new Nonlinearity[0], "a", "b");
        Path header = CExporter.export(model, dir, "features");
        assertEquals(dir.resolve("pnet_model_features.h"), header);
        assertTrue(!Files.exists(dir.resolve("features.h")), "features.h would shadow glibc's <features.h>");
        assertEquals("pnet_model_features.h", CExporter.headerFileName("features"));
        String text = new String(Files.readAllBytes(header), java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(text.contains("#ifndef PNET_MODEL_FEATURES_H\n") && text.contains("pnet_model_features.h was"),
                text);
    }

    @Test
    void everyLabelByteSurvivesTheCStringLiteralsAndNulIsRefused(@TempDir Path dir) throws Exception {
        CDriver.assumeCompiler();
        String[] labels = {"tab\there", "line\nbreak", "quote\"back\\slash", "??=trigraph?", "caf\u00e9 \ud83d\ude00",
            "\u0001" + "7 digits after an escape", "del\u007f", "\u00ff\u0080"};
        ProjectionModel model = ExportTestModels.build(7, InputSpec.dense(4), ExportTestModels.spec(2, 4, 1, 1),
                BitEncoding.PLUS_MINUS_ONE, new int[0], new Nonlinearity[0], labels);
        List<String> printed = CDriver.build(model, dir, "pnet_labels_driver.c", true).runLines(new ArrayList<>());
        assertEquals(labels.length, printed.size(), String.valueOf(printed));
        for (int j = 0; j < labels.length; j++) {
            StringBuilder hex = new StringBuilder("label");
            for (byte b : labels[j].getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                hex.append(String.format(" %02x", b & 0xFF));
            }
            assertEquals(hex.toString(), printed.get(j), "label " + j);
        }
        ProjectionModel nul = ExportTestModels.build(7, InputSpec.dense(4), ExportTestModels.spec(2, 4, 1, 1),
                BitEncoding.PLUS_MINUS_ONE, new int[0], new Nonlinearity[0], "ok", "cut\u0000short");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CExporter.export(nul, dir.resolve("nul"), "testnet"));
        assertTrue(e.getMessage().startsWith("label 1 \"cut\\0short\" holds a NUL character"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("nul")), "nothing is written for a refused model");
    }

    @Test
    void formatVersionIsTheRuntimesOwn(@TempDir Path dir) throws Exception {
        ProjectionModel model = ExportTestModels.build(7, InputSpec.dense(4), ExportTestModels.spec(2, 8, 1, 1),
                BitEncoding.PLUS_MINUS_ONE, new int[0], new Nonlinearity[0], "a", "b");
        CExporter.export(model, dir, "tiny_model");
        String runtime = new String(Files.readAllBytes(dir.resolve("pnet_runtime.h")),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("#define PNET_FORMAT_VERSION (\\S+)\n")
                .matcher(runtime);
        assertTrue(m.find(), "pnet_runtime.h defines PNET_FORMAT_VERSION");
        assertEquals(Integer.toString(PnetFormat.VERSION), m.group(1));
        assertTrue(!runtime.contains(CExporter.FORMAT_VERSION_TOKEN));
        assertTrue(CExporter.header(model, "tiny_model").contains("#if PNET_FORMAT_VERSION != " + PnetFormat.VERSION
                + "\n#error"));
    }

    private static void assertDenseParity(ProjectionModel model, Path dir, boolean exactLogits) throws Exception {
        assertEquals(InputKind.DENSE, model.input().kind());
        CDriver c = CDriver.build(model, dir);
        Random random = new Random(model.layers().size() * 31L + model.projectionSpec().numBits());
        int n = model.input().nIn();
        List<float[]> inputs = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < CASES; r++) {
            float[] x = ExportTestModels.randomInput(random, n);
            inputs.add(x);
            lines.add(CDriver.denseLine(x));
        }
        float[] nan = new float[n];
        nan[n - 1] = Float.NaN;
        lines.add(CDriver.denseLine(nan));
        lines.add("!");
        List<String> labels = new ArrayList<>();
        List<CDriver.Result> results = c.run(lines, labels);
        assertEquals(model.labels(), labels, "label names survive the C string literals");
        Predictor predictor = model.predictor();
        long[] bits = new long[model.projectionSpec().numWords()];
        float[] logits = new float[model.numLabels()];
        float[] p = new float[model.numLabels()];
        int[] labelCounts = new int[model.numLabels()];
        for (int r = 0; r < CASES; r++) {
            float[] x = inputs.get(r);
            predictor.project(x, bits);
            predictor.logits(x, logits);
            int label = predictor.scores(x, p);
            labelCounts[label]++;
            CDriver.assertMatches(results.get(r), bits, label, logits, p, exactLogits, "case " + r);
        }
        assertEquals(-2, results.get(CASES).status, "NaN input");
        assertEquals(-3, results.get(CASES + 1).status, "feature call on a dense model");
        int used = 0;
        for (int count : labelCounts) {
            used += count > 0 ? 1 : 0;
        }
        assertTrue(used >= 2, "the random inputs should reach several labels: " + java.util.Arrays.toString(labelCounts)
                + " for " + model);
    }
}
