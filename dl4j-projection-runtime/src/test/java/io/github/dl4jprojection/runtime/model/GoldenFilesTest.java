package io.github.dl4jprojection.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Loads the format-version-1 golden files, written by an earlier build (see {@link GoldenFiles}),
 * and checks that this runtime reads them and computes exactly the bits, labels and probabilities
 * recorded then; also that writing a loaded model reproduces the file byte for byte.
 */
class GoldenFilesTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/golden/v1/" + name)) {
            assertNotNull(in, "missing golden file " + name);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    @Test
    void goldenModelsPredictExactlyAsRecorded() throws IOException {
        for (String name : GoldenFiles.MODELS) {
            byte[] file = resource(name + PnetFormat.FILE_EXTENSION);
            ProjectionModel model = ProjectionModel.load(file);
            assertArrayEquals(file, ModelWriter.toBytes(model), name + ": rewriting changed the bytes");
            Predictor predictor = model.predictor();
            String[] lines = new String(resource(name + ".expected.txt"), StandardCharsets.UTF_8).split("\n");
            assertEquals(GoldenFiles.CASES, lines.length, name);
            for (int c = 0; c < lines.length; c++) {
                check(model, predictor, fields(lines[c]), name + " case " + c);
            }
        }
    }

    @Test
    void goldenModelsKeepTheirMetadata() throws IOException {
        ProjectionModel dense = ProjectionModel.load(resource("dense-float32.pnet"));
        assertEquals(Arrays.asList("zéro", "один", "二", "\uD83D\uDE00"), dense.labels());
        assertEquals(4, dense.input().height());
        assertEquals(72, dense.projectionSpec().numBits());
        assertEquals("2024-05-01T00:00:00Z", dense.provenance().get(ProvenanceKeys.CREATED));
        ProjectionModel int8 = ProjectionModel.load(resource("dense-int8.pnet"));
        for (DenseBlock layer : int8.layers()) {
            assertEquals(WeightType.INT8, layer.weightType());
        }
        assertEquals(Nonlinearity.LEAKY_RELU, int8.layers().get(0).nonlinearity());
        assertEquals(DenseBlock.DEFAULT_LEAKY_ALPHA, int8.layers().get(0).alpha());
        FeaturizerSection f = ProjectionModel.load(resource("features.pnet")).input().featurizer();
        assertEquals("golden-test-featurizer", f.kind());
        assertEquals(3, f.version());
        assertEquals(Arrays.asList("example.setting", "ngrams"), new java.util.ArrayList<>(f.settings().keySet()));
    }

    private static void check(ProjectionModel model, Predictor predictor, Map<String, String> f, String where) {
        long[] bits = new long[model.projectionSpec().numWords()];
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
        double[] reference = TestModels.referenceSoftmax(TestModels.referenceLogits(model, bits));
        for (int j = 0; j < expected.length; j++) {
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
