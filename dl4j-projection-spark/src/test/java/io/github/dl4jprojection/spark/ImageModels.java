package io.github.dl4jprojection.spark;

import io.github.dl4jprojection.layers.FashionMnist128;
import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The joint model of the layers module's export parity test, for 28x28 images: trainer scale to [0, 1], dense 64
 * ReLU, logits; projection 16 x 12 bits on the raw pixels, one hidden ReLU layer of 32, softmax.
 */
final class ImageModels {

    static final ProjectionSpec SPEC = ProjectionSpec.builder().numFunctions(16).bitsPerFunction(12).seed(42)
            .density(0.25).build();

    private ImageModels() {
    }

    static JointProjectionModel joint() {
        return new JointProjectionModel.Builder()
                .trainerInputType(InputType.feedForward(FashionMnist128.PIXELS)).nClasses(10)
                .labelNames(FashionMnist128.LABEL_NAMES)
                .trainerVertex("scaled", new ScaleVertex(1.0 / 255), JointProjectionModel.TRAINER_INPUT)
                .trainerLayer("trainer_hidden", new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build(),
                        "scaled")
                .projectionLayer(new ProjectionLayer.Builder().spec(SPEC).build())
                .hiddenLayers(32)
                .updater(new Adam(1e-2))
                .seed(7)
                .build();
    }
}
