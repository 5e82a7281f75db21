package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.BitVectorInputLayer;
import io.github.dl4jprojection.layers.ProjectionLayer;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class JointProjectionModelBuilderTest {

    private static final int N = TestModels.N_IN;
    private static final int K = TestModels.K;

    @Test
    void rejectsBadLossWeightsAndTemperature() {
        assertRejected("lambdaTrainer", () -> small().lambdaTrainer(-1).build());
        assertRejected("lambdaDistill", () -> small().lambdaDistill(-0.1).build());
        assertRejected("lambdaLabels", () -> small().lambdaLabels(Double.NaN).build());
        assertRejected("temperature", () -> small().temperature(0).build());
        assertRejected("temperature", () -> small().temperature(-1).build());
    }

    @Test
    void rejectsAProjectionWhoseNInDoesNotMatchTheTrainerInput() {
        assertRejected("nIn", () -> small().projectionLayer(projection(N + 1)).build());
    }

    @Test
    void acceptsAProjectionWithMatchingOrUnsetNIn() {
        assertEquals(N, ((ProjectionLayer) small().projectionLayer(projection(N)).build().projectionInputLayer())
                .getNIn());
        assertEquals(N, ((ProjectionLayer) small().build().projectionInputLayer()).getNIn());
    }

    @Test
    void needsExactlyOneProjectionInput() {
        BitVectorInputLayer bits = new BitVectorInputLayer.Builder().numFunctions(2).bitsPerFunction(8).build();
        assertRejected("projectionLayer", () -> small().bitVectorInput(bits).build());
        assertRejected("projectionLayer", () -> small().projectionLayer(null).build());
    }

    @Test
    void needsExactlyOneTrainer() {
        MultiLayerNetwork mlp = TestModels.mlp(N, K, DataType.FLOAT);
        ComputationGraph graph = mlp.toComputationGraph();
        assertRejected("trainer", () -> new JointProjectionModel.Builder().projectionLayer(projection(0)).build());
        assertRejected("trainer", () -> withProjection().trainer(mlp).trainer(graph).build());
        assertRejected("trainerLayer", () -> withProjection().trainer(mlp)
                .trainerLayer("extra", new DenseLayer.Builder().nOut(3).build()).build());
    }

    @Test
    void rejectsBadClassCountsAndLabelNames() {
        assertRejected("nClasses", () -> small().nClasses(1).build());
        assertRejected("nClasses", () -> withProjection().trainer(TestModels.mlp(N, K, DataType.FLOAT))
                .nClasses(K + 1).build());
        assertRejected("labelNames", () -> small().labelNames(Arrays.asList("a", "b")).build());
    }

    @Test
    void rejectsBadHiddenLayersAndOptions() {
        assertRejected("hiddenLayers", () -> small().hiddenLayers(4, 0).build());
        assertRejected("freezeTrainer", () -> small().freezeTrainer(true).build());
        assertRejected("updater", () -> small().updater(null).build());
        assertRejected("hiddenActivation", () -> small().hiddenLayers(4)
                .hiddenActivation(org.nd4j.linalg.activations.Activation.ELU).build());
    }

    @Test
    void rejectsTrainerLayerNamesTheJointGraphUses() {
        assertRejected("projection", () -> small()
                .trainerLayer("projection", new DenseLayer.Builder().nOut(3).build()).build());
    }

    @Test
    void rejectsATrainerThatDoesNotEndInASoftmaxOutputLayer() {
        MultiLayerNetwork sigmoid = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(N).nOut(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(K).activation(Activation.SIGMOID)
                        .build())
                .setInputType(InputType.feedForward(N)).build());
        sigmoid.init();
        assertRejected("softmax", () -> withProjection().trainer(sigmoid).build());
    }

    @Test
    void asksForTheInputTypeWhenTheTrainerCannotTellIt() {
        MultiLayerNetwork cnn = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(2, 2).nIn(1).nOut(2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(2 * 3 * 3).nOut(K)
                        .activation(Activation.SOFTMAX).build())
                .inputPreProcessor(1, new org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor(3, 3, 2))
                .build());
        cnn.init();
        assertRejected("trainerInputType", () -> withProjection().trainer(cnn).build());
        JointProjectionModel model = withProjection().trainer(cnn).trainerInputType(InputType.convolutional(4, 4, 1))
                .build();
        assertEquals(16, ((ProjectionLayer) model.projectionInputLayer()).getNIn());
    }

    /**
     * Every vertex of a joint graph has an output type of its real size: DL4J's LossLayer left at nOut 0 made the
     * trainer output {@code feedForward(0)}, logged as "Assigning a size of zero" on every build (issue 16).
     */
    @Test
    void everyVertexOfTheJointGraphHasAnOutputTypeOfItsRealSize() {
        JointProjectionModel model = withProjection().trainer(TestModels.mlp(N, K, DataType.FLOAT)).build();
        Map<String, InputType> types = model.graph().getConfiguration()
                .getLayerActivationTypes(InputType.feedForward(N));
        assertEquals(InputType.feedForward(K), types.get(model.trainerOutputName()));
        assertEquals(InputType.feedForward(K), types.get(model.trainerLogitsName()));
        assertEquals(InputType.feedForward(K), types.get(model.projectionOutputName()));
        for (Map.Entry<String, InputType> type : types.entrySet()) {
            assertTrue(type.getValue().arrayElementsPerExample() > 0, type.getKey() + ": " + type.getValue());
        }
    }

    @Test
    void fitRejectsNonPositiveEpochs() {
        JointProjectionModel model = small().build();
        assertRejected("epochs", () -> model.fit(Blobs.iterator(
                new Blobs(N, K, 1).sample(4, 1, DataType.FLOAT), 4), 0));
    }

    /** Adam's first step moves every weight with a gradient by about its learning rate: the branch's own, here. */
    @Test
    void theProjectionUpdaterDrivesTheProjectionLayersOnly() {
        JointProjectionModel model = small().hiddenLayers(5).updater(new Adam(1e-3)).projectionUpdater(new Adam(0.05))
                .build();
        ComputationGraph graph = model.graph();
        Map<String, INDArray> before = new java.util.HashMap<>();
        for (String name : new String[] {JointNames.hidden(0), JointNames.PROJECTION_LOGITS, JointNames.TRAINER_LOGITS}) {
            before.put(name, graph.getLayer(name).getParam("W").dup());
        }
        model.fit(Blobs.iterator(new Blobs(N, K, 1).sample(8, 1, DataType.FLOAT), 8), 1);
        for (String name : new String[] {JointNames.hidden(0), JointNames.PROJECTION_LOGITS}) {
            double step = graph.getLayer(name).getParam("W").sub(before.get(name)).amaxNumber().doubleValue();
            assertEquals(0.05, step, 0.005, name);
        }
        double trainerStep = graph.getLayer(JointNames.TRAINER_LOGITS).getParam("W")
                .sub(before.get(JointNames.TRAINER_LOGITS)).amaxNumber().doubleValue();
        assertEquals(1e-3, trainerStep, 1e-4, "the trainer keeps the builder's updater");
    }

    private static JointProjectionModel.Builder small() {
        return TestModels.smallFromScratch(DataType.FLOAT);
    }

    private static JointProjectionModel.Builder withProjection() {
        return new JointProjectionModel.Builder().projectionLayer(projection(0));
    }

    private static ProjectionLayer projection(long nIn) {
        return new ProjectionLayer.Builder().nIn(nIn).numFunctions(2).bitsPerFunction(8).build();
    }

    private static void assertRejected(String parameter, Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(parameter), "message should name " + parameter + ": " + e.getMessage());
    }
}
