package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.TokenBitsInputLayer;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
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

    /**
     * The sequence branch (DL4J's dense-per-token, mask, 1-D convolution and masked max-pooling layers after a
     * {@link TokenBitsInputLayer}) under the combined loss, on texts of 5, 3, 1 and 4 tokens padded to 5: the
     * padded tokens must get no gradient path. Tanh keeps the check away from ReLU's kink.
     */
    @Test
    void sequenceBranchGradientsAreExactWithPaddedTokens() {
        ProjectionSpec spec = ProjectionSpec.builder().numFunctions(1).bitsPerFunction(6).seed(3).build();
        JointProjectionModel model = new JointProjectionModel.Builder().dataType(DataType.DOUBLE)
                .trainerInputType(InputType.feedForward(4))
                .trainerLayer("t", new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build(),
                        JointProjectionModel.TRAINER_INPUT)
                .nClasses(3).tokenBitsInput(new TokenBitsInputLayer.Builder().spec(spec).maxTokens(5).build())
                .sequenceEncoder(4, 3, 5).hiddenLayers(3).hiddenActivation(Activation.TANH).updater(new NoOp())
                .lambdaDistill(0.6).temperature(2.0).seed(5).build();
        java.util.Random random = new java.util.Random(9);
        int[] lengths = {5, 3, 1, 4};
        INDArray bits = Nd4j.zeros(DataType.DOUBLE, 4, 6, 5);
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, 4, 5);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 4, 3);
        for (int r = 0; r < 4; r++) {
            for (int t = 0; t < lengths[r]; t++) {
                mask.putScalar(r, t, 1.0);
                for (int b = 0; b < 6; b++) {
                    bits.putScalar(new int[] {r, b, t}, random.nextBoolean() ? 1.0 : 0.0);
                }
            }
            y.putScalar(r, r % 3, 1.0);
        }
        Set<String> trainerParams = new HashSet<>();
        for (String name : model.graph().paramTable().keySet()) {
            if (name.startsWith("t_") || name.startsWith("trainer_")) {
                trainerParams.add(name);
            }
        }
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(model.graph())
                .inputs(new INDArray[] {Nd4j.rand(DataType.DOUBLE, 4, 4), bits})
                .inputMask(new INDArray[] {null, mask}).labels(new INDArray[] {y, y})
                .excludeParams(trainerParams).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false)));
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
