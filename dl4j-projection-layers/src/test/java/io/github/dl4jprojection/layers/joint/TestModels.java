package io.github.dl4jprojection.layers.joint;

import io.github.dl4jprojection.layers.ProjectionLayer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small joint models shared by the tests. */
final class TestModels {

    static final int N_IN = 12;
    static final int K = 3;

    private TestModels() {
    }

    /** A smooth (tanh) from-scratch trainer and a 16-bit projection with one tanh hidden layer. */
    static JointProjectionModel.Builder smallFromScratch(DataType dataType) {
        return new JointProjectionModel.Builder()
                .trainerInputType(InputType.feedForward(N_IN)).nClasses(K)
                .trainerLayer("trainer_hidden", new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build())
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(2).bitsPerFunction(8).seed(3).build())
                .hiddenLayers(4).hiddenActivation(Activation.TANH)
                .dataType(dataType);
    }

    /** A small softmax MLP, as a user's existing trainer would be: dense ReLU layer, softmax output. */
    static MultiLayerNetwork mlp(int nIn, int nClasses, DataType dataType) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(dataType)
                .updater(new Adam(0.01)).list()
                .layer(new DenseLayer.Builder().nIn(nIn).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(nClasses)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(nIn))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Copies of every parameter of the given vertices, keyed "vertex/param". */
    static Map<String, INDArray> parameters(ComputationGraph graph, Iterable<String> vertices) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String v : vertices) {
            for (Map.Entry<String, INDArray> e : graph.getLayer(v).paramTable().entrySet()) {
                out.put(v + "/" + e.getKey(), e.getValue().dup());
            }
        }
        return out;
    }
}
