package io.github.dl4jprojection.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.io.File;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BitVectorInputLayerTest {

    private static final ProjectionSpec SPEC =
            ProjectionSpec.builder().numFunctions(2).bitsPerFunction(3).seed(5).density(0.5).build();

    private static ComputationGraph graph(BitEncoding encoding, int bits) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("bits")
                .setInputTypes(InputType.feedForward(bits))
                .addLayer("bitInput", new BitVectorInputLayer.Builder().spec(SPEC).encoding(encoding).build(), "bits")
                .addLayer("out", new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build(), "bitInput")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static float[] encoded(ComputationGraph graph, float[][] bits) {
        return graph.feedForward(Nd4j.create(bits), false).get("bitInput").data().asFloat();
    }

    @Test
    void encodesBits() {
        float[][] bits = {{0, 1, 1, 0, 0, 1}, {1, 1, 1, 1, 0, 0}};
        assertArrayEquals(new float[] {-1, 1, 1, -1, -1, 1, 1, 1, 1, 1, -1, -1},
                encoded(graph(BitEncoding.PLUS_MINUS_ONE, 6), bits));
        assertArrayEquals(new float[] {0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0},
                encoded(graph(BitEncoding.ZERO_ONE, 6), bits));
    }

    @Test
    void carriesTheSpecThroughJsonAndModelSerializer(@TempDir File dir) throws Exception {
        ComputationGraph graph = graph(BitEncoding.PLUS_MINUS_ONE, 6);
        ComputationGraphConfiguration fromJson = ComputationGraphConfiguration.fromJson(graph.getConfiguration().toJson());
        assertEquals(graph.getConfiguration(), fromJson);
        File file = new File(dir, "g.zip");
        ModelSerializer.writeModel(graph, file, false);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file);
        BitVectorInputLayer layer = (BitVectorInputLayer) restored.getLayer("bitInput").conf().getLayer();
        assertEquals(SPEC, layer.projectionSpec());
        INDArray in = Nd4j.create(new float[][] {{0, 1, 1, 0, 0, 1}});
        assertEquals(graph.outputSingle(in), restored.outputSingle(in));
    }

    @Test
    void rejectsValuesThatAreNotBits() {
        ComputationGraph graph = graph(BitEncoding.PLUS_MINUS_ONE, 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> graph.outputSingle(Nd4j.create(new float[][] {{0, 1, 1, 0, 0, 1}, {0, 1, -1, 0, 0, 1}})));
        assertTrue(e.getMessage().contains("example 1, bit 2"), e.getMessage());
    }

    @Test
    void rejectsInputWidthOtherThanTTimesD() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> graph(BitEncoding.ZERO_ONE, 7));
        assertTrue(e.getMessage().contains("6 bits"), e.getMessage());
    }
}
