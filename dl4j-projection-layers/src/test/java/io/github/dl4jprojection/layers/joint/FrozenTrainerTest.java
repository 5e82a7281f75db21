package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.ProjectionLayer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.weightnoise.DropConnect;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A frozen trainer stays frozen: every parameter array (batch-normalization statistics included) is bit for bit
 * what it was before joint training, whatever the trainer's own configuration holds, for MultiLayerNetwork and
 * ComputationGraph trainers. Each case trains the trainer alone first, as a user would, so its updater has state.
 */
@ExtendWith(SingleThreadedNd4j.class)
class FrozenTrainerTest {

    private static final int DIMS = 16;
    private static final int CLASSES = 3;

    private final Blobs blobs = new Blobs(DIMS, CLASSES, 1.5);
    private final DataSet train = blobs.sample(120, 1, DataType.FLOAT);

    @Test
    void l2RegularizationDoesNotShrinkAFrozenTrainer() {
        assertFrozen(mlp(b -> b.l2(0.05).updater(new Adam(0.01))));
    }

    @Test
    void l1RegularizationDoesNotMoveAFrozenTrainer() {
        assertFrozen(mlp(b -> b.l1(0.01).updater(new Sgd(0.1))));
    }

    @Test
    void weightDecayDoesNotMoveAFrozenTrainer() {
        assertFrozen(mlp(b -> b.weightDecay(0.01).updater(new Nesterovs(0.05, 0.9))));
    }

    @Test
    void dropoutAndDropConnectDoNotMoveAFrozenTrainer() {
        assertFrozen(mlp(b -> b.dropOut(0.7).weightNoise(new DropConnect(0.9)).updater(new RmsProp(0.01))));
    }

    @Test
    void gradientNormalizationDoesNotMoveAFrozenTrainer() {
        for (GradientNormalization normalization : new GradientNormalization[] {
                GradientNormalization.RenormalizeL2PerLayer, GradientNormalization.ClipL2PerParamType,
                GradientNormalization.ClipElementWiseAbsoluteValue}) {
            assertFrozen(mlp(b -> b.l2(0.01).gradientNormalization(normalization).gradientNormalizationThreshold(0.5)
                    .updater(new Adam(0.01))));
        }
    }

    @Test
    void batchNormalizationStatisticsDoNotMoveInAFrozenTrainer() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).l2(0.01)
                .updater(new Adam(0.01)).list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(DIMS)).build());
        net.init();
        assertFrozen(net);
    }

    @Test
    void aLeNetLikeTrainerWithL2AsInTheDl4jExamplesStaysFrozen() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(11).l2(0.0005)
                .updater(new Nesterovs(0.01, 0.9)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder().nOut(10).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(4, 4, 1)).build());
        net.init();
        assertFrozen(net);
    }

    @Test
    void aComputationGraphTrainerWithL2AndBatchNormalizationStaysFrozen() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).l2(0.05)
                .updater(new Adam(0.01)).list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(DIMS)).build());
        net.init();
        ComputationGraph graph = net.toComputationGraph();
        graph.fit(Blobs.iterator(train, 30), 2);
        Map<String, INDArray> before = parameters(graph.getLayers());
        INDArray graphParams = graph.params().dup();

        JointProjectionModel joint = frozenJoint(new JointProjectionModel.Builder().trainer(graph));
        Map<String, INDArray> imported = trainerParameters(joint);
        joint.fit(Blobs.iterator(train, 30), 3);

        assertEquals(imported, trainerParameters(joint), "frozen graph trainer parameters moved");
        assertEquals(before.size(), imported.size());
        assertEquals(graphParams, graph.params(), "the source graph was modified");
    }

    /**
     * A graph trainer with a vertex before its layers (the input scaling of the pipeline's image trainers): DL4J's
     * backward pass stopped at the frozen layer and failed on the vertex ("errors not set") before it was frozen too.
     */
    @Test
    void aGraphTrainerWithAScalingVertexInFrontStaysFrozen() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(5).l2(0.05)
                .updater(new Adam(0.01)).graphBuilder()
                .addInputs("pixels").setInputTypes(InputType.feedForward(DIMS))
                .addVertex("scaled", new ScaleVertex(0.5), "pixels")
                .addLayer("dense", new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build(), "scaled")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out").build());
        graph.init();
        graph.fit(Blobs.iterator(train, 30), 2);
        INDArray expected = graph.outputSingle(train.getFeatures());

        JointProjectionModel joint = frozenJoint(new JointProjectionModel.Builder().trainer(graph)
                .trainerInputType(InputType.feedForward(DIMS)));
        Map<String, INDArray> imported = trainerParameters(joint);
        joint.fit(Blobs.iterator(train, 30), 3);

        assertEquals(imported, trainerParameters(joint), "frozen graph trainer parameters moved");
        assertTrue(expected.equalsWithEps(joint.trainerOutput(train.getFeatures()), 1e-6),
                "the frozen trainer still computes what the network did");
    }

    /** With freezeTrainer(false) the trainer trains on, under its own regularization. */
    @Test
    void anUnfrozenTrainerKeepsItsOwnRegularization() {
        MultiLayerNetwork net = mlp(b -> b.l2(0.05).updater(new Adam(0.01)));
        JointProjectionModel joint = new JointProjectionModel.Builder().trainer(net)
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(4).bitsPerFunction(8).build()).build();
        Map<String, INDArray> before = trainerParameters(joint);

        assertTrue(joint.graph().calcRegularizationScore(true) > 0, "the trainer's L2 is part of the score");
        joint.fit(Blobs.iterator(train, 30), 1);

        assertNotEquals(before, trainerParameters(joint), "an unfrozen trainer trains");
    }

    /** Layers the user froze (transfer learning) stay frozen even when the rest of the trainer trains on. */
    @Test
    void layersFrozenByTransferLearningStayFrozenInAnUnfrozenTrainer() {
        MultiLayerNetwork pretrained = mlp(b -> b.l2(0.05).updater(new Adam(0.01)));
        MultiLayerNetwork transfer = new TransferLearning.Builder(pretrained)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().l2(0.05).updater(new Adam(0.01)).build())
                .setFeatureExtractor(0).build();
        JointProjectionModel joint = new JointProjectionModel.Builder().trainer(transfer)
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(4).bitsPerFunction(8).build()).build();
        Map<String, INDArray> frozenBefore = parameters(joint.graph().getLayer("layer0"));
        INDArray logitsBefore = joint.graph().getLayer(joint.trainerLogitsName()).getParam("W").dup();

        joint.fit(Blobs.iterator(train, 30), 2);

        assertEquals(frozenBefore, parameters(joint.graph().getLayer("layer0")), "the user's frozen layer moved");
        assertNotEquals(logitsBefore, joint.graph().getLayer(joint.trainerLogitsName()).getParam("W"));
    }

    /** A FrozenLayerWithBackprop of the user's keeps its parameters; the layers after it still learn. */
    @Test
    void aLayerFrozenWithBackpropStaysFrozenInAnUnfrozenTrainer() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7).l2(0.05)
                .updater(new Adam(0.01)).list()
                .layer(new FrozenLayerWithBackprop(new DenseLayer.Builder().nIn(DIMS).nOut(8)
                        .activation(Activation.RELU).l2(0.05).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(DIMS)).build());
        net.init();
        JointProjectionModel joint = new JointProjectionModel.Builder().trainer(net)
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(4).bitsPerFunction(8).build()).build();
        Map<String, INDArray> frozenBefore = parameters(joint.graph().getLayer("layer0"));
        INDArray logitsBefore = joint.graph().getLayer(joint.trainerLogitsName()).getParam("W").dup();

        joint.fit(Blobs.iterator(train, 30), 2);

        assertEquals(frozenBefore, parameters(joint.graph().getLayer("layer0")), "the user's frozen layer moved");
        assertNotEquals(logitsBefore, joint.graph().getLayer(joint.trainerLogitsName()).getParam("W"));
    }

    @Test
    void distillingIntoAFrozenTrainerIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> frozenJoint(new JointProjectionModel.Builder().trainer(mlp(b -> b)).distillIntoTrainer(true)));
        assertTrue(e.getMessage().contains("distillIntoTrainer") && e.getMessage().contains("freezeTrainer"),
                e.getMessage());
    }

    @Test
    void aTrainerEndingInALossLayerIsRefusedNamingTheLayer() {
        assertRefused(new DenseLayer.Builder().nIn(DIMS).nOut(CLASSES).build(),
                new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).name("scores")
                        .build(), "\"scores\"", "LossLayer");
    }

    @Test
    void aTrainerEndingInAnRnnOutputLayerIsRefusedNamingTheLayer() {
        assertRefused(new LSTM.Builder().nIn(DIMS).nOut(4).build(),
                new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(CLASSES).build(), "\"layer1\"", "RnnOutputLayer");
    }

    /** A two-layer trainer ending in {@code output} is refused with a message holding every fragment. */
    private static void assertRefused(org.deeplearning4j.nn.conf.layers.Layer first,
                                      org.deeplearning4j.nn.conf.layers.Layer output, String... fragments) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list().layer(first)
                .layer(output).build());
        net.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> frozenJoint(new JointProjectionModel.Builder().trainer(net)));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), e.getMessage());
        }
    }

    /** Trains {@code net} alone (its updater gets state), then jointly with the trainer frozen. */
    private void assertFrozen(MultiLayerNetwork net) {
        net.fit(Blobs.iterator(train, 30), 2);
        INDArray netParams = net.params().dup();
        INDArray expected = net.output(train.getFeatures());

        JointProjectionModel joint = frozenJoint(new JointProjectionModel.Builder().trainer(net));
        Map<String, INDArray> imported = trainerParameters(joint);
        assertTrue(expected.equalsWithEps(joint.trainerOutput(train.getFeatures()), 1e-6),
                "the imported trainer computes what the network did");
        double projectionBefore = joint.evaluate(Blobs.iterator(train, 40)).projection().accuracy();

        joint.fit(Blobs.iterator(train, 30), 3);

        assertEquals(imported, trainerParameters(joint), "frozen trainer parameters moved");
        assertEquals(expected, net.output(train.getFeatures()), "the source network's outputs moved");
        assertEquals(netParams, net.params(), "the source network was modified");
        assertNotEquals(projectionBefore, joint.evaluate(Blobs.iterator(train, 40)).projection().accuracy(),
                "the projection branch did not train");
    }

    private static JointProjectionModel frozenJoint(JointProjectionModel.Builder builder) {
        return builder.freezeTrainer(true).updater(new Adam(0.02))
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(4).bitsPerFunction(8).build()).build();
    }

    private static MultiLayerNetwork mlp(UnaryOperator<NeuralNetConfiguration.Builder> settings) {
        MultiLayerConfiguration conf = settings.apply(new NeuralNetConfiguration.Builder().seed(7)).list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(DIMS)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Every parameter of the joint graph's trainer vertices (everything upstream of the trainer's output). */
    private static Map<String, INDArray> trainerParameters(JointProjectionModel joint) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Layer layer : joint.graph().getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            if (!name.startsWith("projection") && !name.startsWith("distillation")
                    && !name.equals(joint.trainerOutputName())) {
                out.putAll(parameters(layer));
            }
        }
        return out;
    }

    private static Map<String, INDArray> parameters(Layer... layers) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Layer layer : layers) {
            for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
                out.put(layer.conf().getLayer().getLayerName() + "/" + e.getKey(), e.getValue().dup());
            }
        }
        return out;
    }
}
