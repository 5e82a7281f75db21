package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.ImageTask;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingRequestTest {

    private static void assertRejected(TrainingRequest.Builder builder, String expectedStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @Test
    void builderNamesTheMissingOrInvalidParameter() {
        assertRejected(TrainingRequest.builder(), "task must be set");
        assertRejected(TrainingRequest.builder().task(ImageTask.MNIST), "data must be set");
    }

    @Test
    void outcomeBuilderNamesTheMissingValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingOutcome.builder()
                .trainerParams(10).trainerBytes(40).trainerAccuracy(0.9).projectionParams(5).projectionAccuracy(1.5)
                .projectionTestPredictions(new int[0]).build());
        assertTrue(e.getMessage().startsWith("projectionAccuracy"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> TrainingOutcome.builder()
                .trainerBytes(40).build());
        assertTrue(missing.getMessage().startsWith("trainerParams"), missing.getMessage());
    }

    @Test
    void defaultsAreThePapersSettings() {
        TrainingRequest r = RequestFixtures.validBuilder().build();
        assertEquals(new ProjectionBits(60, 12), r.bits());
        assertEquals(LossWeights.PAPER_DEFAULTS, r.lossWeights());
        assertEquals(TrainerKind.CNN, r.trainer());
        assertEquals(ExportQuantization.NONE, r.quantization());
        assertTrue(r.hiddenLayers().isEmpty());
        assertNull(r.checkpointDir());
    }

    @Test
    void hiddenWidthsEpochsAndResumeAreChecked() {
        assertRejectedWithData(b -> b.hiddenLayers(Arrays.asList(8, 0)), "hiddenLayers[1] must be at least 1");
        assertRejectedWithData(b -> b.epochs(0), "epochs must be at least 1");
        assertRejectedWithData(b -> b.batchSize(0), "batchSize must be at least 1");
        assertRejectedWithData(b -> b.resume(true), "resume needs a checkpointDir");
        assertRejectedWithData(b -> b.modelFile(null), "modelFile must be set");
    }

    private static void assertRejectedWithData(UnaryOperator<TrainingRequest.Builder> change,
                                               String expectedStart) {
        assertRejected(change.apply(RequestFixtures.validBuilder()), expectedStart);
    }
}
