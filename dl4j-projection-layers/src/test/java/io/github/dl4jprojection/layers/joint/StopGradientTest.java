package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

/** With only the distillation term (l1 = l3 = 0), the trainer is a fixed teacher unless distillIntoTrainer. */
@ExtendWith(SingleThreadedNd4j.class)
class StopGradientTest {

    private static final List<String> TRAINER = Arrays.asList("trainer_hidden", "trainer_logits");

    @Test
    void distillationAloneLeavesTheTrainerBitIdentical() {
        Changes changes = oneStep(false);
        for (Map.Entry<String, INDArray> e : changes.trainerBefore.entrySet()) {
            assertEquals(e.getValue(), changes.trainerAfter.get(e.getKey()), e.getKey() + " moved");
        }
        assertProjectionMoved(changes);
    }

    @Test
    void distillIntoTrainerMovesTheTrainer() {
        Changes changes = oneStep(true);
        for (Map.Entry<String, INDArray> e : changes.trainerBefore.entrySet()) {
            if (e.getKey().endsWith("/W")) {
                assertNotEquals(e.getValue(), changes.trainerAfter.get(e.getKey()), e.getKey() + " did not move");
            }
        }
        assertProjectionMoved(changes);
    }

    private static void assertProjectionMoved(Changes changes) {
        for (Map.Entry<String, INDArray> e : changes.projectionBefore.entrySet()) {
            assertNotEquals(e.getValue(), changes.projectionAfter.get(e.getKey()), e.getKey() + " did not move");
        }
    }

    private static Changes oneStep(boolean distillIntoTrainer) {
        JointProjectionModel model = TestModels.smallFromScratch(DataType.FLOAT)
                .lambdaTrainer(0).lambdaDistill(0.5).lambdaLabels(0).temperature(2)
                .distillIntoTrainer(distillIntoTrainer).updater(new Sgd(0.5)).build();
        DataSet data = new Blobs(TestModels.N_IN, TestModels.K, 2.0).sample(16, 5, DataType.FLOAT);
        List<String> projection = new ArrayList<>(model.projectionDenseLayerNames());
        Changes changes = new Changes();
        changes.trainerBefore = TestModels.parameters(model.graph(), TRAINER);
        changes.projectionBefore = TestModels.parameters(model.graph(), projection);
        model.fit(Blobs.iterator(data, 16), 1);
        changes.trainerAfter = TestModels.parameters(model.graph(), TRAINER);
        changes.projectionAfter = TestModels.parameters(model.graph(), projection);
        return changes;
    }

    private static final class Changes {
        Map<String, INDArray> trainerBefore;
        Map<String, INDArray> trainerAfter;
        Map<String, INDArray> projectionBefore;
        Map<String, INDArray> projectionAfter;
    }
}
