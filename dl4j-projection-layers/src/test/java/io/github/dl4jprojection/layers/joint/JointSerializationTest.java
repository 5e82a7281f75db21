package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.BitVectorInputLayer;
import io.github.dl4jprojection.layers.DistillationOutputLayer;
import io.github.dl4jprojection.layers.ProjectionLayer;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

@ExtendWith(SingleThreadedNd4j.class)
class JointSerializationTest {

    private final Blobs blobs = new Blobs(TestModels.N_IN, TestModels.K, 2.0);
    private final DataSet data = blobs.sample(24, 3, DataType.FLOAT);

    @Test
    void jsonRoundTripGivesTheSameConfigurationAndOutputs() {
        JointProjectionModel model = trained(TestModels.smallFromScratch(DataType.FLOAT)
                .lambdaDistill(0.4).temperature(3).distillIntoTrainer(true).build());
        ComputationGraph graph = model.graph();
        String json = graph.getConfiguration().toJson();
        ComputationGraphConfiguration restored = ComputationGraphConfiguration.fromJson(json);
        assertEquals(json, restored.toJson());
        DistillationOutputLayer output = (DistillationOutputLayer) ((LayerVertex) restored.getVertices()
                .get(model.projectionOutputName())).getLayerConf().getLayer();
        assertEquals(graph.getLayer(model.projectionOutputName()).conf().getLayer(), output);
        assertEquals(0.4, output.getLambdaDistill());
        assertEquals(3.0, output.getTemperature());
        assertTrue(output.isDistillIntoTrainer());

        ComputationGraph copy = new ComputationGraph(restored);
        copy.init(graph.params().dup(), true);
        assertOutputsEqual(graph.output(model.graphInputs(data.getFeatures())),
                copy.output(model.graphInputs(data.getFeatures())));
    }

    @Test
    void modelSerializerRoundTripKeepsOutputsLayoutAndUpdaterState(@TempDir Path dir) throws Exception {
        JointProjectionModel model = trained(TestModels.smallFromScratch(DataType.FLOAT)
                .labelNames(Arrays.asList("red", "green", "blue")).build());
        File file = dir.resolve("joint.zip").toFile();
        model.save(file);
        JointProjectionModel loaded = JointProjectionModel.load(file);

        assertLayoutEquals(model, loaded);
        assertOutputsEqual(model.graph().output(model.graphInputs(data.getFeatures())),
                loaded.graph().output(loaded.graphInputs(data.getFeatures())));

        // The same further step from the same parameters and Adam state lands on the same parameters.
        model.fit(Blobs.iterator(data, 8), 1);
        loaded.fit(Blobs.iterator(data, 8), 1);
        assertEquals(model.graph().params(), loaded.graph().params());
    }

    @Test
    void bitsInputModelRoundTrips(@TempDir Path dir) throws Exception {
        JointProjectionModel model = trained(bitsModel());
        File file = dir.resolve("bits.zip").toFile();
        model.save(file);
        JointProjectionModel loaded = JointProjectionModel.load(file);
        assertFalse(loaded.projectionOnTrainerInput());
        assertLayoutEquals(model, loaded);
        assertOutputsEqual(model.graph().output(model.graphInputs(data.getFeatures())),
                loaded.graph().output(loaded.graphInputs(data.getFeatures())));
    }

    @Test
    void frozenImportedTrainerRoundTrips(@TempDir Path dir) throws Exception {
        JointProjectionModel model = trained(new JointProjectionModel.Builder()
                .trainer(TestModels.mlp(TestModels.N_IN, TestModels.K, DataType.FLOAT)).freezeTrainer(true)
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(2).bitsPerFunction(8).build()).build());
        File file = dir.resolve("frozen.zip").toFile();
        model.save(file);
        JointProjectionModel loaded = JointProjectionModel.load(file);
        assertLayoutEquals(model, loaded);
        assertOutputsEqual(model.graph().output(model.graphInputs(data.getFeatures())),
                loaded.graph().output(loaded.graphInputs(data.getFeatures())));
    }

    @Test
    void loadRejectsAGraphWithoutTheJointLayout(@TempDir Path dir) throws Exception {
        File file = dir.resolve("plain.zip").toFile();
        ModelSerializer.writeModel(TestModels.mlp(4, 2, DataType.FLOAT).toComputationGraph(), file, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JointProjectionModel.load(file));
        assertTrue(e.getMessage().contains("layout"), e.getMessage());
    }

    @Test
    void layoutOfAnotherFormatVersionIsRejected() {
        String json = TestModels.smallFromScratch(DataType.FLOAT).build().layoutJson()
                .replace("\"formatVersion\":1", "\"formatVersion\":99");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JointLayout.fromJson(json));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
    }

    static JointProjectionModel.Builder bitsModel() {
        return TestModels.smallFromScratch(DataType.FLOAT).projectionLayer(null)
                .bitVectorInput(new BitVectorInputLayer.Builder().numFunctions(2).bitsPerFunction(8).seed(3).build());
    }

    private JointProjectionModel trained(JointProjectionModel model) {
        model.fit(Blobs.iterator(data, 8), 2);
        return model;
    }

    private JointProjectionModel trained(JointProjectionModel.Builder builder) {
        return trained(builder.build());
    }

    private static void assertLayoutEquals(JointProjectionModel expected, JointProjectionModel actual) {
        assertEquals(expected.projectionInputLayerName(), actual.projectionInputLayerName());
        assertEquals(expected.projectionDenseLayerNames(), actual.projectionDenseLayerNames());
        assertEquals(expected.trainerLogitsName(), actual.trainerLogitsName());
        assertEquals(expected.trainerOutputName(), actual.trainerOutputName());
        assertEquals(expected.projectionOutputName(), actual.projectionOutputName());
        assertEquals(expected.trainerInputName(), actual.trainerInputName());
        assertEquals(expected.trainerInputType(), actual.trainerInputType());
        assertEquals(expected.bitsInputName(), actual.bitsInputName());
        assertEquals(expected.numClasses(), actual.numClasses());
        assertEquals(expected.labelNames(), actual.labelNames());
        assertEquals(expected.projectionInputLayer(), actual.projectionInputLayer());
    }

    private static void assertOutputsEqual(INDArray[] expected, INDArray[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], "output " + i);
        }
    }
}
