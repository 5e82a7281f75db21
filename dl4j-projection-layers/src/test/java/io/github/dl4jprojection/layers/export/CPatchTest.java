package io.github.dl4jprojection.layers.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The emitted C of patch models ({@code pnet_project_patches}, {@code pnet_predict_dense}) against the Java runtime
 * ({@code Predictor.project}, {@code logits}, {@code scores}) on random models of no, one and two stages, pool 1 and 2
 * on odd map sizes (the floor drops a row and a column), patch stride 1, 2 and 4, 1, 2 and 3 channels, a window as large
 * as the image (one position), ReLU, leaky-ReLU, hard-tanh and tanh stages, stage widths below
 * and above 8 (the eight-output kernel and the single-output loop), float32 and int8 weights, both bit encodings,
 * hashed and precomputed projection columns: on integer pixels, blank and saturated images and real-valued inputs, the
 * bits of every patch are identical, and so are the labels and the logits, bit for bit (the C sums every product in
 * Java's order); probabilities agree within 1e-5.
 */
class CPatchTest {

    private static final String[] LABELS = {"a", "b", "c", "d"};

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("1 stage, pool 1, stride 1, 1 channel, float32, +-1", ExportTestModels.patch(1, 9, 8, 1,
                        ExportTestModels.spec(4, 2, 11, 0.5), BitEncoding.PLUS_MINUS_ONE, 3, 1,
                        new int[][] {{2, 5, 1}}, Nonlinearity.RELU, new int[0], new Nonlinearity[0], LABELS),
                        CDriver.Target.HOST),
                Arguments.of("1 stage, pool 2 on 5 x 4, stride 2, 3 channels, int8, 0/1", ExportTestModels.quantized(
                        ExportTestModels.patch(2, 13, 11, 3, ExportTestModels.spec(3, 3, -5, 0.25),
                                BitEncoding.ZERO_ONE, 3, 2, new int[][] {{2, 6, 2}}, Nonlinearity.LEAKY_RELU,
                                new int[] {8}, new Nonlinearity[] {Nonlinearity.RELU}, LABELS)),
                        CDriver.Target.HOST),
                Arguments.of("2 stages, pool 2 on 9 x 9 then 1, stride 1, 3 channels, float32, 0/1", headerModel(),
                        CDriver.Target.HOST),
                Arguments.of("2 stages, pool 2 on 11 x 11 then on 4 x 4, stride 2, 1 channel, int8, +-1",
                        ExportTestModels.quantized(ExportTestModels.patch(4, 28, 28, 1,
                                ExportTestModels.spec(2, 8, 42, 0.25), BitEncoding.PLUS_MINUS_ONE, 4, 2,
                                new int[][] {{3, 8, 2}, {2, 12, 2}}, Nonlinearity.HARD_TANH, new int[0],
                                new Nonlinearity[0], LABELS)), CDriver.Target.HOST),
                Arguments.of("no stage, stride 4, 70 bits a patch over 5 words, float32, +-1", ExportTestModels.patch(5,
                        8, 8, 1, ExportTestModels.spec(7, 10, 3, 1), BitEncoding.PLUS_MINUS_ONE, 4, 4, new int[0][],
                        Nonlinearity.RELU, new int[] {6}, new Nonlinearity[] {Nonlinearity.LEAKY_RELU}, LABELS),
                        CDriver.Target.HOST),
                Arguments.of("the window fills the image: 1 position, a 1 x 1 stage, tanh (libm: logits within 1e-5)",
                        ExportTestModels.patch(7, 5, 5, 2, ExportTestModels.spec(6, 4, 8, 0.25),
                                BitEncoding.PLUS_MINUS_ONE, 5, 3, new int[][] {{1, 7, 1}}, Nonlinearity.TANH,
                                new int[0], new Nonlinearity[0], LABELS), CDriver.Target.HOST),
                Arguments.of("2 stages, 3 channels, float32, precomputed columns", ExportTestModels.patch(6, 10, 9, 3,
                        ExportTestModels.spec(5, 3, 77, 0.5), BitEncoding.ZERO_ONE, 2, 1,
                        new int[][] {{2, 9, 2}, {1, 4, 1}}, Nonlinearity.RELU, new int[0], new Nonlinearity[0], LABELS),
                        CDriver.Target.HOST_PRECOMPUTED_COLUMNS));
    }

    /**
     * A 12 x 12 x 3 image, 2 x 2 patches at stride 1 to 3 x 4 bits (an 11 x 11 bit map of 12 channels), a 3 x 3
     * convolution to 8 channels pooled by 2 (9 x 9 to 4 x 4), a 2 x 2 convolution to 10 channels (3 x 3), 4 logits.
     */
    static ProjectionModel headerModel() {
        return ExportTestModels.patch(2, 12, 12, 3, ExportTestModels.spec(3, 4, 9, 0.5), BitEncoding.ZERO_ONE, 2, 1,
                new int[][] {{3, 8, 2}, {2, 10, 1}}, Nonlinearity.RELU, new int[0], new Nonlinearity[0], LABELS);
    }

    /** Integer pixels (a third of them 0), a blank and a saturated image, then real values of several scales. */
    static float[][] images(ProjectionModel model, int count) {
        int n = model.input().nIn();
        Random random = new Random(n);
        float[][] x = new float[count][];
        x[0] = new float[n];
        x[1] = new float[n];
        Arrays.fill(x[1], 255f);
        for (int r = 2; r < count; r++) {
            if (r < 2 * count / 3) {
                x[r] = new float[n];
                for (int i = 0; i < n; i++) {
                    x[r][i] = random.nextInt(3) == 0 ? 0f : random.nextInt(256);
                }
            } else {
                x[r] = ExportTestModels.randomInput(random, n);
            }
        }
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void cGivesJavasPatchBitsAndLogits(String name, ProjectionModel model, CDriver.Target target, @TempDir Path dir)
            throws Exception {
        int[] labels = ThreeWayParity.dense(model, images(model, 60), null, null, dir, target);
        assertTrue(Arrays.stream(labels).distinct().count() >= 2, name + ": the images reach several labels");
    }

    /**
     * The runtime module's golden patch files of format version 5 (written by an earlier build with the bits, label
     * and probabilities it computed) run in C: the C equals today's Java runtime on their inputs (bits, labels,
     * logits), and both give the recorded bits and labels.
     */
    @ParameterizedTest
    @ValueSource(strings = {"patch-float32", "patch-int8"})
    void theGoldenPatchFilesGiveTheirRecordedBitsAndLabelsInC(String name, @TempDir Path dir) throws Exception {
        // Maven runs the tests in the module folder; the golden files are the runtime module's test resources.
        Path golden = Paths.get("..", "dl4j-projection-runtime", "src", "test", "resources", "golden", "v5");
        assertTrue(Files.isRegularFile(golden.resolve(name + ".pnet")), "no golden file in " + golden.toAbsolutePath());
        ProjectionModel model = ProjectionModel.load(golden.resolve(name + ".pnet"));
        List<String> recorded = Files.readAllLines(golden.resolve(name + ".expected.txt"), StandardCharsets.UTF_8);
        float[][] x = new float[recorded.size()][];
        for (int r = 0; r < x.length; r++) {
            String[] values = field(recorded.get(r), "x").split(",");
            x[r] = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                x[r][i] = Float.parseFloat(values[i]);
            }
        }
        int[] labels = ThreeWayParity.dense(model, x, null, null, dir, CDriver.Target.HOST);
        long[] bits = new long[(ThreeWayParity.patchPositions(model) * model.projectionSpec().numBits() + 63) / 64];
        for (int r = 0; r < x.length; r++) {
            assertEquals(Integer.parseInt(field(recorded.get(r), "label")), labels[r], name + " input " + r + ": label");
            model.predictor().project(x[r], bits);
            String[] words = field(recorded.get(r), "bits").split(",");
            for (int w = 0; w < words.length; w++) {
                assertEquals(Long.parseUnsignedLong(words[w], 16), bits[w], name + " input " + r + ": bit word " + w);
            }
        }
    }

    /** The value of {@code key=...} in a tab-separated line of a golden file's expected results. */
    private static String field(String line, String key) {
        for (String part : line.split("\t")) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        throw new AssertionError("no " + key + "= in " + line);
    }

    /**
     * {@code pnet_predict_dense} runs the patch encoder: its labels and probabilities are those of
     * {@code pnet_project_patches} and {@code pnet_forward}, bit for bit; a NaN pixel is refused; the bag calls refuse
     * a patch model, and {@code pnet_project_patches} a bag model.
     */
    @Test
    void predictDenseRunsTheEncoderAndTheFamiliesRefuseEachOther(@TempDir Path dir) throws Exception {
        ProjectionModel model = headerModel();
        CDriver.assumeCompiler();
        CDriver driver = CDriver.build(model, dir.resolve("patch"));
        float[][] x = images(model, 12);
        List<String> lines = new ArrayList<>();
        for (float[] image : x) {
            lines.add(CDriver.denseLine(image));
            lines.add("d " + CDriver.denseLine(image));
        }
        float[] withNan = x[2].clone();
        withNan[withNan.length - 1] = Float.NaN;
        lines.add(CDriver.denseLine(withNan));
        lines.add("d " + CDriver.denseLine(withNan));
        List<CDriver.Result> results = driver.run(lines, new ArrayList<>());
        for (int r = 0; r < x.length; r++) {
            CDriver.Result patches = results.get(2 * r);
            CDriver.Result predicted = results.get(2 * r + 1);
            assertEquals(0, patches.status, "image " + r);
            assertEquals(patches.label, predicted.label, "image " + r + ": pnet_predict_dense's label");
            assertArrayEquals(patches.bits, predicted.bits, "image " + r + ": bits");
            for (int j = 0; j < LABELS.length; j++) {
                assertEquals(Float.floatToIntBits(patches.probabilities[j]),
                        Float.floatToIntBits(predicted.probabilities[j]), "image " + r + ": probability " + j);
            }
        }
        assertEquals(-2, results.get(2 * x.length).status, "pnet_project_patches: PNET_ERR_NOT_FINITE");
        assertEquals(-2, results.get(2 * x.length + 1).status, "pnet_predict_dense: PNET_ERR_NOT_FINITE");

        List<String> kinds = driver.runLines(Arrays.asList(CDriver.denseLine(x[3]), "k"));
        assertEquals("kinds -3 -3 0", kinds.get(2), "pnet_project_dense and pnet_project_pixels refuse a patch model");
        ProjectionModel bag = ExportTestModels.build(7, InputSpec.image(6, 5, 1), ExportTestModels.spec(9, 11, 77, 0.25),
                BitEncoding.PLUS_MINUS_ONE, new int[0], new Nonlinearity[0], "a", "b");
        List<String> bagKinds = CDriver.build(bag, dir.resolve("bag")).runLines(Arrays.asList("k"));
        assertEquals("kinds 0 0 -3", bagKinds.get(1), "pnet_project_patches refuses a bag model");
    }

    /**
     * The header of {@link #headerModel}: its scratch holds the 12 x 11 x 11 bit map (1,452 floats) in the buffer that
     * also takes the last map (10 x 3 x 3 = 90), stage 0's 8 x 4 x 4 = 128 floats in the other, the largest window
     * (3 x 3 x 12 = 108 floats) and the largest of B = 12 and the stage widths 8 and 10: 1,700 floats, more than any
     * dense layer's nIn + nOut (94). The bits of 121 positions take ceil(1,452 / 64) = 23 words. A bag model's header
     * names no patch code, so its firmware links none.
     */
    @Test
    void theHeaderHoldsTheEncoderAndSizesTheScratch() throws Exception {
        String header = CExporter.header(headerModel(), "tiles");
        assertTrue(header.contains("#define TILES_N_IN 432u\n"), header);
        assertTrue(header.contains("#define TILES_SCRATCH_FLOATS 1700u\n"), header);
        assertTrue(header.contains("#define TILES_PATCH_ROWS 11u\n#define TILES_PATCH_COLUMNS 11u\n"
                + "#define TILES_PATCH_BITS_WORDS 23u\n"), header);
        assertTrue(header.contains("static const pnet_conv_stage tiles_stages[2] = {\n    {3u, 2u, {108u, 8u, 1, 0, "),
                header);
        assertTrue(header.contains("static const pnet_patch tiles_patch = {\n    12u, 12u, 3u, 2u, 1u,\n"
                + "    2u, tiles_stages,\n    {1452u, 128u}, 108u,\n    pnet_project_patches\n};"), header);
        assertTrue(header.contains("    NULL,\n    NULL,\n    &tiles_patch\n};"), header);
        assertTrue(header.contains(" * Patch encoder: PatchEncoder{window=2, stride=1, stages="), header);
        String bag = CExporter.header(CortexM4ParityTest.imageModel(), "bag");
        assertFalse(bag.contains("pnet_project_patches") || bag.contains("pnet_patch"), "a bag model's header");
        assertTrue(bag.contains("    NULL,\n    NULL,\n    NULL\n};"), bag);
    }
}
