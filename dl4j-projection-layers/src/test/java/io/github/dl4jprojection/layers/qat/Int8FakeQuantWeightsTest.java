package io.github.dl4jprojection.layers.qat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.model.Int8Quantizer;
import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.weightnoise.IWeightNoise;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class Int8FakeQuantWeightsTest {

    private static final int N_IN = 9;
    private static final int HIDDEN = 6;
    private static final int K = 4;

    /** A dense tanh layer and a softmax output, both with the given weight noise (null: none). */
    private static MultiLayerNetwork network(IWeightNoise noise) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nOut(HIDDEN).activation(Activation.TANH).weightNoise(noise).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(K).activation(Activation.SOFTMAX)
                        .weightNoise(noise).build())
                .setInputType(InputType.feedForward(N_IN))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Weights of very different sizes per column, an all-zero column and exact ties of the rounding. */
    private static INDArray randomWeights(Random random, int nIn, int nOut) {
        float[][] w = new float[nIn][nOut];
        for (int j = 0; j < nOut; j++) {
            float scale = (float) Math.pow(10, random.nextInt(7) - 4);
            for (int i = 0; i < nIn; i++) {
                w[i][j] = j == 1 ? 0f : (float) (random.nextGaussian() * scale);
            }
        }
        w[0][0] = 127f;
        w[1][0] = 0.5f;
        w[2][0] = -2.5f;
        return Nd4j.create(w);
    }

    @Test
    void forwardWeightsEqualTheInt8ExportsQuantizeDequantizeBitForBit() {
        Random random = new Random(11);
        MultiLayerNetwork net = network(new Int8FakeQuantWeights());
        for (int trial = 0; trial < 20; trial++) {
            INDArray w = randomWeights(random, N_IN, HIDDEN);
            net.getLayer(0).setParam("W", w);
            for (boolean train : new boolean[] {true, false}) {
                INDArray noisy = new Int8FakeQuantWeights().getParameter(net.getLayer(0), "W", 0, 0, train,
                        LayerWorkspaceMgr.noWorkspaces());
                DenseBlock exported = Int8Quantizer.quantize(DenseBlock.float32(N_IN, HIDDEN,
                        w.dup('c').data().asFloat(), new float[HIDDEN], Nonlinearity.IDENTITY));
                for (int i = 0; i < N_IN; i++) {
                    for (int j = 0; j < HIDDEN; j++) {
                        assertEquals(Float.floatToIntBits(exported.weight(i, j)),
                                Float.floatToIntBits(noisy.getFloat(i, j)), "W[" + i + "][" + j + "] of trial " + trial);
                    }
                }
            }
        }
        assertSame(net.getLayer(0).getParam("b"), new Int8FakeQuantWeights().getParameter(net.getLayer(0), "b", 0, 0,
                true, LayerWorkspaceMgr.noWorkspaces()), "the bias stays float, as the export keeps it");
    }

    /**
     * Straight through: the quantized network's gradient of every parameter is the gradient of a float network that
     * holds the quantized weights, dL/dW = dL/dWq; and its output is that network's output.
     */
    @Test
    void gradientPassesStraightThroughToTheFloatWeights() {
        MultiLayerNetwork quantized = network(new Int8FakeQuantWeights());
        MultiLayerNetwork plain = network(null);
        plain.setParams(quantized.params().dup());
        for (int l = 0; l < 2; l++) {
            plain.getLayer(l).setParam("W", new Int8FakeQuantWeights().getParameter(quantized.getLayer(l), "W", 0, 0,
                    true, LayerWorkspaceMgr.noWorkspaces()));
        }
        assertNotEquals(quantized.params(), plain.params(), "the float weights are not on the int8 grid");

        Random random = new Random(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, N_IN).subi(0.5).muli(4);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, K);
        for (int r = 0; r < 16; r++) {
            y.putScalar(r, random.nextInt(K), 1f);
        }
        assertEquals(plain.output(x), quantized.output(x));
        Map<String, INDArray> expected = gradients(plain, x, y);
        Map<String, INDArray> actual = gradients(quantized, x, y);
        assertEquals(expected.keySet(), actual.keySet());
        for (String key : expected.keySet()) {
            assertTrue(expected.get(key).equalsWithEps(actual.get(key), 1e-6), key + ": " + expected.get(key) + " vs "
                    + actual.get(key));
            assertTrue(expected.get(key).amaxNumber().doubleValue() > 0, key + " has a gradient");
        }
    }

    private static Map<String, INDArray> gradients(MultiLayerNetwork net, INDArray x, INDArray y) {
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        Map<String, INDArray> g = net.gradient().gradientForVariable();
        g.replaceAll((k, v) -> v.dup());
        return g;
    }

    @Test
    void jsonRoundTripKeepsTheWeightNoise() {
        MultiLayerConfiguration conf = network(new Int8FakeQuantWeights()).getLayerWiseConfigurations();
        String json = conf.toJson();
        assertTrue(json.contains("io.github.dl4jprojection.layers.qat.Int8FakeQuantWeights"), json);
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, restored);
        assertEquals(new Int8FakeQuantWeights(), ((DenseLayer) restored.getConf(0).getLayer()).getWeightNoise());
    }
}
