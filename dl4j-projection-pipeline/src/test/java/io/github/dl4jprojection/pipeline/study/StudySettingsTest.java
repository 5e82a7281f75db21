package io.github.dl4jprojection.pipeline.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.pipeline.LossWeights;
import io.github.dl4jprojection.pipeline.ProjectionDensity;
import io.github.dl4jprojection.pipeline.TaskKind;
import io.github.dl4jprojection.pipeline.TrainingConfig;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The study reads its students' training from the one {@link TrainingConfig}; its own values are checked by name. */
class StudySettingsTest {

    private static final TrainingConfig TRAINING = TrainingConfig.builder(TaskKind.IMAGE).trainer("mlp").epochs(3)
            .batchSize(32).learningRate(0.01).seed(7).temperature(2).density(ProjectionDensity.parse("1/8"))
            .lossWeights(new LossWeights(1, 0.5, 0.75)).build();

    @Test
    void studentsAreTrainedAsTheConfigurationSays() {
        StudySettings s = StudySettings.builder(TRAINING).budgets(64, 32).hidden(0, 8).bitsPerFunction(16).build();
        assertArrayEquals(new int[] {32, 64}, s.budgets(), "sorted");
        assertEquals(3, s.epochs());
        assertEquals(3, s.trainerEpochs(), "the trainer's epochs default to the students'");
        assertEquals(32, s.batchSize());
        assertEquals(0.01, s.learningRate());
        assertEquals(0.5, s.lambdaDistill());
        assertEquals(0.75, s.lambdaLabels());
        assertEquals(2, s.temperature());
        ProjectionSpec spec = s.spec(64);
        assertEquals(4, spec.numFunctions());
        assertEquals(16, spec.bitsPerFunction());
        assertEquals(7, spec.seed());
        assertEquals(3, spec.sparsityLog2(), "density 1/8");
        assertEquals(9, StudySettings.builder(TRAINING).trainerEpochs(9).build().trainerEpochs());
    }

    @Test
    void eachSeedReplacesTheConfigurationsSeed() {
        StudySettings s = StudySettings.builder(TRAINING).budgets(32).seeds(42, 1, 2).build();
        assertArrayEquals(new long[] {42, 1, 2}, s.seeds(), "in the order given");
        StudySettings one = s.withSeed(1);
        assertEquals(1, one.seed());
        assertEquals(1, one.spec(32).seed(), "the projection is drawn from the seed too");
        assertArrayEquals(new long[] {1}, one.seeds());
        assertArrayEquals(s.budgets(), one.budgets());
        assertEquals(s.temperature(), one.temperature());
        assertArrayEquals(new long[] {7}, StudySettings.builder(TRAINING).build().seeds(), "default: --seed");
    }

    @Test
    void everyStudentIsTrainedUnlessMethodsNameSome() {
        StudySettings all = StudySettings.builder(TRAINING).build();
        assertEquals(EnumSet.complementOf(EnumSet.of(StudyMethod.TRAINER)), all.methods());
        StudySettings some = StudySettings.builder(TRAINING).seeds(1, 2)
                .methods(StudyMethod.MLP_ALONE, StudyMethod.SKETCH_JOINT).build();
        assertEquals(EnumSet.of(StudyMethod.MLP_ALONE, StudyMethod.SKETCH_JOINT), some.withSeed(2).methods(),
                "each seed trains the same methods");
        assertTrue(some.trains(StudyMethod.SKETCH_JOINT) && !some.trains(StudyMethod.PROJECTION_ALONE));
    }

    @Test
    void outOfRangeValuesNameTheOption() {
        assertMessage(StudySettings.builder(TRAINING).methods(StudyMethod.MLP_ALONE, StudyMethod.CNN_ALONE), "methods");
        assertMessage(StudySettings.builder(TRAINING).methods(StudyMethod.TRAINER, StudyMethod.SKETCH_ALONE),
                "methods:");
        assertMessage(StudySettings.builder(TRAINING).methods(), "methods");
        assertMessage(StudySettings.builder(TRAINING).seeds(), "seeds");
        assertMessage(StudySettings.builder(TRAINING).seeds(3, 3), "seeds");
        assertMessage(StudySettings.builder(TRAINING).budgets(64, 100), "budgets");
        assertMessage(StudySettings.builder(TRAINING).budgets(), "budgets");
        assertMessage(StudySettings.builder(TRAINING).hidden(-1), "hidden");
        assertMessage(StudySettings.builder(TRAINING).hidden(70000), "hidden");
        assertMessage(StudySettings.builder(TRAINING).bitsPerFunction(65), "bits-per-function");
        assertMessage(StudySettings.builder(TRAINING).trainerEpochs(0), "trainer-epochs");
    }

    private static void assertMessage(StudySettings.Builder b, String option) {
        String message = assertThrows(IllegalArgumentException.class, b::build).getMessage();
        assertTrue(message.startsWith(option + " "), message);
    }
}
