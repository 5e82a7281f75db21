package io.github.dl4jprojection.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The one training configuration: defaults per task, validation naming the option, its recorded form. */
class TrainingConfigTest {

    private static void assertRejected(TaskKind task, UnaryOperator<TrainingConfig.Builder> change,
                                       String expectedStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> change.apply(TrainingConfig.builder(task)).build());
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    /** An image configuration of the bag model (the paper's), which is no longer the image default. */
    private static TrainingConfig.Builder bag() {
        return TrainingConfig.builder(TaskKind.IMAGE).image(ImageSettings.builder().model(ProjectionFamily.BAG).build());
    }

    @Test
    void imageDefaultsAreThePatchModelAndTheBagModelKeepsThePapersSettings() {
        assertEquals(ProjectionFamily.PATCH, TrainingConfig.builder(TaskKind.IMAGE).build().image().model());
        TrainingConfig c = bag().build();
        assertEquals(new ProjectionBits(60, 12), c.bits());
        assertEquals(LossWeights.PAPER_DEFAULTS, c.lossWeights());
        assertEquals("cnn", c.trainer());
        assertEquals(ExportQuantization.NONE, c.quantization());
        assertTrue(c.hiddenLayers().isEmpty());
        assertEquals(1.0, c.temperature());
        assertThrows(IllegalStateException.class, c::text);
    }

    @Test
    void textDefaultsTrainAnMlpAndA4096BucketSketch() {
        TrainingConfig c = TrainingConfig.builder(TaskKind.TEXT).build();
        assertEquals("mlp", c.trainer());
        assertEquals(ProjectionFamily.SKETCH, c.text().model());
        assertEquals(4096, c.text().buckets());
        assertEquals(0.01, c.projectionLearningRate());
        assertEquals(0.001, c.learningRate());
        assertEquals(512, c.bits().totalBits(), "the bag model's bits, when --model bag is chosen");
        assertEquals(TextSettings.defaults(), c.text());
    }

    @Test
    void builderNamesTheInvalidOption() {
        assertRejected(TaskKind.IMAGE, b -> b.hiddenLayers(Arrays.asList(8, 0)), "hidden: width 2 must be in [1, 65536]");
        assertRejected(TaskKind.IMAGE, b -> b.hiddenLayers(Collections.singletonList(70_000)),
                "hidden: width 1 must be in [1, 65536] (the model format's limit), got 70000");
        assertRejected(TaskKind.IMAGE, b -> b.epochs(0), "epochs must be at least 1");
        assertRejected(TaskKind.IMAGE, b -> b.batchSize(0), "batch-size must be at least 1");
        assertRejected(TaskKind.IMAGE, b -> b.temperature(0), "temperature must be positive");
        assertRejected(TaskKind.IMAGE, b -> b.learningRate(Double.NaN), "learning-rate must be positive");
        assertRejected(TaskKind.IMAGE, b -> b.trainer("lstm"), "trainer lstm does not train image models");
        assertRejected(TaskKind.TEXT, b -> b.trainer("cnn"), "trainer cnn does not train text models");
        assertRejected(TaskKind.IMAGE, b -> b.text(TextSettings.defaults()), "features, max-tokens");
        assertRejected(TaskKind.TEXT, b -> b.text(TextSettings.builder().maxTokens(0).build()),
                "max-tokens must be at least 1");
        assertRejected(TaskKind.TEXT, b -> b.quantization(ExportQuantization.INT8_FIXED)
                .text(TextSettings.builder().model(ProjectionFamily.SEQ).build()), "quantize int8-fixed");
        assertEquals(ExportQuantization.INT8_FIXED, TrainingConfig.builder(TaskKind.TEXT)
                .text(TextSettings.builder().model(ProjectionFamily.BAG).build())
                .quantization(ExportQuantization.INT8_FIXED).build().quantization(), "a bag model may be integer-only");
    }

    @Test
    void quantizationAwareTrainingNeedsAnInt8BagExportAndChangesTraining() {
        assertRejected(TaskKind.IMAGE, b -> b.quantizationAware(true).image(bag().build().image()),
                "qat trains for an int8 export");
        assertRejected(TaskKind.TEXT, b -> b.quantizationAware(true).quantization(ExportQuantization.INT8)
                .text(TextSettings.builder().model(ProjectionFamily.SEQ).build()), "qat is for bag models");
        assertRejected(TaskKind.IMAGE, b -> b.image(bag().build().image()).quantizationAware(true)
                .quantization(ExportQuantization.INT8_FIXED).hiddenLayers(Collections.singletonList(8)).workers(2), "qat with --quantize int8-fixed");
        assertRejected(TaskKind.IMAGE, b -> b.quantizationAware(true).quantization(ExportQuantization.NONE),
                "qat trains for an int8 export");
        TrainingConfig qat = TrainingConfig.builder(TaskKind.IMAGE).quantizationAware(true)
                .quantization(ExportQuantization.INT8).workers(2).build();
        assertTrue(qat.quantizationAware());
        assertEquals("true", qat.asProperties().get("qat"));
        assertEquals("false", TrainingConfig.builder(TaskKind.IMAGE).build().asProperties().get("qat"));
        assertTrue(qat.toBuilder().build().quantizationAware());
        assertEquals(Collections.singletonList("qat true vs false"), qat.differencesFrom(qat.toBuilder()
                .quantizationAware(false).build().asProperties()), "a resumed run must train as the checkpoint did");
    }

    /** A checkpoint written before --qat existed holds no qat key: it trained without, and resumes so. */
    @Test
    void aCheckpointFromBeforeQatResumesWithoutItOnly() {
        TrainingConfig plain = TrainingConfig.builder(TaskKind.IMAGE).build();
        Map<String, String> older = plain.asProperties();
        older.remove("qat");
        assertEquals(Collections.emptyList(), plain.differencesFrom(older));
        TrainingConfig qat = plain.toBuilder().quantizationAware(true).quantization(ExportQuantization.INT8).build();
        assertEquals(Collections.singletonList("qat true vs false"), qat.differencesFrom(older));
    }

    @Test
    void theProjectionLearningRateDefaultsToTheFamilysAndIsRecordedOnlyWhenItDiffers() {
        TrainingConfig bag = TrainingConfig.builder(TaskKind.TEXT).learningRate(0.002)
                .text(TextSettings.builder().model(ProjectionFamily.BAG).build()).build();
        assertEquals(0.002, bag.projectionLearningRate());
        assertTrue(!bag.asProperties().containsKey("projection-learning-rate"), bag.asProperties().toString());
        TextSettings sketchText = bag.text().toBuilder().model(ProjectionFamily.SKETCH).build();
        // toBuilder keeps the rate a default: the sketch's, not the bag's resolved value.
        TrainingConfig sketch = bag.toBuilder().text(sketchText).build();
        assertEquals(TrainingConfig.Builder.SKETCH_PROJECTION_LEARNING_RATE, sketch.projectionLearningRate());
        assertEquals(0.002, sketch.learningRate());
        assertEquals("0.01", sketch.asProperties().get("projection-learning-rate"));
        TrainingConfig given = sketch.toBuilder().projectionLearningRate(0.05).build();
        assertEquals(0.05, given.projectionLearningRate());
        assertEquals(Collections.singletonList("projection-learning-rate 0.05 vs 0.01"),
                given.differencesFrom(sketch.asProperties()));
        assertRejected(TaskKind.IMAGE, b -> b.projectionLearningRate(0.0), "projection-learning-rate must be positive");
        assertRejected(TaskKind.IMAGE, b -> b.projectionLearningRate(Double.POSITIVE_INFINITY),
                "projection-learning-rate must be positive");
    }

    @Test
    void outputFilesNeedAModelAndACheckpointToResume() {
        IllegalArgumentException resume = assertThrows(IllegalArgumentException.class,
                () -> OutputFiles.of(Paths.get("m.pnet"), null, true));
        assertTrue(resume.getMessage().startsWith("resume needs a checkpoint folder"), resume.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutputFiles.model(null));
    }

    @Test
    void propertiesNameEveryValueAsTheCommandLineDoes() {
        TrainingConfig c = bag().hiddenLayers(Arrays.asList(64, 32)).seed(7).build();
        Map<String, String> p = c.asProperties();
        assertEquals("60:12", p.get("bits"));
        assertEquals("64,32", p.get("hidden"));
        assertEquals("1.0,0.1,1.0", p.get("lambda"));
        assertEquals("7", p.get("seed"));
        assertEquals("cnn", p.get("trainer"));
        assertEquals(c, bag().hiddenLayers(Arrays.asList(64, 32)).seed(7).build());
    }

    @Test
    void pixelMaxIsAnImageSettingRecordedAndComparedOnResume() {
        TrainingConfig c = TrainingConfig.builder(TaskKind.IMAGE).build();
        assertEquals(255, c.pixelMax());
        TrainingConfig digits = c.toBuilder().pixelMax(16).build();
        assertEquals("16", digits.asProperties().get("pixel-max"));
        assertEquals(Collections.singletonList("pixel-max 255 vs 16"), c.differencesFrom(digits.asProperties()));
        for (int bad : new int[] {0, 256}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrainingConfig.builder(TaskKind.IMAGE).pixelMax(bad).build());
            assertTrue(e.getMessage().startsWith("pixel-max must be in [1, 255]"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder(TaskKind.TEXT).pixelMax(16)
                .build()).getMessage().startsWith("pixel-max applies to image tasks only"));
        assertTrue(!TrainingConfig.builder(TaskKind.TEXT).build().asProperties().containsKey("pixel-max"));
    }

    @Test
    void differencesIgnoreTheEpochsAndTheExportOnly() {
        TrainingConfig c = TrainingConfig.builder(TaskKind.IMAGE).build();
        assertTrue(c.differencesFrom(c.toBuilder().epochs(20).quantization(ExportQuantization.INT8).build()
                .asProperties()).isEmpty());
        assertEquals(Arrays.asList("trainer cnn vs mlp", "hidden none vs 32"),
                c.differencesFrom(c.toBuilder().hiddenLayers(Collections.singletonList(32)).trainer("mlp").build()
                        .asProperties()));
        assertTrue(c.differencesFrom(c.toBuilder().lossWeights(new LossWeights(1, 0.5, 1)).build().asProperties())
                .get(0).startsWith("lambda 1.0,0.1,1.0 vs 1.0,0.5,1.0"));
    }

    @Test
    void outcomeBuilderNamesTheMissingValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingOutcome.builder()
                .trainerParams(1).trainerBytes(4).trainerAccuracy(0.5).projectionParams(1).projectionAccuracy(1.5)
                .projectionTestPredictions(new int[0]).build());
        assertTrue(e.getMessage().startsWith("projectionAccuracy"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> TrainingOutcome.builder()
                .build());
        assertTrue(missing.getMessage().startsWith("trainerParams"), missing.getMessage());
    }
}
