package io.github.dl4jprojection.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The patch model's own defaults (density 1, learning-rate decay 0.8, int8 export), which a value given wins over
 * and which a switch back to the bag model drops, so that no bag run inherits them.
 */
class PatchDefaultsTest {

    private static final ImageSettings PATCH = ImageSettings.builder().model(ProjectionFamily.PATCH).build();

    @Test
    void aPatchModelHasItsOwnDensityDecayAndWeightType() {
        TrainingConfig bag = TrainingConfig.builder(TaskKind.IMAGE)
                .image(ImageSettings.builder().model(ProjectionFamily.BAG).build()).build();
        TrainingConfig patch = bag.toBuilder().image(PATCH).build();
        assertEquals("1", patch.density().toString());
        assertEquals(ImageSettings.DEFAULT_PATCH_LEARNING_RATE_DECAY, patch.learningRateDecay());
        assertEquals(ExportQuantization.INT8, patch.quantization());
        assertEquals("0.8", patch.asProperties().get("learning-rate-decay"));
        assertEquals("1/4", bag.density().toString());
        assertEquals(1.0, bag.learningRateDecay());
        assertEquals(ExportQuantization.NONE, bag.quantization());
        TrainingConfig backToBag = patch.toBuilder().image(bag.image()).build();
        assertEquals(bag.asProperties(), backToBag.asProperties());
    }

    @Test
    void givenValuesWinOverThePatchDefaults() {
        TrainingConfig given = TrainingConfig.builder(TaskKind.IMAGE).image(PATCH)
                .density(ProjectionDensity.QUARTER).learningRateDecay(1.0).quantization(ExportQuantization.NONE)
                .build();
        assertEquals("1/4", given.density().toString());
        assertEquals(1.0, given.learningRateDecay());
        assertEquals(ExportQuantization.NONE, given.quantization());
        assertEquals(given.asProperties(), given.toBuilder().build().asProperties());
    }
}
