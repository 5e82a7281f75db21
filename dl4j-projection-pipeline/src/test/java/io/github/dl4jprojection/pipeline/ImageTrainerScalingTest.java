package io.github.dl4jprojection.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;

/** An image trainer sees the raw pixels divided by {@code --pixel-max}; the projection sees them raw. */
class ImageTrainerScalingTest {

    private static final int K = 3;

    @Test
    void theTrainerSeesPixelsDividedByPixelMax() {
        TrainingConfig config = TrainingConfig.builder(TaskKind.IMAGE).trainer("mlp").pixelMax(16).build();
        JointProjectionModel.Builder builder = JointModels.common(config, Arrays.asList("a", "b", "c"))
                .trainerInputType(InputType.feedForward(64))
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(4).bitsPerFunction(8).seed(1).build());
        Trainers.image("mlp").addTo(builder, 8, 8, K, config.pixelMax());
        ScaleVertex scale = (ScaleVertex)
                builder.build().graph().getConfiguration().getVertices().get(ImageTrainer.SCALED);
        assertEquals(1.0 / 16, scale.getScaleFactor(), 1e-15);
    }
}
