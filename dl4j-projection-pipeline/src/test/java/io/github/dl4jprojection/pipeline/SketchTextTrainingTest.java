package io.github.dl4jprojection.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.data.text.TrainTestTexts;
import io.github.dl4jprojection.layers.SketchInputLayer;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.model.ModelFamily;
import io.github.dl4jprojection.runtime.model.PnetFormat;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.ProvenanceKeys;
import io.github.dl4jprojection.runtime.model.WeightType;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The sketch family in the one pipeline: a small joint MLP + count-sketch model (64 buckets) learns three topics,
 * and its export, float32 and (trained quantization-aware) int8, is the format-4 SKETCH model that gives the DL4J
 * branch's labels, and in float32 its probabilities within 1e-5, on every test text; the configuration records the
 * sketch's settings, and what a sketch cannot do is refused.
 */
class SketchTextTrainingTest {

    private static final FeaturizerConfig CONFIG = FeaturizerConfig.builder().wordNgramMax(2).maxSkip(0)
            .charNgrams(3, 3).build();
    private static final String[][] TOPICS = {{"goal", "match", "team", "score"}, {"pizza", "pasta", "soup", "cook"},
            {"code", "server", "bug", "laptop"}};
    private static final List<String> LABELS = Arrays.asList("sport", "food", "tech");

    private static int masterThreads;

    @TempDir
    Path dir;

    @BeforeAll
    static void oneThread() {
        masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        Nd4j.getEnvironment().setMaxMasterThreads(1);
    }

    @AfterAll
    static void restoreThreads() {
        Nd4j.getEnvironment().setMaxMasterThreads(masterThreads);
    }

    /** Two to five topic words among filler words. */
    private static List<LabeledText> texts(int n, long seed) {
        Random random = new Random(seed);
        List<LabeledText> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int topic = i % TOPICS.length;
            int length = 4 + random.nextInt(8);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < length; w++) {
                text.append(random.nextInt(3) == 0 ? TOPICS[topic][random.nextInt(4)] : "w" + random.nextInt(30))
                        .append(' ');
            }
            out.add(new LabeledText(LABELS.get(topic), text.toString().trim(), "s" + i));
        }
        return out;
    }

    private static TrainingConfig.Builder sketch() {
        return TrainingConfig.builder(TaskKind.TEXT).trainer("mlp").epochs(4).batchSize(16).learningRate(0.01).seed(7)
                .hiddenLayers(Collections.singletonList(8))
                .text(TextSettings.builder().featurizer(CONFIG).trainerBuckets(256).model(ProjectionFamily.SKETCH)
                        .buckets(64).build());
    }

    @Test
    void aSmallSketchModelTrainsAndItsExportGivesDl4jsScoresOnEveryTestText() throws IOException {
        TrainTestTexts data = new TrainTestTexts(texts(90, 1), texts(45, 2), LABELS, "synthetic");
        TrainingConfig float32 = sketch().build();
        TrainingConfig int8 = sketch().quantization(ExportQuantization.INT8).quantizationAware(true).build();
        assertEquals("sketch", float32.asProperties().get("model"));
        assertEquals("64", float32.asProperties().get("buckets"));
        for (TrainingConfig config : new TrainingConfig[] {float32, int8}) {
            Path out = Files.createDirectories(dir.resolve(config.quantization().cliName()));
            Path file = out.resolve("sketch.pnet");
            Path checkpoints = out.resolve("checkpoints");
            TrainingOutcome outcome = new TrainingPipeline(EpochFitter.LOCAL).run(TrainingJob.texts(config, data,
                    "text", OutputFiles.of(file, checkpoints, false)), new BaseTrainingListener() {
                    });
            ProjectionModel model = ProjectionModel.load(file);
            assertEquals(PnetFormat.VERSION, Files.readAllBytes(file)[8], "written in the newest format version");
            assertEquals(ModelFamily.SKETCH, model.family());
            assertEquals(64, model.projectionSpec().numBits());
            assertEquals(7, model.projectionSpec().seed(), "the sketch's seed is the configuration's");
            assertEquals(config.quantization() == ExportQuantization.INT8 ? WeightType.INT8 : WeightType.FLOAT32,
                    model.layers().get(0).weightType());
            assertEquals("sketch", model.provenance().get("training.model"));

            TextTrainingTask task = new TextTrainingTask(config, data, "text");
            JointProjectionModel joint = JointProjectionModel.load(checkpoints.resolve(Checkpoints.FILE).toFile());
            assertTrue(joint.projectionInputLayer() instanceof SketchInputLayer, "the checkpoint keeps the layer");
            float[][] dl4j = probabilities(joint, task.testBatches());
            float[][] runtime = task.runtimeScores(model);
            int agree = 0;
            double maxDifference = 0;
            for (int i = 0; i < dl4j.length; i++) {
                agree += argmax(dl4j[i]) == argmax(runtime[i]) ? 1 : 0;
                for (int j = 0; j < LABELS.size(); j++) {
                    maxDifference = Math.max(maxDifference, Math.abs(dl4j[i][j] - runtime[i][j]));
                }
            }
            System.out.printf(Locale.ROOT, "sketch model %s: accuracy %.3f, the runtime agrees with DL4J on %d of %d"
                    + " test texts, max |dp| %.2g%n", config.quantization(), outcome.projectionAccuracy(), agree,
                    dl4j.length, maxDifference);
            assertTrue(outcome.projectionAccuracy() >= 0.8, "projection accuracy " + outcome.projectionAccuracy());
            if (config.quantization() == ExportQuantization.NONE) {
                assertEquals(dl4j.length, agree, "float32: the same label on every test text");
                assertTrue(maxDifference <= 1e-5, "float32: probabilities within 1e-5, got " + maxDifference);
                assertEquals("1.0000", model.provenance().get(ProvenanceKeys.AGREEMENT));
            } else {
                // Trained with its int8 weights, the DL4J branch computes nearly what the int8 export does.
                assertTrue(agree >= dl4j.length - 1, "int8 after qat: agreement " + agree + " of " + dl4j.length);
            }
        }
    }

    @Test
    void theSketchSettingsAreRecordedCheckedAndRefusedWhereTheyDoNotApply() {
        Map<String, String> bag = TrainingConfig.builder(TaskKind.TEXT)
                .text(TextSettings.builder().model(ProjectionFamily.BAG).build()).build().asProperties();
        assertNull(bag.get("buckets"), "a bag configuration keeps the properties it had before the sketch family");
        assertNull(bag.get("model"));
        TrainingConfig sketch = sketch().build();
        assertEquals(Collections.singletonList("buckets 64 vs 128"), sketch.differencesFrom(sketch.toBuilder()
                .text(sketch.text().toBuilder().buckets(128).build()).build().asProperties()));
        assertEquals(Collections.singletonList("model sketch vs unset"),
                sketch.differencesFrom(without(sketch.asProperties(), "model")));
        assertEquals(Arrays.asList("model sketch vs seq", "buckets 64 vs unset"), sketch.differencesFrom(sketch
                .toBuilder().text(sketch.text().toBuilder().model(ProjectionFamily.SEQ).build()).build()
                .asProperties()));

        IllegalArgumentException buckets = assertThrows(IllegalArgumentException.class,
                () -> TextSettings.builder().buckets(0).build());
        assertTrue(buckets.getMessage().startsWith("buckets must be in [1, 65536]"), buckets.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TextSettings.builder().buckets(65537).build());
        IllegalArgumentException fixed = assertThrows(IllegalArgumentException.class,
                () -> sketch().quantization(ExportQuantization.INT8_FIXED).build());
        assertTrue(fixed.getMessage().startsWith("quantize int8-fixed (integer-only) is for bag models: --model sketch"),
                fixed.getMessage());
        IllegalArgumentException model = assertThrows(IllegalArgumentException.class,
                () -> ProjectionFamily.fromCliName("hash"));
        assertTrue(model.getMessage().contains("bag, seq, sketch"), model.getMessage());
        assertEquals(ProjectionFamily.SKETCH, ProjectionFamily.fromCliName("Sketch"));
    }

    private static Map<String, String> without(Map<String, String> properties, String key) {
        properties.remove(key);
        return properties;
    }

    private static float[][] probabilities(JointProjectionModel joint, MultiDataSetIterator batches) {
        List<float[]> rows = new ArrayList<>();
        while (batches.hasNext()) {
            MultiDataSet batch = batches.next();
            rows.addAll(Arrays.asList(joint.output(batch.getFeatures(), batch.getFeaturesMaskArrays())[1]
                    .toFloatMatrix()));
        }
        return rows.toArray(new float[0][]);
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int j = 1; j < p.length; j++) {
            best = p[j] > p[best] ? j : best;
        }
        return best;
    }
}
