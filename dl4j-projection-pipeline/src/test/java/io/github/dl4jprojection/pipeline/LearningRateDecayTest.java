package io.github.dl4jprojection.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import java.util.Arrays;
import java.util.Collections;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;

/**
 * {@code --learning-rate-decay g}: every trainable layer of the joint graph, the trainer's at {@code learningRate}
 * and the projection network's at {@code projectionLearningRate}, trains epoch {@code e} at {@code rate * g^e}.
 */
class LearningRateDecayTest {

    @Test
    void everyLayerTrainsEpochEAtItsRateTimesTheDecayToThePowerE() {
        TrainingConfig config = TrainingConfig.builder(TaskKind.IMAGE).trainer("mlp").learningRate(2e-3)
                .projectionLearningRate(1e-2).learningRateDecay(0.5).hiddenLayers(Collections.singletonList(4))
                .build();
        JointProjectionModel.Builder builder = JointModels.common(config, Arrays.asList("a", "b", "c"))
                .trainerInputType(InputType.feedForward(64))
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(4).bitsPerFunction(8).seed(1).build());
        Trainers.image("mlp").addTo(builder, 8, 8, 3, config.pixelMax());
        JointProjectionModel joint = builder.build();
        int trainerLayers = 0;
        int projectionLayers = 0;
        for (String name : joint.graph().getConfiguration().getVertices().keySet()) {
            GraphVertex vertex = joint.graph().getConfiguration().getVertices().get(name);
            if (!(vertex instanceof LayerVertex)
                    || !(((LayerVertex) vertex).getLayerConf().getLayer() instanceof BaseLayer)) {
                continue;
            }
            BaseLayer layer = (BaseLayer) ((LayerVertex) vertex).getLayerConf().getLayer();
            // The projection network's layers are named "projection_..." (JointNames), the trainer's are not.
            boolean projection = name.startsWith("projection");
            double rate = projection ? 1e-2 : 2e-3;
            for (int epoch = 0; epoch < 4; epoch++) {
                assertEquals(rate * Math.pow(0.5, epoch), layer.getIUpdater().getLearningRate(0, epoch),
                        1e-12, name + " at epoch " + epoch);
            }
            if (projection) {
                projectionLayers++;
            } else {
                trainerLayers++;
            }
        }
        assertTrue(trainerLayers >= 2 && projectionLayers >= 2, trainerLayers + " trainer and " + projectionLayers
                + " projection layers checked");
    }

    @Test
    void theDecayIsRecordedOnlyWhenTheRatesDecayAndIsCheckedOnResume() {
        TrainingConfig constant = TrainingConfig.builder(TaskKind.IMAGE)
                .image(ImageSettings.builder().model(ProjectionFamily.BAG).build()).build();
        assertEquals(1.0, constant.learningRateDecay());
        assertFalse(constant.asProperties().containsKey("learning-rate-decay"), constant.asProperties().toString());
        TrainingConfig decaying = constant.toBuilder().learningRateDecay(0.8).build();
        assertEquals("0.8", decaying.asProperties().get("learning-rate-decay"));
        assertEquals(0.8, decaying.toBuilder().build().learningRateDecay());
        assertEquals(Collections.singletonList("learning-rate-decay 0.8 vs unset"),
                decaying.differencesFrom(constant.asProperties()));
        for (double bad : new double[] {0, -0.5, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrainingConfig.builder(TaskKind.IMAGE).learningRateDecay(bad).build());
            assertTrue(e.getMessage().startsWith("learning-rate-decay must be in (0, 1]"), e.getMessage());
        }
    }
}
