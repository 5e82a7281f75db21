package io.github.dl4jprojection.layers.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.FashionMnist128;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The emitted C on a microcontroller: built for a Cortex-M4 ({@code arm-none-eabi-gcc -Os}, hard float, soft
 * float, and hard float with the small-flash options of pnet_runtime.h) and run in QEMU ({@code mps2-an386}), it gives the Java runtime's bits and labels, bit-identical logits and
 * probabilities within 1e-5, through the same driver and checks as the host C tests ({@link ThreeWayParity}). The
 * models have the shapes of the bundled examples ({@code projectionnet train} defaults): an image model of 60:12 bits
 * at density 1/4 with no hidden layer, on the 128 committed Fashion-MNIST images and random inputs; a text model of
 * 32:16 bits with a device-sized featurizer (N = F = 512), on the featurizer test corpus; a sequence model of the
 * seq defaults' shape on the same featurizer and corpus; a sketch model of 1,024 buckets on the same featurizer and
 * corpus (every sketch value compared bit for bit); a patch model of the {@code --model patch} defaults' shape on the
 * same images (every patch's bits compared); and a small model with ReLU and leaky-ReLU hidden layers. docs/EMBEDDED.md reports their flash, RAM and instructions
 * ({@code scripts/mcu-size.sh} keeps this test's builds by setting {@code -Dpnet.mcu.out=DIR}).
 *
 * <p>Without the Cortex-M toolchain the test is skipped with the names of the Debian packages to install, except
 * under CI (the environment variable {@code CI} set), where it fails.
 */
class CortexM4ParityTest {

    /**
     * The {@code projectionnet} image example's shape: 28x28 pixels, T = 60, d = 12, density 1/4, 10 labels; or,
     * when the system property {@code pnet.mcu.image-model} names a .pnet file of 28x28 images (scripts/mcu-size.sh
     * {@code IMAGE_MODEL=FILE}), that trained model, so its flash, RAM and instructions are measured on the device.
     */
    static ProjectionModel imageModel() throws IOException {
        String file = System.getProperty("pnet.mcu.image-model");
        if (file != null && !file.isEmpty()) {
            return ProjectionModel.load(Paths.get(file));
        }
        return ExportTestModels.build(4, InputSpec.image(28, 28, 1), ExportTestModels.spec(60, 12, 42, 0.25),
                BitEncoding.PLUS_MINUS_ONE, new int[0], new Nonlinearity[0],
                FashionMnist128.LABEL_NAMES.toArray(new String[0]));
    }

    /** The text example's shape (T = 32, d = 16, density 1/4, two labels) with a featurizer for a device. */
    static ProjectionModel textModel() {
        FeaturizerConfig config = FeaturizerConfig.builder().maxCodePoints(512).maxFeatures(512).build();
        return ExportTestModels.build(8, InputSpec.features(config.toSection()), ExportTestModels.spec(32, 16, 43, 0.25),
                BitEncoding.ZERO_ONE, new int[0], new Nonlinearity[0], "ham", "spam");
    }

    @ParameterizedTest
    @EnumSource(value = CDriver.Target.class, names = "CORTEX_M4_.*", mode = EnumSource.Mode.MATCH_ANY)
    void imageModelMatchesJavaOnCortexM4(CDriver.Target target, @TempDir Path temp) throws Exception {
        ProjectionModel model = imageModel();
        float[][] images = FashionMnist128.images();
        float[][] x = Arrays.copyOf(images, images.length + 32);
        Random random = new Random(11);
        for (int r = images.length; r < x.length; r++) {
            x[r] = ExportTestModels.randomInput(random, model.input().nIn());
        }
        int[] labels = ThreeWayParity.dense(model, x, null, null, dir(temp, "image", target), target);
        assertSeveral(labels);
    }

    @ParameterizedTest
    @EnumSource(value = CDriver.Target.class, names = "CORTEX_M4_.*", mode = EnumSource.Mode.MATCH_ANY)
    void textModelMatchesJavaOnCortexM4(CDriver.Target target, @TempDir Path temp) throws Exception {
        List<byte[]> texts = CTextFeaturizerTest.corpus();
        int[] labels = ThreeWayParity.text(textModel(), texts, null, null, dir(temp, "text", target), target);
        assertSeveral(labels);
    }

    /**
     * The seq defaults' shape ({@code --model seq}: 8 x 16 bits per token, bottleneck 32, convolution width 3, 64
     * channels, 256 tokens) with the device-sized featurizer of {@link #textModel}.
     */
    static ProjectionModel sequenceModel() {
        FeaturizerConfig config = FeaturizerConfig.builder().maxCodePoints(512).maxFeatures(512).build();
        return ExportTestModels.sequence(16, config, ExportTestModels.spec(8, 16, 44, 0.25), BitEncoding.PLUS_MINUS_ONE,
                256, 32, Nonlinearity.RELU, 3, 64, Nonlinearity.RELU, new int[0], new Nonlinearity[0], "ham", "spam");
    }

    @ParameterizedTest
    @EnumSource(value = CDriver.Target.class, names = "CORTEX_M4_.*", mode = EnumSource.Mode.MATCH_ANY)
    void sequenceModelMatchesJavaOnCortexM4(CDriver.Target target, @TempDir Path temp) throws Exception {
        List<byte[]> texts = CTextFeaturizerTest.corpus();
        assertSeveral(ThreeWayParity.sequence(sequenceModel(), texts, null, null, dir(temp, "seq", target), target));
    }

    /**
     * A sketch model ({@code --model sketch}) of 1,024 buckets, no hidden layer, 2 labels, with the device-sized
     * featurizer of {@link #textModel}.
     */
    static ProjectionModel sketchModel() {
        FeaturizerConfig config = FeaturizerConfig.builder().maxCodePoints(512).maxFeatures(512).build();
        return ExportTestModels.sketch(9, InputSpec.features(config.toSection()), 1024, 45, new int[0],
                new Nonlinearity[0], "ham", "spam");
    }

    @ParameterizedTest
    @EnumSource(value = CDriver.Target.class, names = "CORTEX_M4_.*", mode = EnumSource.Mode.MATCH_ANY)
    void sketchModelMatchesJavaOnCortexM4(CDriver.Target target, @TempDir Path temp) throws Exception {
        List<byte[]> texts = CTextFeaturizerTest.corpus();
        assertSeveral(ThreeWayParity.sketch(sketchModel(), texts, null, null, dir(temp, "sketch", target), target));
    }

    /**
     * The {@code --model patch} defaults' shape on 28x28 images: 4 x 4 patches at stride 2 to 4 x 4 bits at density
     * 1/4 (a 13 x 13 bit map of 16 channels), one 3 x 3 convolution to 32 channels (ReLU) pooled by 2 (11 x 11 to
     * 5 x 5), 10 labels.
     */
    static ProjectionModel patchModel() {
        return ExportTestModels.patch(10, 28, 28, 1, ExportTestModels.spec(4, 4, 46, 0.25), BitEncoding.PLUS_MINUS_ONE,
                4, 2, new int[][] {{3, 32, 2}}, Nonlinearity.RELU, new int[0], new Nonlinearity[0],
                FashionMnist128.LABEL_NAMES.toArray(new String[0]));
    }

    @ParameterizedTest
    @EnumSource(value = CDriver.Target.class, names = "CORTEX_M4_.*", mode = EnumSource.Mode.MATCH_ANY)
    void patchModelMatchesJavaOnCortexM4(CDriver.Target target, @TempDir Path temp) throws Exception {
        ProjectionModel model = patchModel();
        float[][] images = FashionMnist128.images();
        float[][] x = Arrays.copyOf(images, images.length + 32);
        Random random = new Random(13);
        for (int r = images.length; r < x.length; r++) {
            x[r] = ExportTestModels.randomInput(random, model.input().nIn());
        }
        assertSeveral(ThreeWayParity.dense(model, x, null, null, dir(temp, "patch", target), target));
    }

    @ParameterizedTest
    @EnumSource(value = CDriver.Target.class, names = "CORTEX_M4_.*", mode = EnumSource.Mode.MATCH_ANY)
    void hiddenLayersMatchJavaOnCortexM4(CDriver.Target target, @TempDir Path temp) throws Exception {
        ProjectionModel model = ExportTestModels.build(1, InputSpec.image(6, 5, 1),
                ExportTestModels.spec(9, 11, 77, 0.25), BitEncoding.PLUS_MINUS_ONE, new int[] {16, 12},
                new Nonlinearity[] {Nonlinearity.RELU, Nonlinearity.LEAKY_RELU}, "a", "b", "c", "d");
        Random random = new Random(12);
        float[][] x = new float[200][];
        for (int r = 0; r < x.length; r++) {
            x[r] = ExportTestModels.randomInput(random, model.input().nIn());
        }
        assertSeveral(ThreeWayParity.dense(model, x, null, null, dir(temp, "hidden", target), target));
    }

    @Test
    void aSmallFlashBuildRefusesALayerWhoseActivationItLeftOut(@TempDir Path temp) throws Exception {
        CDriver.Target target = CDriver.Target.CORTEX_M4_SMALL_FLASH;
        target.assumeAvailable();
        ProjectionModel model = ExportTestModels.build(1, InputSpec.image(6, 5, 1),
                ExportTestModels.spec(9, 11, 77, 0.25), BitEncoding.PLUS_MINUS_ONE, new int[] {8},
                new Nonlinearity[] {Nonlinearity.TANH}, "a", "b");
        CDriver driver = CDriver.build(model, dir(temp, "tanh", target), target);
        List<CDriver.Result> results = driver.run(Arrays.asList(CDriver.denseLine(new float[30])), new ArrayList<>());
        assertEquals(-5, results.get(0).status, "PNET_ERR_UNSUPPORTED for a tanh layer under PNET_NO_TANH");

        ProjectionModel patch = ExportTestModels.patch(2, 6, 6, 1, ExportTestModels.spec(2, 4, 5, 0.5),
                BitEncoding.PLUS_MINUS_ONE, 3, 1, new int[][] {{2, 4, 1}}, Nonlinearity.TANH, new int[0],
                new Nonlinearity[0], "a", "b");
        List<CDriver.Result> stage = CDriver.build(patch, dir(temp, "tanh-stage", target), target)
                .run(Arrays.asList(CDriver.denseLine(new float[36])), new ArrayList<>());
        assertEquals(-5, stage.get(0).status, "PNET_ERR_UNSUPPORTED for a tanh patch stage under PNET_NO_TANH");
    }

    /** A temporary folder, or {@code <pnet.mcu.out>/<model>-<target>} kept for scripts/mcu-size.sh. */
    static Path dir(Path temp, String model, CDriver.Target target) throws IOException {
        String keep = System.getProperty("pnet.mcu.out");
        String name = model + "-" + (target == CDriver.Target.CORTEX_M4_HARD_FLOAT ? "hard"
                : target == CDriver.Target.CORTEX_M4_SOFT_FLOAT ? "soft" : "small");
        return Files.createDirectories(keep == null || keep.isEmpty() ? temp.resolve(name) : Paths.get(keep, name));
    }

    static void assertSeveral(int[] labels) {
        HashSet<Integer> seen = new HashSet<>();
        for (int label : labels) {
            seen.add(label);
        }
        assertTrue(seen.size() >= 2, "the inputs should reach several labels: " + seen);
    }
}
