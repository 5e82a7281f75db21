package io.github.dl4jprojection.pipeline;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * {@code cnn}, the default image trainer: conv 5x5x32 - maxpool 2 - conv 5x5x64 - maxpool 2 - dense 1024
 * (dropout 0.5) - logits; 1.1M parameters (4.4 MB) for 28x28 images. The wide dense layer costs little time next
 * to the convolutions and gives the trainer room as a teacher. The one CNN definition of the project: the command
 * line, the study and the benchmarks all take it from here.
 */
final class CnnTrainer implements ImageTrainer {

    /**
     * Smallest image side the CNN takes: each 5x5 convolution removes 4 pixels and each 2x2 pooling halves what is
     * left, and the second pooling needs 2: 16 -> 12 -> 6 -> 2 -> 1.
     */
    static final int MIN_SIDE = 16;

    @Override
    public String name() {
        return "cnn";
    }

    @Override
    public String description() {
        return "cnn";
    }

    @Override
    public List<Layer> layers(int height, int width, int numClasses) {
        if (height < MIN_SIDE || width < MIN_SIDE) {
            throw new IncompatibleModelException("the CNN trainer needs images of at least " + MIN_SIDE + "x"
                    + MIN_SIDE + " pixels (two 5x5 convolutions, each followed by 2x2 pooling), but these are "
                    + height + "x" + width + "; use the MLP trainer (--trainer mlp)");
        }
        return Arrays.asList(
                new ConvolutionLayer.Builder(5, 5).nOut(32).activation(Activation.RELU).weightInit(WeightInit.RELU)
                        .name("conv1").build(),
                new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .name("pool1").build(),
                new ConvolutionLayer.Builder(5, 5).nOut(64).activation(Activation.RELU).weightInit(WeightInit.RELU)
                        .name("conv2").build(),
                new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .name("pool2").build(),
                new DenseLayer.Builder().nOut(1024).activation(Activation.RELU).weightInit(WeightInit.RELU)
                        .dropOut(0.5).name("dense").build());
    }

    /** Whether images of this size fit the CNN. */
    static boolean fits(int height, int width) {
        return height >= MIN_SIDE && width >= MIN_SIDE;
    }
}
