package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * The trainer networks of the image example, added to a {@link JointProjectionModel.Builder}.
 *
 * <p>Both start with a {@link ScaleVertex} of {@code 1/255}: the graph input stays raw 0..255 pixels,
 * which the projection branch needs (integer sums are exact, so the DL4J layer, the Java runtime and
 * the C runtime agree bit for bit), while the trainer sees [0, 1] as usual.
 * <ul>
 *   <li>CNN: conv 5x5x32 - maxpool 2 - conv 5x5x64 - maxpool 2 - dense 1024 (dropout 0.5) - logits;
 *       1.1M parameters (4.4 MB) for 28x28 images, within the issue's ~2M budget. The wide dense layer
 *       costs little time next to the convolutions and gives the trainer room as a teacher.</li>
 *   <li>MLP: dense 512 - dense 512 - logits, like the paper's feed-forward trainer.</li>
 * </ul>
 */
final class TrainerArchitectures {

    /**
     * Smallest image side the CNN takes: each 5x5 convolution removes 4 pixels and each 2x2 pooling halves what is
     * left, and the second pooling needs 2: 16 -> 12 -> 6 -> 2 -> 1.
     */
    static final int CNN_MIN_SIDE = 16;

    private TrainerArchitectures() {
    }

    /**
     * @throws IncompatibleModelException when the trainer cannot take images of this size (the CNN below
     *     {@value #CNN_MIN_SIDE} pixels a side), naming the sizes and the alternative
     */
    static void requireFits(TrainerKind kind, int height, int width) {
        if (kind == TrainerKind.CNN && (height < CNN_MIN_SIDE || width < CNN_MIN_SIDE)) {
            throw new IncompatibleModelException("the CNN trainer needs images of at least " + CNN_MIN_SIDE + "x"
                    + CNN_MIN_SIDE + " pixels (two 5x5 convolutions, each followed by 2x2 pooling), but these are "
                    + height + "x" + width + "; use the MLP trainer (--trainer mlp)");
        }
    }

    static void add(TrainerKind kind, JointProjectionModel.Builder builder) {
        builder.trainerVertex("scaled", new ScaleVertex(1.0 / 255), JointProjectionModel.TRAINER_INPUT);
        if (kind == TrainerKind.CNN) {
            builder.trainerLayer("conv1", new ConvolutionLayer.Builder(5, 5).nOut(32).activation(Activation.RELU)
                            .weightInit(WeightInit.RELU).build(), "scaled")
                    .trainerLayer("pool1", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                            .kernelSize(2, 2).stride(2, 2).build())
                    .trainerLayer("conv2", new ConvolutionLayer.Builder(5, 5).nOut(64).activation(Activation.RELU)
                            .weightInit(WeightInit.RELU).build())
                    .trainerLayer("pool2", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                            .kernelSize(2, 2).stride(2, 2).build())
                    .trainerLayer("dense", new DenseLayer.Builder().nOut(1024).activation(Activation.RELU)
                            .weightInit(WeightInit.RELU).dropOut(0.5).build());
        } else {
            builder.trainerLayer("dense1", new DenseLayer.Builder().nOut(512).activation(Activation.RELU)
                            .weightInit(WeightInit.RELU).build(), "scaled")
                    .trainerLayer("dense2", new DenseLayer.Builder().nOut(512).activation(Activation.RELU)
                            .weightInit(WeightInit.RELU).dropOut(0.8).build());
        }
    }
}
