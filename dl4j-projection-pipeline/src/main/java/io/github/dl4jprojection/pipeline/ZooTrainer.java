package io.github.dl4jprojection.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.zoo.model.LeNet;
import org.deeplearning4j.zoo.model.SimpleCNN;

/**
 * An image trainer from DL4J's model zoo ({@code deeplearning4j-zoo}), untrained, as the zoo defines it (its
 * layers, initialisation and per-layer updater): every layer of the zoo network for {@code 1 x height x width}
 * images and the task's classes, without its softmax head (an output layer, or a final softmax activation
 * layer), which the joint graph replaces by its logits layer and output. Layer names get the prefix
 * {@code zoo_} so they cannot meet the joint graph's own names.
 * <ul>
 *   <li>{@code lenet}: {@link LeNet} (conv 5x5x20 - maxpool - conv 5x5x50 - maxpool - dense 500 - softmax),
 *       AdaDelta;</li>
 *   <li>{@code simplecnn}: {@link SimpleCNN} (conv/batch-norm blocks 16-32-64-128-256 with average pooling and
 *       dropout, a last convolution of K channels, global average pooling - softmax), AdaDelta.</li>
 * </ul>
 */
final class ZooTrainer implements ImageTrainer {

    /** The zoo model's configuration for {@code numClasses} classes and {@code {channels, height, width}} inputs. */
    @FunctionalInterface
    interface ZooFactory {
        MultiLayerConfiguration conf(int numClasses, int[] inputShape);
    }

    /** Smallest image side: SimpleCNN's four 2x2 poolings and LeNet's two leave at least one pixel. */
    static final int MIN_SIDE = 16;

    private final String name;
    private final ZooFactory factory;

    private ZooTrainer(String name, ZooFactory factory) {
        this.name = name;
        this.factory = factory;
    }

    /** DL4J zoo's LeNet. */
    static ZooTrainer leNet() {
        return new ZooTrainer("lenet", (k, shape) -> LeNet.builder().numClasses(k).inputShape(shape).build().conf());
    }

    /** DL4J zoo's SimpleCNN. */
    static ZooTrainer simpleCnn() {
        return new ZooTrainer("simplecnn", (k, shape) -> SimpleCNN.builder().numClasses(k).inputShape(shape).build()
                .conf());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "DL4J zoo " + name;
    }

    @Override
    public List<Layer> layers(int height, int width, int numClasses) {
        if (height < MIN_SIDE || width < MIN_SIDE) {
            throw new IncompatibleModelException("the " + name + " trainer (DL4J zoo) needs images of at least "
                    + MIN_SIDE + "x" + MIN_SIDE + " pixels, but these are " + height + "x" + width
                    + "; use the MLP trainer (--trainer mlp)");
        }
        MultiLayerConfiguration conf = Objects.requireNonNull(factory.conf(numClasses, new int[] {1, height, width}),
                "zoo configuration");
        List<Layer> layers = new ArrayList<>();
        for (NeuralNetConfiguration layerConf : conf.getConfs()) {
            layers.add(layerConf.getLayer().clone());
        }
        Layer last = layers.get(layers.size() - 1);
        if (last instanceof BaseOutputLayer || last instanceof ActivationLayer) {
            layers.remove(layers.size() - 1);
        }
        for (Layer layer : layers) {
            layer.setLayerName("zoo_" + layer.getLayerName());
        }
        return layers;
    }
}
