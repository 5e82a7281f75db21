package io.github.dl4jprojection.layers.export;

import static io.github.dl4jprojection.layers.export.CortexM4ParityTest.assertSeveral;
import static io.github.dl4jprojection.layers.export.CortexM4ParityTest.dir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.FashionMnist128;
import io.github.dl4jprojection.runtime.internal.text.FeaturizerScratch;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.Int8Calibrator;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Integer-only models (INT8_FIXED, {@link Int8Calibrator}) in the emitted C: the Java runtime, the host C and a
 * Cortex-M4 in QEMU (hard and soft float) give identical bits, labels and int32 logits, through the float
 * projection of float inputs, {@code pnet_predict_pixels} on raw 8-bit pixels and {@code pnet_predict_text_fixed}
 * on texts ({@link ThreeWayParity}); and the label path, linked alone for a Cortex-M4 with {@code -mfloat-abi=soft},
 * pulls in no float routine. The Cortex-M builds are kept under {@code -Dpnet.mcu.out=DIR} as
 * {@code image-fixed-<abi>} and {@code text-fixed-<abi>} for scripts/mcu-size.sh.
 */
class FixedPointParityTest {

    /** libgcc's soft-float routines: {@code __aeabi_f*} and {@code __aeabi_d*}, and their GNU names. */
    private static final Pattern FLOAT_ROUTINE = Pattern.compile(
            "\\b(__aeabi_[fd][a-z0-9]*|__[a-z]+[sd]f[0-9]?|__aeabi_[ui]?[2][fd]|__aeabi_[fd]2[a-z]+)\\b");

    /** The image example's shape, integer-only, calibrated on the first 64 committed images. */
    static ProjectionModel imageModel() throws IOException {
        ProjectionModel model = CortexM4ParityTest.imageModel();
        Int8Calibrator calibrator = Int8Calibrator.of(model);
        float[][] images = FashionMnist128.images();
        for (int r = 0; r < 64; r++) {
            calibrator.observe(images[r]);
        }
        return calibrator.calibrate();
    }

    /** The text example's shape with a hidden layer, integer-only, calibrated on every other corpus text. */
    static ProjectionModel textModel() {
        FeaturizerConfig config = FeaturizerConfig.builder().maxCodePoints(512).maxFeatures(512).build();
        ProjectionModel model = ExportTestModels.build(8, InputSpec.features(config.toSection()),
                ExportTestModels.spec(32, 16, 43, 0.25), BitEncoding.ZERO_ONE, new int[] {16},
                new Nonlinearity[] {Nonlinearity.RELU}, "ham", "spam");
        TextFeaturizer featurizer = new TextFeaturizer(config);
        FeaturizerScratch scratch = featurizer.newScratch();
        float[] weights = new float[config.maxFeatures()];
        Int8Calibrator calibrator = Int8Calibrator.of(model);
        List<byte[]> corpus = CTextFeaturizerTest.corpus();
        for (int r = 0; r < corpus.size(); r += 2) {
            int n = featurizer.featurizeUtf8(corpus.get(r), 0, corpus.get(r).length, scratch);
            for (int j = 0; j < n; j++) {
                weights[j] = scratch.counts()[j];
            }
            calibrator.observeFeatures(scratch.keys(), weights, n);
        }
        return calibrator.calibrate();
    }

    /** Every hidden function, tabled or not, calibrated on random inputs. */
    static ProjectionModel hiddenModel() {
        ProjectionModel model = ExportTestModels.build(3, InputSpec.image(6, 5, 1),
                ExportTestModels.spec(9, 11, 78, 0.25), BitEncoding.PLUS_MINUS_ONE, new int[] {16, 12, 10, 9, 8},
                new Nonlinearity[] {Nonlinearity.SIGMOID, Nonlinearity.TANH, Nonlinearity.HARD_TANH,
                    Nonlinearity.LEAKY_RELU, Nonlinearity.RELU}, "a", "b", "c", "d");
        Int8Calibrator calibrator = Int8Calibrator.of(model);
        Random random = new Random(21);
        for (int r = 0; r < 200; r++) {
            calibrator.observe(ExportTestModels.randomInput(random, 30));
        }
        return calibrator.calibrate();
    }

    /** The 128 committed images as raw bytes, then 16 random byte images. */
    private static byte[][] pixels(int nIn) throws IOException {
        float[][] images = FashionMnist128.images();
        byte[][] out = new byte[images.length + 16][nIn];
        for (int r = 0; r < images.length; r++) {
            for (int i = 0; i < nIn; i++) {
                out[r][i] = (byte) images[r][i];
            }
        }
        Random random = new Random(22);
        for (int r = images.length; r < out.length; r++) {
            random.nextBytes(out[r]);
        }
        return out;
    }

    @Test
    void hiddenLayersOfEveryFunctionMatchJavaInHostC(@TempDir Path temp) throws Exception {
        ProjectionModel model = hiddenModel();
        Random random = new Random(23);
        float[][] x = new float[300][];
        for (int r = 0; r < x.length; r++) {
            x[r] = ExportTestModels.randomInput(random, 30);
        }
        assertSeveral(ThreeWayParity.dense(model, x, null, null, temp.resolve("dense")));
        byte[][] images = new byte[100][30];
        for (byte[] image : images) {
            random.nextBytes(image);
        }
        // Random bytes mostly reach one label of this deep random network: the int32 logits still differ.
        int[] labels = ThreeWayParity.pixels(model, images, temp.resolve("pixels"), CDriver.Target.HOST);
        assertEquals(Arrays.toString(labels), Arrays.toString(ThreeWayParity.pixels(model, images,
                temp.resolve("columns"), CDriver.Target.HOST_PRECOMPUTED_COLUMNS)), "with precomputed columns");
    }

    @Test
    void imageAndTextExamplesMatchJavaInHostC(@TempDir Path temp) throws Exception {
        ProjectionModel image = imageModel();
        assertSeveral(ThreeWayParity.dense(image, FashionMnist128.images(), null, null, temp.resolve("image")));
        assertSeveral(ThreeWayParity.pixels(image, pixels(784), temp.resolve("pixels"), CDriver.Target.HOST));
        assertSeveral(ThreeWayParity.text(textModel(), CTextFeaturizerTest.corpus(), null, null,
                temp.resolve("text")));
    }

    @ParameterizedTest
    @EnumSource(value = CDriver.Target.class, names = {"CORTEX_M4_HARD_FLOAT", "CORTEX_M4_SOFT_FLOAT"})
    void imageAndTextExamplesMatchJavaOnCortexM4(CDriver.Target target, @TempDir Path temp) throws Exception {
        ProjectionModel image = imageModel();
        assertSeveral(ThreeWayParity.pixels(image, pixels(784), dir(temp, "image-fixed", target), target));
        assertSeveral(ThreeWayParity.text(textModel(), CTextFeaturizerTest.corpus(), null, null,
                dir(temp, "text-fixed", target), target));
    }

    /**
     * The label path of an integer-only image and text model, linked alone for a Cortex-M4 without FPU
     * ({@code -mfloat-abi=soft}, {@code --gc-sections}), calls no float routine: {@code arm-none-eabi-nm} lists
     * none of libgcc's {@code __aeabi_f*}/{@code __aeabi_d*} (or {@code __addsf3}-style) symbols in the firmware,
     * while the same firmware that also computes the probabilities does list them (so the check can fail).
     */
    @Test
    void theLabelPathPullsInNoFloatRoutineWithSoftFloat(@TempDir Path temp) throws Exception {
        CDriver.Target target = CDriver.Target.CORTEX_M4_SOFT_FLOAT;
        target.assumeAvailable();
        String image = "static uint8_t pixels[TESTNET_N_IN];\n"
                + "    label = pnet_predict_pixels(&testnet_model, pixels, scratch, logits);\n";
        String text = "static uint64_t text_scratch[TESTNET_TEXT_SCRATCH_BYTES / 8];\n"
                + "    label = pnet_predict_text_fixed(&testnet_model, \"Hello\", 5, text_scratch, sizeof text_scratch,"
                + " scratch, logits);\n";
        String probabilities = "    pnet_fixed_probabilities(&testnet_model, logits, p);\n";
        assertEquals(new TreeSet<String>(), floatRoutines(imageModel(), image, "", temp.resolve("image")),
                "float routines in the integer image label path");
        assertEquals(new TreeSet<String>(), floatRoutines(textModel(), text, "", temp.resolve("text")),
                "float routines in the integer text label path");
        TreeSet<String> withFloat = floatRoutines(imageModel(), image, probabilities, temp.resolve("probabilities"));
        assertTrue(withFloat.contains("__aeabi_fmul"), "the probabilities' float product is seen: " + withFloat);
    }

    /** Builds a firmware whose main runs {@code call} (and {@code extra}); returns the float routines nm lists. */
    private static TreeSet<String> floatRoutines(ProjectionModel model, String call, String extra, Path dir)
            throws IOException, InterruptedException {
        CExporter.export(model, dir, "testnet");
        String[] declaration = call.split("\n", 2);
        String app = "#include \"pnet_model_testnet.h\"\n"
                + "static int32_t scratch[TESTNET_SCRATCH_INTS];\nstatic int32_t logits[TESTNET_NUM_LABELS];\n"
                + "static float p[TESTNET_NUM_LABELS];\nvolatile int label;\n" + declaration[0] + "\n"
                + "int main(void);\nint main(void) {\n" + declaration[1] + extra + "    (void) p;\n    return 0;\n}\n";
        Files.write(dir.resolve("app.c"), app.getBytes(StandardCharsets.US_ASCII));
        for (String file : new String[] {"pnet_mcu_startup.c", "pnet_mcu_mps2_an386.ld"}) {
            Files.copy(CDriver.class.getResourceAsStream(file), dir.resolve(file));
        }
        List<String> gcc = new ArrayList<>();
        gcc.add("arm-none-eabi-gcc");
        gcc.addAll(CDriver.Target.CORTEX_M4_SOFT_FLOAT.mcuFlags());
        gcc.addAll(Arrays.asList("-nostartfiles", "-T", dir.resolve("pnet_mcu_mps2_an386.ld").toString(),
                "-Wl,--gc-sections", "-o", dir.resolve("app.elf").toString(), dir.resolve("app.c").toString(),
                dir.resolve("pnet_runtime.c").toString(), dir.resolve("pnet_mcu_startup.c").toString(), "-lm"));
        run(gcc);
        TreeSet<String> found = new TreeSet<>();
        Matcher m = FLOAT_ROUTINE.matcher(run(Arrays.asList("arm-none-eabi-nm", dir.resolve("app.elf").toString())));
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = readAll(p.getInputStream());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + text);
        return text;
    }

    private static byte[] readAll(java.io.InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
