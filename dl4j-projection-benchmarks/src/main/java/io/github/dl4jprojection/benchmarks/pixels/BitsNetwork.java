package io.github.dl4jprojection.benchmarks.pixels;

import io.github.dl4jprojection.data.Shuffles;
import io.github.dl4jprojection.runtime.internal.hash.SplitMix64;
import io.github.dl4jprojection.runtime.internal.model.Int8Quantizer;
import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The projection network trained alone on fixed bits, as the demo's projection branch is shaped:
 * {@code bits (+-1) [mb, B] -> (dense h, ReLU, when h > 0) -> dense K, softmax}, cross-entropy on the labels,
 * Adam, Xavier initialization (ReLU initialization for the hidden layer), minibatches in the order the image
 * pipeline's iterator uses ({@code ImageDataSetIterator}: {@code Shuffles.permutation(n, SplitMix64.output(seed,
 * epoch))}). After training the layers are taken out as the runtime's
 * {@link DenseBlock}s, float32 or int8 ({@link Int8Quantizer}, what {@code --quantize int8} exports), and scored
 * with the runtime's arithmetic on +-1 inputs.
 */
final class BitsNetwork {

    private final MultiLayerNetwork net;
    private final int numClasses;

    private BitsNetwork(MultiLayerNetwork net, int numClasses) {
        this.net = net;
        this.numClasses = numClasses;
    }

    static BitsNetwork create(int numBits, int hidden, int numClasses, double learningRate, long seed) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Adam(learningRate)).weightInit(WeightInit.XAVIER).list();
        int in = numBits;
        if (hidden > 0) {
            b.layer(new DenseLayer.Builder().nIn(in).nOut(hidden).activation(Activation.RELU)
                    .weightInit(WeightInit.RELU).build());
            in = hidden;
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(in).nOut(numClasses)
                .activation(Activation.SOFTMAX).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return new BitsNetwork(net, numClasses);
    }

    void fit(BitMatrix bits, int[] labels, int epochs, int batchSize, long seed) {
        int n = bits.rows();
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = Shuffles.permutation(n, SplitMix64.output(seed, epoch));
            for (int from = 0; from < n; from += batchSize) {
                int to = Math.min(n, from + batchSize);
                INDArray y = Nd4j.zeros(DataType.FLOAT, to - from, numClasses);
                for (int r = from; r < to; r++) {
                    y.putScalar(r - from, labels[order[r]], 1f);
                }
                net.fit(new DataSet(bits.encoded(order, from, to), y));
            }
        }
    }

    /** The trained layers as the runtime stores them, float32 or int8. */
    List<DenseBlock> layers(boolean int8) {
        List<DenseBlock> blocks = new ArrayList<>();
        int last = net.getnLayers() - 1;
        for (int k = 0; k <= last; k++) {
            INDArray w = net.getLayer(k).getParam("W");
            float[] weights = w.dup('c').data().asFloat();
            float[] bias = net.getLayer(k).getParam("b").dup('c').data().asFloat();
            DenseBlock block = DenseBlock.float32((int) w.rows(), (int) w.columns(), weights, bias,
                    k == last ? Nonlinearity.IDENTITY : Nonlinearity.RELU);
            blocks.add(int8 ? Int8Quantizer.quantize(block) : block);
        }
        return blocks;
    }

    /**
     * Share of rows of {@code bits} whose argmax of the logits (smallest index on ties) is the label, computed
     * from {@code layers} as the runtime does: {@code z_j = bias_j + sum_i W[i][j] * in_i}, in index order.
     */
    static double accuracy(List<DenseBlock> layers, BitMatrix bits, int[] labels) {
        int correct = 0;
        float[][] effective = new float[layers.size()][];
        for (int k = 0; k < effective.length; k++) {
            DenseBlock l = layers.get(k);
            effective[k] = new float[l.nIn() * l.nOut()];
            for (int i = 0; i < l.nIn(); i++) {
                for (int j = 0; j < l.nOut(); j++) {
                    effective[k][i * l.nOut() + j] = l.weight(i, j);
                }
            }
        }
        for (int r = 0; r < bits.rows(); r++) {
            float[] in = new float[bits.numBits()];
            for (int b = 0; b < in.length; b++) {
                in[b] = bits.bit(r, b) ? 1f : -1f;
            }
            for (int k = 0; k < effective.length; k++) {
                in = forward(layers.get(k), effective[k], in);
            }
            correct += argmax(in) == labels[r] ? 1 : 0;
        }
        return (double) correct / bits.rows();
    }

    private static float[] forward(DenseBlock layer, float[] w, float[] in) {
        int nOut = layer.nOut();
        float[] z = layer.bias().clone();
        for (int i = 0; i < in.length; i++) {
            for (int j = 0; j < nOut; j++) {
                z[j] += w[i * nOut + j] * in[i];
            }
        }
        if (layer.nonlinearity() == Nonlinearity.RELU) {
            for (int j = 0; j < nOut; j++) {
                z[j] = Math.max(0f, z[j]);
            }
        }
        return z;
    }

    private static int argmax(float[] z) {
        int best = 0;
        for (int j = 1; j < z.length; j++) {
            if (z[j] > z[best]) {
                best = j;
            }
        }
        return best;
    }
}
