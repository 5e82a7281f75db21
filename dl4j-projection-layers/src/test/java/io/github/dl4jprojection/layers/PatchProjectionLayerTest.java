package io.github.dl4jprojection.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.io.File;
import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link PatchProjectionLayer}: its map is the spec's (every patch gathered here by hand in CHW order and projected by
 * the one dense {@link LshProjection}), for one and three channels and both encodings, from flat or NCHW input; no
 * gradient to the input; the configuration through DL4J's JSON and {@link ModelSerializer}; one-line errors.
 */
class PatchProjectionLayerTest {

    private static final ProjectionSpec SPEC = ProjectionSpec.builder().numFunctions(3).bitsPerFunction(4).seed(77)
            .density(0.5).build();

    private static PatchProjectionLayer layer(int window, int stride, BitEncoding encoding) {
        return new PatchProjectionLayer.Builder().spec(SPEC).window(window).stride(stride).encoding(encoding).build();
    }

    private static ComputationGraph graph(InputType input, PatchProjectionLayer patch) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("image")
                .setInputTypes(input)
                .addLayer("patches", patch, "image")
                .addLayer("conv", new ConvolutionLayer.Builder(2, 2).convolutionMode(ConvolutionMode.Truncate).nOut(2)
                        .activation(Activation.RELU).build(), "patches")
                .addLayer("out", new OutputLayer.Builder().nOut(3).activation(Activation.SOFTMAX).build(), "conv")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** Random integer pixels 0..255, {@code [n, c*h*w]} in CHW order. */
    private static float[][] pixels(int n, int length, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][length];
        for (float[] row : x) {
            for (int i = 0; i < length; i++) {
                row[i] = random.nextInt(256);
            }
        }
        return x;
    }

    /** The spec's map {@code [B][H0][W0]} of one image, the patches gathered independently of the runtime's PatchBits. */
    private static float[] expectedMap(float[] x, int h, int w, int c, int p, int s, BitEncoding encoding) {
        int rows = (h - p) / s + 1;
        int cols = (w - p) / s + 1;
        int bits = SPEC.numBits();
        LshProjection lsh = LshProjection.forDenseInput(SPEC, p * p * c);
        float[] map = new float[bits * rows * cols];
        float[] patch = new float[p * p * c];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                for (int dy = 0; dy < p; dy++) {
                    for (int dx = 0; dx < p; dx++) {
                        for (int ch = 0; ch < c; ch++) {
                            patch[(dy * p + dx) * c + ch] = x[(ch * h + i * s + dy) * w + j * s + dx];
                        }
                    }
                }
                long[] packed = lsh.project(patch);
                for (int b = 0; b < bits; b++) {
                    map[(b * rows + i) * cols + j] = encoding.encode((packed[b >>> 6] >>> (b & 63) & 1L) != 0);
                }
            }
        }
        return map;
    }

    private static void assertMapsMatchTheSpec(InputType input, INDArray features, float[][] x, int h, int w, int c,
                                               int p, int s, BitEncoding encoding) {
        ComputationGraph graph = graph(input, layer(p, s, encoding));
        INDArray map = graph.feedForward(features, false).get("patches");
        int rows = (h - p) / s + 1;
        int cols = (w - p) / s + 1;
        assertArrayEquals(new long[] {x.length, SPEC.numBits(), rows, cols}, map.shape());
        for (int r = 0; r < x.length; r++) {
            float[] actual = map.get(org.nd4j.linalg.indexing.NDArrayIndex.point(r)).dup('c').data().asFloat();
            assertArrayEquals(expectedMap(x[r], h, w, c, p, s, encoding), actual, "example " + r);
        }
    }

    @Test
    void mapsEveryPatchOfAGreyImageAsTheSpecSays() {
        float[][] x = pixels(4, 13 * 11, 5);
        assertMapsMatchTheSpec(InputType.convolutionalFlat(13, 11, 1), Nd4j.create(x), x, 13, 11, 1, 4, 3,
                BitEncoding.PLUS_MINUS_ONE);
        assertMapsMatchTheSpec(InputType.convolutionalFlat(13, 11, 1), Nd4j.create(x), x, 13, 11, 1, 3, 1,
                BitEncoding.ZERO_ONE);
    }

    @Test
    void mapsThreeChannelImagesFlatOrNchwInChwOrder() {
        int h = 9;
        int w = 10;
        float[][] x = pixels(3, 3 * h * w, 6);
        assertMapsMatchTheSpec(InputType.convolutionalFlat(h, w, 3), Nd4j.create(x), x, h, w, 3, 3, 2,
                BitEncoding.PLUS_MINUS_ONE);
        // NCHW [n, c, h, w] flattened in c order is exactly the CHW vector.
        INDArray nchw = Nd4j.create(x).reshape('c', 3, 3, h, w);
        assertMapsMatchTheSpec(InputType.convolutional(h, w, 3), nchw, x, h, w, 3, 3, 2, BitEncoding.ZERO_ONE);
    }

    @Test
    void givesNoGradientToTheInputAndHasNoParameters() {
        ComputationGraph graph = graph(InputType.convolutionalFlat(8, 8, 1), layer(4, 2, BitEncoding.PLUS_MINUS_ONE));
        INDArray x = Nd4j.create(pixels(2, 64, 7));
        org.deeplearning4j.nn.api.Layer patches = graph.getLayer("patches");
        assertEquals(0, patches.numParams());
        patches.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        INDArray epsilon = patches.backpropGradient(Nd4j.ones(2, SPEC.numBits(), 3, 3), LayerWorkspaceMgr.noWorkspaces())
                .getSecond();
        assertArrayEquals(x.shape(), epsilon.shape());
        assertEquals(0.0, epsilon.amaxNumber().doubleValue());
        graph.setInputs(x);
        graph.setLabels(Nd4j.create(new float[][] {{1, 0, 0}, {0, 0, 1}}));
        graph.computeGradientAndScore();
        assertTrue(graph.gradient().gradientForVariable().keySet().stream().noneMatch(k -> k.startsWith("patches")));
    }

    @Test
    void keepsItsConfigurationThroughJsonAndModelSerializer(@TempDir File dir) throws Exception {
        ComputationGraph graph = graph(InputType.convolutionalFlat(12, 12, 1), layer(4, 2, BitEncoding.ZERO_ONE));
        ComputationGraphConfiguration fromJson = ComputationGraphConfiguration.fromJson(graph.getConfiguration().toJson());
        assertEquals(graph.getConfiguration(), fromJson);
        File file = new File(dir, "patch.zip");
        ModelSerializer.writeModel(graph, file, false);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file);
        PatchProjectionLayer layer = (PatchProjectionLayer) restored.getLayer("patches").conf().getLayer();
        assertEquals(SPEC, layer.projectionSpec());
        assertEquals(BitEncoding.ZERO_ONE, layer.getEncoding());
        assertEquals(Arrays.asList(4, 2, 12, 12, 1), Arrays.asList(layer.getWindow(), layer.getStride(),
                layer.getHeight(), layer.getWidth(), layer.getChannels()));
        INDArray x = Nd4j.create(pixels(3, 144, 8));
        assertEquals(graph.outputSingle(x), restored.outputSingle(x));
    }

    @Test
    void refusesWhatDoesNotFitInOneLine() {
        IllegalArgumentException window = assertThrows(IllegalArgumentException.class,
                () -> graph(InputType.convolutionalFlat(6, 8, 1), layer(7, 1, BitEncoding.ZERO_ONE)));
        assertTrue(window.getMessage().contains("window of patch projection \"patches\" is 7, larger than its 6x8"),
                window.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> graph(InputType.convolutionalFlat(8, 8, 1), new PatchProjectionLayer.Builder().spec(SPEC)
                        .window(2).image(8, 8, 3).build()));
        assertTrue(shape.getMessage().contains("is set for 8x8x3 images"), shape.getMessage());
        IllegalArgumentException feedForward = assertThrows(IllegalArgumentException.class,
                () -> graph(InputType.feedForward(64), layer(2, 1, BitEncoding.ZERO_ONE)));
        assertTrue(feedForward.getMessage().contains("takes images"), feedForward.getMessage());
        IllegalArgumentException stride = assertThrows(IllegalArgumentException.class,
                () -> layer(2, 0, BitEncoding.ZERO_ONE));
        assertTrue(stride.getMessage().contains("stride"), stride.getMessage());

        ComputationGraph graph = graph(InputType.convolutionalFlat(8, 8, 1), layer(4, 2, BitEncoding.ZERO_ONE));
        float[][] x = pixels(2, 64, 9);
        x[1][10] = Float.POSITIVE_INFINITY;
        IllegalArgumentException infinite = assertThrows(IllegalArgumentException.class,
                () -> graph.outputSingle(Nd4j.create(x)));
        assertEquals("patch projection \"patches\": input value 10 of example 1 is not finite: Infinity",
                infinite.getMessage());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> graph.getLayer("patches").activate(Nd4j.zeros(2, 63), false, LayerWorkspaceMgr.noWorkspaces()));
        assertTrue(width.getMessage().contains("[minibatch, 64]"), width.getMessage());
    }
}
