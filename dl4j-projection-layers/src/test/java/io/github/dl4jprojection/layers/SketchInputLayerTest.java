package io.github.dl4jprojection.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.text.SketchProjection;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.io.File;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
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
 * {@link SketchInputLayer}: identity on {@code [mb, B]} sketch values, no gradient to the input, B and the seed kept
 * through DL4J's JSON and {@link ModelSerializer}, and the checks on its input type and values.
 */
class SketchInputLayerTest {

    private static final int B = 5;

    private static ComputationGraph graph(int width) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("sketch")
                .setInputTypes(InputType.feedForward(width))
                .addLayer("sketchInput", new SketchInputLayer.Builder().buckets(B).seed(9).build(), "sketch")
                .addLayer("hidden", new DenseLayer.Builder().nOut(3).activation(Activation.TANH).build(), "sketchInput")
                .addLayer("out", new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static INDArray values() {
        return Nd4j.create(new float[][] {{0.6f, 0, -0.8f, 0, 0}, {0, 1, 0, 0, 0}, {0, 0, 0, 0, 0}});
    }

    @Test
    void passesTheValuesOnUnchangedAndGivesNoGradientToTheInput() {
        ComputationGraph graph = graph(B);
        INDArray x = values();
        Map<String, INDArray> activations = graph.feedForward(x, false);
        assertArrayEquals(x.data().asFloat(), activations.get("sketchInput").data().asFloat());
        graph.setInputs(x);
        graph.setLabels(Nd4j.create(new float[][] {{1, 0}, {0, 1}, {1, 0}}));
        graph.computeGradientAndScore();
        assertEquals(0, graph.getLayer("sketchInput").numParams(), "no parameters");
        assertTrue(graph.gradient().gradientForVariable().keySet().stream().noneMatch(k -> k.startsWith("sketchInput")));
        org.deeplearning4j.nn.api.Layer layer = graph.getLayer("sketchInput");
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        INDArray epsilon = layer.backpropGradient(Nd4j.ones(3, B), LayerWorkspaceMgr.noWorkspaces()).getSecond();
        assertArrayEquals(x.shape(), epsilon.shape());
        assertEquals(0.0, epsilon.amaxNumber().doubleValue(), "zero gradient to the input");
    }

    @Test
    void carriesBucketsAndSeedAsTheSketchSpecThroughJsonAndModelSerializer(@TempDir File dir) throws Exception {
        ComputationGraph graph = graph(B);
        ComputationGraphConfiguration fromJson = ComputationGraphConfiguration.fromJson(graph.getConfiguration().toJson());
        assertEquals(graph.getConfiguration(), fromJson);
        File file = new File(dir, "g.zip");
        ModelSerializer.writeModel(graph, file, false);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file);
        SketchInputLayer layer = (SketchInputLayer) restored.getLayer("sketchInput").conf().getLayer();
        assertEquals(B, layer.buckets());
        assertEquals(ProjectionSpec.builder().numFunctions(1).bitsPerFunction(B).density(1).seed(9).build(),
                layer.projectionSpec(), "the spec the model format records for a sketch");
        assertEquals(BitEncoding.ZERO_ONE, layer.getEncoding());
        assertEquals(graph.outputSingle(values()), restored.outputSingle(values()));
    }

    @Test
    void takesBucketsAndSeedFromTheRuntimeProjection() {
        SketchProjection projection = new SketchProjection(FeaturizerConfig.defaults(), 300, -4L);
        SketchInputLayer layer = new SketchInputLayer.Builder().sketch(projection).build();
        assertEquals(300, layer.buckets());
        assertEquals(-4L, layer.getSeed());
    }

    @Test
    void refusesAnotherWidthValuesBeyondOneAndNonFiniteValues() {
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class, () -> graph(B + 1));
        assertTrue(width.getMessage().contains(B + " sketch values"), width.getMessage());
        ComputationGraph graph = graph(B);
        IllegalArgumentException large = assertThrows(IllegalArgumentException.class,
                () -> graph.outputSingle(Nd4j.create(new float[][] {{0, 2, 0, 0, 0}})));
        assertTrue(large.getMessage().contains("|x| = 2.0"), large.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> graph.outputSingle(Nd4j.create(new float[][] {{0, Float.NaN, 0, 0, 0}})));
        assertTrue(nan.getMessage().contains("NaN or infinite"), nan.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> graph.getLayer("sketchInput").activate(Nd4j.zeros(2, B + 1), false,
                        LayerWorkspaceMgr.noWorkspaces()));
        assertTrue(shape.getMessage().contains("[minibatch, " + B + "]"), shape.getMessage());
    }

    @Test
    void theBuilderKeepsTheSketchSpec() {
        assertThrows(IllegalArgumentException.class, () -> new SketchInputLayer.Builder().build(), "buckets required");
        IllegalArgumentException encoding = assertThrows(IllegalArgumentException.class,
                () -> new SketchInputLayer.Builder().buckets(8).encoding(BitEncoding.PLUS_MINUS_ONE).build());
        assertTrue(encoding.getMessage().contains("encoding ZERO_ONE"), encoding.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SketchInputLayer.Builder().buckets(8).density(0.5).build());
        assertThrows(IllegalArgumentException.class,
                () -> new SketchInputLayer.Builder().buckets(8).numFunctions(2).build());
    }
}
