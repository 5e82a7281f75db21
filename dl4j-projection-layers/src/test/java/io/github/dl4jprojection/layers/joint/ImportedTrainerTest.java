package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.ProjectionLayer;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Existing networks as trainers: parameters copied, outputs preserved, frozen trainers stay put. */
@ExtendWith(SingleThreadedNd4j.class)
class ImportedTrainerTest {

    private static final int DIMS = 20;
    private static final int CLASSES = 3;

    private final Blobs blobs = new Blobs(DIMS, CLASSES, 1.5);
    private final DataSet train = blobs.sample(150, 1, DataType.FLOAT);
    private final DataSet test = blobs.sample(150, 2, DataType.FLOAT);

    @Test
    void frozenPretrainedMultiLayerNetworkKeepsItsOutputsWhileTheProjectionLearns() {
        MultiLayerNetwork net = TestModels.mlp(DIMS, CLASSES, DataType.FLOAT);
        net.fit(Blobs.iterator(train, 30), 3);
        INDArray netParams = net.params().dup();
        INDArray expected = net.output(test.getFeatures());

        JointProjectionModel model = new JointProjectionModel.Builder().trainer(net).freezeTrainer(true)
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(8).bitsPerFunction(8).build())
                .labelNames(Arrays.asList("a", "b", "c")).updater(new Adam(0.02)).build();
        for (String trainerLayer : Arrays.asList("layer0", model.trainerLogitsName())) {
            LayerVertex vertex = (LayerVertex) model.graph().getConfiguration().getVertices().get(trainerLayer);
            assertTrue(vertex.getLayerConf().getLayer() instanceof FrozenLayer, trainerLayer);
        }
        INDArray importedOutput = model.trainerOutput(test.getFeatures());
        assertTrue(expected.equalsWithEps(importedOutput, 1e-6), "imported trainer computes what the network did");
        double projectionBefore = model.evaluate(Blobs.iterator(test, 50)).projection().accuracy();

        model.fit(Blobs.iterator(train, 30), 8);

        assertEquals(importedOutput, model.trainerOutput(test.getFeatures()), "frozen trainer outputs moved");
        assertEquals(netParams, net.params(), "the source network was modified");
        JointEvaluation after = model.evaluate(Blobs.iterator(test, 50));
        assertEquals(Arrays.asList("a", "b", "c"), after.projection().getLabelsList());
        assertTrue(after.projection().accuracy() > projectionBefore, "before " + projectionBefore + ", after " + after);
        assertTrue(after.projection().accuracy() > 0.8, after.toString());
    }

    @Test
    void computationGraphTrainerIsCopiedAndTrainsJointlyWhenNotFrozen() {
        MultiLayerNetwork net = TestModels.mlp(DIMS, CLASSES, DataType.FLOAT);
        ComputationGraph graph = net.toComputationGraph();
        INDArray expected = graph.outputSingle(test.getFeatures());

        JointProjectionModel model = new JointProjectionModel.Builder().trainer(graph)
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(8).bitsPerFunction(8).build()).build();
        assertTrue(expected.equalsWithEps(model.trainerOutput(test.getFeatures()), 1e-6));
        INDArray trainerWeights = model.graph().getLayer(model.trainerLogitsName()).getParam("W").dup();

        model.fit(Blobs.iterator(train, 30), 1);

        assertNotEquals(trainerWeights, model.graph().getLayer(model.trainerLogitsName()).getParam("W"));
    }

    @Test
    void convolutionalTrainerKeepsItsPreprocessorsAndOutputs() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(5, 4, 1))
                .build();
        MultiLayerNetwork cnn = new MultiLayerNetwork(conf);
        cnn.init();
        INDArray images = new Blobs(DIMS, CLASSES, 1.0).sample(6, 9, DataType.FLOAT).getFeatures();

        JointProjectionModel model = new JointProjectionModel.Builder().trainer(cnn)
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(2).bitsPerFunction(8).build()).build();

        assertEquals(DIMS, ((ProjectionLayer) model.projectionInputLayer()).getNIn());
        assertTrue(cnn.output(images).equalsWithEps(model.trainerOutput(images), 1e-6));
    }
}
