package io.github.dl4jprojection.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class ProjectionLayerTest {

    private static ProjectionLayer.Builder projection(int t, int d, long seed) {
        return new ProjectionLayer.Builder().numFunctions(t).bitsPerFunction(d).seed(seed).density(0.25);
    }

    /** projection -> dense -> softmax, as a MultiLayerNetwork. */
    private static MultiLayerNetwork network(ProjectionLayer layer, int nIn, WorkspaceMode mode) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1).updater(new Adam(1e-2))
                .trainingWorkspaceMode(mode).inferenceWorkspaceMode(mode)
                .list()
                .layer(layer)
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(nIn))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The reference bits of each row, encoded as the layer encodes them. */
    private static float[][] referenceOutput(ProjectionLayer layer, float[][] x) {
        LshProjection reference = LshProjection.forDenseInput(layer.projectionSpec(), x[0].length);
        float[][] out = new float[x.length][layer.numBits()];
        for (int r = 0; r < x.length; r++) {
            PackedBits.unpack(reference.project(x[r]), layer.numBits(), layer.getEncoding(), out[r], 0);
        }
        return out;
    }

    private static float[][] layerOutput(MultiLayerNetwork net, float[][] x, boolean training) {
        return net.feedForwardToLayer(0, Nd4j.create(x), training).get(1).toFloatMatrix();
    }

    private static float[][] randomIntegers(Random random, int rows, int n) {
        float[][] x = new float[rows][n];
        for (float[] row : x) {
            for (int i = 0; i < n; i++) {
                row[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(511) - 255;
            }
        }
        return x;
    }

    static float[][] fashionImages() throws Exception {
        return FashionMnist128.images();
    }

    @Test
    void bitsEqualReferenceOnRandomIntegersWithAndWithoutWorkspaces() {
        float[][] x = randomIntegers(new Random(1), 64, 100);
        ProjectionLayer layer = projection(24, 30, 7).build();
        float[][] expected = referenceOutput(layer, x);
        for (WorkspaceMode mode : WorkspaceMode.values()) {
            MultiLayerNetwork net = network(projection(24, 30, 7).build(), 100, mode);
            assertArrayEquals(expected, layerOutput(net, x, false), "inference, " + mode);
            assertArrayEquals(expected, layerOutput(net, x, true), "training, " + mode);
        }
    }

    @Test
    void bitsEqualReferenceOnRealImages() throws Exception {
        float[][] images = fashionImages();
        for (double density : new double[] {1, 0.25, 1.0 / 16}) {
            ProjectionLayer layer = projection(60, 12, 42).density(density).build();
            MultiLayerNetwork net = network(projection(60, 12, 42).density(density).build(), 784, WorkspaceMode.ENABLED);
            assertArrayEquals(referenceOutput(layer, images), layerOutput(net, images, false), "density " + density);
        }
    }

    /**
     * Gaussian inputs put many accumulators within rounding distance of zero, where the GEMM and
     * the reference may disagree before the exact fallback; scaled images do the same.
     */
    @Test
    void bitsEqualReferenceOnNonIntegerInputs() throws Exception {
        Random random = new Random(3);
        float[][] x = new float[200][16];
        for (float[] row : x) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
            }
        }
        ProjectionLayer layer = projection(8, 32, 5).density(1).build();
        assertArrayEquals(referenceOutput(layer, x), layerOutput(network(projection(8, 32, 5).density(1).build(), 16,
                WorkspaceMode.ENABLED), x, false));

        float[][] scaled = fashionImages();
        for (float[] image : scaled) {
            for (int i = 0; i < image.length; i++) {
                image[i] /= 255f;
            }
        }
        ProjectionLayer imageLayer = projection(30, 24, 9).build();
        assertArrayEquals(referenceOutput(imageLayer, scaled),
                layerOutput(network(projection(30, 24, 9).build(), 784, WorkspaceMode.ENABLED), scaled, false));
    }

    @Test
    void encodingsMapBitsToTheirValues() {
        float[][] x = randomIntegers(new Random(2), 4, 20);
        float[][] plusMinus = layerOutput(network(projection(4, 16, 1).build(), 20, WorkspaceMode.ENABLED), x, false);
        float[][] zeroOne = layerOutput(network(projection(4, 16, 1).encoding(BitEncoding.ZERO_ONE).build(), 20,
                WorkspaceMode.ENABLED), x, false);
        for (int r = 0; r < x.length; r++) {
            for (int b = 0; b < 64; b++) {
                assertTrue(plusMinus[r][b] == 1 || plusMinus[r][b] == -1);
                assertEquals((plusMinus[r][b] + 1) / 2, zeroOne[r][b]);
            }
        }
    }

    @Test
    void differentSeedsGiveDifferentBits() {
        float[][] x = randomIntegers(new Random(4), 8, 50);
        float[][] a = layerOutput(network(projection(10, 10, 1).build(), 50, WorkspaceMode.ENABLED), x, false);
        float[][] b = layerOutput(network(projection(10, 10, 2).build(), 50, WorkspaceMode.ENABLED), x, false);
        assertFalse(Arrays.deepEquals(a, b));
    }

    /** Same seed and data in a fresh JVM: same bits (nothing depends on JVM state or native thread count). */
    @Test
    void sameSeedGivesSameBitsInAnotherJvm() throws Exception {
        String here = BitsPrinter.digest();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                BitsPrinter.class.getName()).redirectErrorStream(false).start();
        process.getErrorStream().transferTo(new ByteArrayOutputStream());
        String there;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            there = reader.lines().reduce((first, second) -> second).orElse("");
        }
        assertEquals(0, process.waitFor());
        assertEquals(here, there);
    }

    @Test
    void trainsAndLeavesNoParametersInTheLayer() {
        MultiLayerNetwork net = network(projection(16, 16, 3).build(), 30, WorkspaceMode.ENABLED);
        assertEquals(0, net.getLayer(0).numParams());
        float[][] x = randomIntegers(new Random(5), 32, 30);
        INDArray labels = Nd4j.zeros(32, 3);
        for (int r = 0; r < 32; r++) {
            labels.putScalar(r, r % 3, 1);
        }
        INDArray before = net.params().dup();
        net.fit(new DataSet(Nd4j.create(x), labels));
        assertNotEquals(before, net.params());
        assertTrue(Double.isFinite(net.score()));
    }

    @Test
    void jsonAndModelSerializerRoundTripsGiveIdenticalOutputs(@TempDir File dir) throws Exception {
        float[][] x = randomIntegers(new Random(6), 16, 40);
        MultiLayerNetwork net = network(projection(12, 20, 11).name("projection").build(), 40, WorkspaceMode.ENABLED);
        MultiLayerConfiguration fromJson = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(net.getLayerWiseConfigurations(), fromJson);
        MultiLayerNetwork rebuilt = new MultiLayerNetwork(fromJson);
        rebuilt.init(net.params().dup(), false);
        assertEquals(net.output(Nd4j.create(x)), rebuilt.output(Nd4j.create(x)));

        File file = new File(dir, "net.zip");
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file);
        assertEquals(net.output(Nd4j.create(x)), restored.output(Nd4j.create(x)));
        assertArrayEquals(layerOutput(net, x, false), layerOutput(restored, x, false));
    }

    @Test
    void worksInComputationGraphWithImageInputAndSurvivesJson(@TempDir File dir) throws Exception {
        float[][] images = Arrays.copyOf(fashionImages(), 16);
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3))
                .graphBuilder()
                .addInputs("pixels")
                .setInputTypes(InputType.convolutionalFlat(28, 28, 1))
                .addLayer("projection", projection(20, 16, 42).build(), "pixels")
                .addLayer("out", new OutputLayer.Builder().nOut(10).activation(Activation.SOFTMAX).build(), "projection")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        ProjectionLayer layer = projection(20, 16, 42).nIn(784).build();
        INDArray input = Nd4j.create(images);
        float[][] bits = graph.feedForward(input, false).get("projection").toFloatMatrix();
        assertArrayEquals(referenceOutput(layer, images), bits);

        ComputationGraphConfiguration fromJson = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, fromJson);
        File file = new File(dir, "graph.zip");
        ModelSerializer.writeModel(graph, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file);
        assertEquals(graph.outputSingle(input), restored.outputSingle(input));
    }

    @Test
    void rejectsBadConfigurationNamingTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> projection(0, 8, 1).build())
                .getMessage().contains("numFunctions"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> projection(8, 0, 1).build())
                .getMessage().contains("bitsPerFunction"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> projection(8, 8, 1).density(0.2).build())
                .getMessage().contains("density"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> projection(8, 8, 1).nIn(-3).build())
                .getMessage().contains("nIn"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> projection(8, 8, 1).encoding(null).build())
                .getMessage().contains("encoding"));
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> network(projection(8, 8, 1).nIn(50).build(), 40, WorkspaceMode.ENABLED));
        assertTrue(mismatch.getMessage().contains("nIn"), mismatch.getMessage());
    }

    @Test
    void rejectsBadInputWithClearMessage() {
        MultiLayerNetwork net = network(projection(4, 8, 1).build(), 5, WorkspaceMode.ENABLED);
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> net.output(Nd4j.create(new float[][] {{1, 2, Float.NaN, 4, 5}})));
        assertTrue(nan.getMessage().contains("not finite"), nan.getMessage());
        Exception shape = assertThrows(Exception.class, () -> net.output(Nd4j.create(new float[][] {{1, 2, 3}})));
        assertTrue(String.valueOf(shape.getMessage()).contains("5"), shape.getMessage());
    }

    /** Prints a digest of the layer's bits on fixed data; run in a child JVM by the test above. */
    static final class BitsPrinter {
        private BitsPrinter() {
        }

        static String digest() {
            float[][] x = randomIntegers(new Random(99), 32, 64);
            MultiLayerNetwork net = network(projection(32, 24, 1234).build(), 64, WorkspaceMode.ENABLED);
            return Integer.toHexString(Arrays.deepHashCode(layerOutput(net, x, false)));
        }

        public static void main(String[] args) {
            System.out.println(digest());
        }
    }
}
