package io.github.dl4jprojection.pipeline;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/** {@code mlp} for images: dense 512 - dense 512 (dropout, keep 0.8) - logits, like the paper's feed-forward trainer. */
final class ImageMlpTrainer implements ImageTrainer {

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "mlp";
    }

    @Override
    public List<Layer> layers(int height, int width, int numClasses) {
        return Arrays.asList(
                new DenseLayer.Builder().nOut(512).activation(Activation.RELU).weightInit(WeightInit.RELU)
                        .name("dense1").build(),
                new DenseLayer.Builder().nOut(512).activation(Activation.RELU).weightInit(WeightInit.RELU)
                        .dropOut(0.8).name("dense2").build());
    }
}
