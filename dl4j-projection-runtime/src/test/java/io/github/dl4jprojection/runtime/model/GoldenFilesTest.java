package io.github.dl4jprojection.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.text.SketchProjection;
import io.github.dl4jprojection.runtime.internal.text.TokenProjection;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import io.github.dl4jprojection.runtime.text.TextPredictor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every committed golden folder {@code golden/v<N>} (written by an earlier build, see
 * {@link GoldenFiles}): each model loads, predicts exactly the bits, labels and probabilities
 * recorded in its {@code .expected.txt}, and writing it again with its version's codec reproduces
 * the file byte for byte. The folders are discovered, not listed, and every version the runtime
 * reads must have one: a new version cannot be registered without golden files of its own.
 */
class GoldenFilesTest {

    private static final String ROOT = "/golden";
    private static final String EXPECTED = ".expected.txt";

    /** The committed golden folders by version, as the test class path holds them. */
    private static SortedMap<Integer, Path> goldenFolders() throws IOException, URISyntaxException {
        URL root = GoldenFilesTest.class.getResource(ROOT);
        assertNotNull(root, "no " + ROOT + " folder among the test resources");
        SortedMap<Integer, Path> folders = new TreeMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Paths.get(root.toURI()), "v*")) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                assertTrue(Files.isDirectory(dir) && name.matches("v[1-9][0-9]*"),
                        "golden folders are named v<version>: " + dir);
                folders.put(Integer.parseInt(name.substring(1)), dir);
            }
        }
        return folders;
    }

    private static List<Path> models(Path folder) throws IOException {
        List<Path> models = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + PnetFormat.FILE_EXTENSION)) {
            for (Path file : files) {
                models.add(file);
            }
        }
        Collections.sort(models);
        return models;
    }

    @Test
    void everyReadableVersionHasGoldenFilesAndEveryFolderIsReadable() throws Exception {
        SortedMap<Integer, Path> folders = goldenFolders();
        List<Integer> readable = new ArrayList<>();
        for (int v : FormatVersions.versions()) {
            readable.add(v);
            assertTrue(folders.containsKey(v), "format version " + v + " is read but has no golden folder "
                    + ROOT + "/v" + v + " (generate one with GoldenFiles)");
            assertFalse(models(folders.get(v)).isEmpty(), "golden folder v" + v + " holds no model");
        }
        assertEquals(readable, new ArrayList<>(folders.keySet()),
                "golden folders of versions this runtime does not read: drop the folder or register the codec");
    }

    @TestFactory
    List<DynamicTest> goldenModelsPredictExactlyAsRecorded() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<Integer, Path> folder : goldenFolders().entrySet()) {
            int version = folder.getKey();
            for (Path file : models(folder.getValue())) {
                String name = file.getFileName().toString();
                String base = name.substring(0, name.length() - PnetFormat.FILE_EXTENSION.length());
                tests.add(DynamicTest.dynamicTest("v" + version + "/" + base,
                        () -> checkGoldenModel(version, file, file.resolveSibling(base + EXPECTED))));
            }
        }
        return tests;
    }

    private static void checkGoldenModel(int version, Path file, Path expectedFile) throws IOException {
        String where = "v" + version + "/" + file.getFileName();
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(version, ModelReader.le32(bytes, 8), where + ": the header's version is not its folder's");
        ProjectionModel model = ProjectionModel.load(bytes);
        FormatCodec codec = FormatVersions.forVersion(version);
        assertArrayEquals(bytes, ModelWriter.toBytes(model, codec), where + ": rewriting changed the bytes");
        if (version == PnetFormat.VERSION) {
            assertArrayEquals(bytes, ModelWriter.toBytes(model), where + ": the writer changed the bytes");
        }
        assertTrue(Files.isRegularFile(expectedFile), where + ": no " + expectedFile.getFileName());
        String[] lines = new String(Files.readAllBytes(expectedFile), StandardCharsets.UTF_8).split("\n");
        assertTrue(lines.length > 0 && !lines[0].isEmpty(), where + ": no cases");
        Predictor predictor = model.predictor();
        for (int c = 0; c < lines.length; c++) {
            check(model, predictor, fields(lines[c]), where + " case " + c);
        }
    }

    /** The v1 models pin more than their outputs: what GoldenFiles put in them must come back. */
    @Test
    void goldenV1ModelsKeepTheirMetadata() throws Exception {
        Path v1 = goldenFolders().get(1);
        ProjectionModel dense = ProjectionModel.load(v1.resolve("dense-float32.pnet"));
        assertEquals(Arrays.asList("zéro", "один", "二", "\uD83D\uDE00"), dense.labels());
        assertEquals(4, dense.input().height());
        assertEquals(72, dense.projectionSpec().numBits());
        assertEquals("2024-05-01T00:00:00Z", dense.provenance().get(ProvenanceKeys.CREATED));
        ProjectionModel int8 = ProjectionModel.load(v1.resolve("dense-int8.pnet"));
        for (DenseBlock layer : int8.layers()) {
            assertEquals(WeightType.INT8, layer.weightType());
        }
        assertEquals(Nonlinearity.LEAKY_RELU, int8.layers().get(0).nonlinearity());
        assertEquals(DenseBlock.DEFAULT_LEAKY_ALPHA, int8.layers().get(0).alpha());
        FeaturizerSection f = ProjectionModel.load(v1.resolve("features.pnet")).input().featurizer();
        assertEquals("golden-test-featurizer", f.kind());
        assertEquals(3, f.version());
        assertEquals(Arrays.asList("example.setting", "ngrams"), new ArrayList<>(f.settings().keySet()));
        for (String model : GoldenFiles.MODELS) {
            assertEquals(GoldenFiles.CASES, Files.readAllLines(v1.resolve(model + EXPECTED)).size(), model);
        }
    }

    private static void check(ProjectionModel model, Predictor predictor, Map<String, String> f, String where) {
        if (f.containsKey("sketch")) {
            checkSketch(model, f, where);
            return;
        }
        if (f.containsKey("text")) {
            checkSequence(model, predictor, f, where);
            return;
        }
        long[] bits = new long[model.patchEncoder() != null ? PatchModels.bitWords(model)
                : model.projectionSpec().numWords()];
        float[] p = new float[model.numLabels()];
        int label;
        if (f.containsKey("x")) {
            float[] x = parseFloats(f.get("x"));
            predictor.project(x, bits);
            label = predictor.scores(x, p);
        } else {
            String[] hex = f.get("keys").isEmpty() ? new String[0] : f.get("keys").split(",");
            long[] keys = new long[hex.length];
            for (int j = 0; j < hex.length; j++) {
                keys[j] = Long.parseUnsignedLong(hex[j], 16);
            }
            float[] weights = parseFloats(f.get("weights"));
            predictor.projectFeatures(keys, weights, keys.length, bits);
            label = predictor.scoresFeatures(keys, weights, keys.length, p);
        }
        String[] words = f.get("bits").split(",");
        long[] expectedBits = new long[words.length];
        for (int w = 0; w < words.length; w++) {
            expectedBits[w] = Long.parseUnsignedLong(words[w], 16);
        }
        assertArrayEquals(expectedBits, bits, where + ": bits");
        assertEquals(Integer.parseInt(f.get("label")), label, where + ": label");
        float[] expected = parseFloats(f.get("p"));
        for (int j = 0; j < expected.length; j++) {
            assertEquals(Float.floatToIntBits(expected[j]), Float.floatToIntBits(p[j]),
                    where + ": probability " + j + " is " + p[j] + ", recorded " + expected[j]);
        }
        if (model.isFixedPoint()) {
            checkIntegerLogits(model, predictor, f, bits, where);
            return;
        }
        if (model.patchEncoder() != null) {
            float[] x = parseFloats(f.get("x"));
            float[] logits = new float[model.numLabels()];
            predictor.logits(x, logits);
            assertArrayEquals(PatchModels.referenceLogits(model, x), logits, where + ": the explicit-loop reference");
            return;
        }
        double[] reference = TestModels.referenceSoftmax(TestModels.referenceLogits(model, bits));
        for (int j = 0; j < expected.length; j++) {
            assertEquals(reference[j], p[j], 1e-5, where + ": double-precision reference, probability " + j);
        }
    }

    /** An integer-only model's case also pins its int32 logits: the runtime's and the test's reference give them. */
    private static void checkIntegerLogits(ProjectionModel model, Predictor predictor, Map<String, String> f,
                                           long[] bits, String where) {
        String[] recorded = f.get("logits").split(",");
        int[] expected = new int[recorded.length];
        for (int j = 0; j < expected.length; j++) {
            expected[j] = Integer.parseInt(recorded[j]);
        }
        int[] logits = new int[model.numLabels()];
        if (f.containsKey("x")) {
            predictor.integerLogits(parseFloats(f.get("x")), logits);
        } else {
            String[] hex = f.get("keys").isEmpty() ? new String[0] : f.get("keys").split(",");
            long[] keys = new long[hex.length];
            for (int j = 0; j < hex.length; j++) {
                keys[j] = Long.parseUnsignedLong(hex[j], 16);
            }
            predictor.integerLogitsFeatures(keys, parseFloats(f.get("weights")), keys.length, logits);
        }
        assertArrayEquals(expected, logits, where + ": int32 logits");
        assertArrayEquals(expected, TestModels.referenceIntegerLogits(model, bits), where + ": reference int32 logits");
    }

    /** The v3 integer-only models are what their names say, with the tables and scales GoldenFiles gave them. */
    @Test
    void goldenV3FixedModelsAreIntegerOnly() throws Exception {
        Path v3 = goldenFolders().get(3);
        for (String name : GoldenFiles.FIXED) {
            ProjectionModel model = ProjectionModel.load(v3.resolve(name + PnetFormat.FILE_EXTENSION));
            assertTrue(model.isFixedPoint(), name);
            for (DenseBlock layer : model.layers()) {
                assertEquals(WeightType.INT8_FIXED, layer.weightType(), name);
                assertEquals(DenseBlock.usesTable(layer.nonlinearity()), layer.table() != null, name + " table");
            }
            assertEquals(GoldenFiles.CASES, Files.readAllLines(v3.resolve(name + EXPECTED)).size(), name);
            assertTrue(Files.readAllLines(v3.resolve(name + EXPECTED)).get(0).contains("\tlogits="), name);
        }
        for (String name : GoldenFiles.MODELS) {
            byte[] v2 = Files.readAllBytes(goldenFolders().get(2).resolve(name + PnetFormat.FILE_EXTENSION));
            byte[] v3bytes = Files.readAllBytes(v3.resolve(name + PnetFormat.FILE_EXTENSION));
            v2[8] = 3;
            assertArrayEquals(v2, v3bytes, name + ": a float model's v3 file is its v2 file with version 3");
        }
    }

    /**
     * The v5 PATCH models are what GoldenFiles says; every other model's v5 file is its v4 file with version 5, and
     * the earlier versions' writers refuse a PATCH model naming version 5.
     */
    @Test
    void goldenV5PatchModelsAndTheEarlierModelsUnchanged() throws Exception {
        Path v5 = goldenFolders().get(5);
        ProjectionModel float32 = ProjectionModel.load(v5.resolve(GoldenFiles.PATCH[0] + PnetFormat.FILE_EXTENSION));
        assertEquals(ModelFamily.PATCH, float32.family());
        assertEquals(2, float32.patchEncoder().stages().size());
        assertEquals(3 * 2 * 1, float32.layers().get(0).nIn());
        ProjectionModel int8 = ProjectionModel.load(v5.resolve(GoldenFiles.PATCH[1] + PnetFormat.FILE_EXTENSION));
        assertEquals(WeightType.INT8, int8.patchEncoder().stages().get(0).conv().weightType());
        for (String name : GoldenFiles.PATCH) {
            assertEquals(GoldenFiles.CASES, Files.readAllLines(v5.resolve(name + EXPECTED)).size(), name);
        }
        for (int version = 1; version <= 4; version++) {
            FormatCodec codec = FormatVersions.forVersion(version);
            String message = assertThrows(IllegalArgumentException.class,
                    () -> ModelWriter.toBytes(float32, codec)).getMessage();
            assertTrue(message.contains("cannot hold a PATCH model (version 5 can)"), message);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(goldenFolders().get(4), "*.pnet")) {
            for (Path file : files) {
                byte[] v4 = Files.readAllBytes(file);
                v4[8] = 5;
                assertArrayEquals(v4, Files.readAllBytes(v5.resolve(file.getFileName())),
                        file.getFileName() + ": its v5 file is its v4 file with version 5");
            }
        }
    }

    /** A sequence model's case: the token bits of the text, the scores from them and from the text itself. */
    private static void checkSequence(ProjectionModel model, Predictor predictor, Map<String, String> f,
                                      String where) {
        String text = f.get("text");
        TokenProjection tokens = new TokenProjection(FeaturizerConfig.fromSection(model.input().featurizer()),
                model.projectionSpec(), model.sequenceEncoder().maxTokens());
        long[] bits = new long[model.sequenceEncoder().maxTokens() * tokens.numWords()];
        int n = tokens.project(text, tokens.newScratch(), bits);
        assertEquals(Integer.parseInt(f.get("tokens")), n, where + ": tokens");
        String[] words = f.get("bits").split(",");
        for (int w = 0; w < words.length; w++) {
            assertEquals(Long.parseUnsignedLong(words[w], 16), bits[w], where + ": bits word " + w);
        }
        float[] p = new float[model.numLabels()];
        int label = predictor.scoresTokens(bits, n, p);
        float[] fromText = new float[model.numLabels()];
        assertEquals(label, TextPredictor.of(model).scores(text, fromText), where + ": label from the text");
        assertEquals(Integer.parseInt(f.get("label")), label, where + ": label");
        float[] expected = parseFloats(f.get("p"));
        double[] reference = TestModels.referenceSoftmax(TestModels.referenceSequenceLogits(model, bits, n));
        for (int j = 0; j < expected.length; j++) {
            assertEquals(Float.floatToIntBits(expected[j]), Float.floatToIntBits(p[j]),
                    where + ": probability " + j + " is " + p[j] + ", recorded " + expected[j]);
            assertEquals(Float.floatToIntBits(p[j]), Float.floatToIntBits(fromText[j]), where + ": from the text");
            assertEquals(reference[j], p[j], 1e-5, where + ": double-precision reference, probability " + j);
        }
    }

    /** A sketch model's case: the sketch values of the text, bit for bit, and the scores from the text. */
    private static void checkSketch(ProjectionModel model, Map<String, String> f, String where) {
        String text = f.get("text");
        float[] x = new SketchProjection(FeaturizerConfig.fromSection(model.input().featurizer()),
                model.projectionSpec().numBits(), model.projectionSpec().seed()).project(text);
        float[] recorded = parseFloats(f.get("sketch"));
        for (int b = 0; b < recorded.length; b++) {
            assertEquals(Float.floatToIntBits(recorded[b]), Float.floatToIntBits(x[b]), where + ": sketch value " + b);
        }
        float[] p = new float[model.numLabels()];
        assertEquals(Integer.parseInt(f.get("label")), TextPredictor.of(model).scores(text, p), where + ": label");
        float[] expected = parseFloats(f.get("p"));
        double[] xd = new double[x.length];
        for (int b = 0; b < x.length; b++) {
            xd[b] = x[b];
        }
        double[] reference = TestModels.referenceSoftmax(TestModels.referenceDenseLogits(model, xd));
        for (int j = 0; j < expected.length; j++) {
            assertEquals(Float.floatToIntBits(expected[j]), Float.floatToIntBits(p[j]),
                    where + ": probability " + j + " is " + p[j] + ", recorded " + expected[j]);
            assertEquals(reference[j], p[j], 1e-5, where + ": double-precision reference, probability " + j);
        }
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> map = new HashMap<>();
        for (String field : line.split("\t")) {
            int eq = field.indexOf('=');
            map.put(field.substring(0, eq), field.substring(eq + 1));
        }
        return map;
    }

    private static float[] parseFloats(String csv) {
        if (csv.isEmpty()) {
            return new float[0];
        }
        String[] parts = csv.split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Float.parseFloat(parts[i]);
        }
        return v;
    }
}
