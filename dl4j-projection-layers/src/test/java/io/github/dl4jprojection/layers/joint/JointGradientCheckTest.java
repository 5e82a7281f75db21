package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Double-precision gradient checks of the joint graph under the combined loss. With the default
 * stop-gradient only the projection branch sees the distillation term, so the trainer's analytic gradient
 * (the l1 term only) is by design not the numeric one: those parameters are excluded. With
 * distillIntoTrainer every parameter is checked.
 */
@ExtendWith(SingleThreadedNd4j.class)
class JointGradientCheckTest {

    private DataType previousDefault;
    private DataType previousFloating;

    @BeforeEach
    void doublePrecision() {
        previousDefault = Nd4j.dataType();
        previousFloating = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterEach
    void restorePrecision() {
        Nd4j.setDefaultDataTypes(previousDefault, previousFloating);
    }

    @Test
    void projectionBranchGradientsAreExact() {
        JointProjectionModel model = TestModels.smallFromScratch(DataType.DOUBLE).updater(new NoOp())
                .lambdaTrainer(0.7).lambdaDistill(0.6).lambdaLabels(0.9).temperature(2.0).build();
        Set<String> trainerParams = new HashSet<>();
        List<String> projection = model.projectionDenseLayerNames();
        for (String name : model.graph().paramTable().keySet()) {
            if (!projection.contains(name.substring(0, name.lastIndexOf('_')))) {
                trainerParams.add(name);
            }
        }
        assertTrue(check(model, trainerParams));
    }

    @Test
    void wholeGraphGradientsAreExactWhenDistillingIntoTheTrainer() {
        JointProjectionModel model = TestModels.smallFromScratch(DataType.DOUBLE).updater(new NoOp())
                .lambdaTrainer(0.7).lambdaDistill(0.6).lambdaLabels(0.9).temperature(0.8)
                .distillIntoTrainer(true).build();
        assertTrue(check(model, new HashSet<>()));
    }

    private static boolean check(JointProjectionModel model, Set<String> exclude) {
        ComputationGraph graph = model.graph();
        DataSet data = new Blobs(TestModels.N_IN, TestModels.K, 1.0).sample(6, 11, DataType.DOUBLE);
        INDArray y = data.getLabels();
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                .inputs(model.graphInputs(data.getFeatures())).labels(new INDArray[] {y, y})
                .excludeParams(exclude).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
    }
}
