package io.github.dl4jprojection.pipeline.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.data.text.TrainTestTexts;
import io.github.dl4jprojection.pipeline.LossWeights;
import io.github.dl4jprojection.pipeline.TaskKind;
import io.github.dl4jprojection.pipeline.TextSettings;
import io.github.dl4jprojection.pipeline.TrainingConfig;
import io.github.dl4jprojection.runtime.model.ModelFamily;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.WeightType;
import io.github.dl4jprojection.runtime.text.TextPredictor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sketch networks (f), (g) of a text sweep, on synthetic texts with {@code --methods} naming (a), (f), (g): their
 * rows are the exported SKETCH files (bytes, parameters, B buckets), their accuracy is what {@link TextPredictor} gives
 * on the raw test texts, the MLP is sized to them, and the methods not asked for are not trained.
 */
class TextSketchStudyTest {

    private static final String[] SPAM = {"buy", "cheap", "pills", "offer", "winner", "free", "click", "money"};
    private static final String[] HAM = {"meeting", "tomorrow", "report", "project", "lunch", "draft", "notes", "team"};
    private static final String[] COMMON = {"the", "a", "and", "to", "of", "in", "is", "you", "for", "on"};

    @TempDir
    Path dir;

    @Test
    void sketchRowsAreTheExportedFilesAndTheirAccuracyIsTheRuntimes() throws IOException {
        Random random = new Random(11);
        TrainTestTexts data = new TrainTestTexts(texts(60, random), texts(30, random), Arrays.asList("ham", "spam"),
                "synthetic ham and spam");
        TrainingConfig training = TrainingConfig.builder(TaskKind.TEXT).trainer("mlp").epochs(3).batchSize(16)
                .temperature(2).lossWeights(new LossWeights(1, 0.1, 1))
                .text(TextSettings.builder().trainerBuckets(64).build()).build();
        StudySettings settings = StudySettings.builder(training).budgets(32).bitsPerFunction(8).hidden(0, 4)
                .trainerEpochs(1).seeds(3).methods(StudyMethod.MLP_ALONE, StudyMethod.SKETCH_ALONE,
                        StudyMethod.SKETCH_JOINT).build();
        TextStudyTask task = new TextStudyTask("t", data, training.text());
        List<FrontierRow> rows = new FrontierSweep(task, settings, dir, new PrintWriter(new StringWriter())).run();

        assertEquals(1 + 2 * 3 * 2, rows.size(), "the trainer, then per hidden width (a), (f), (g) as float32, int8");
        Set<StudyMethod> trained = EnumSet.noneOf(StudyMethod.class);
        for (FrontierRow r : rows) {
            trained.add(r.method());
        }
        assertEquals(EnumSet.of(StudyMethod.TRAINER, StudyMethod.MLP_ALONE, StudyMethod.SKETCH_ALONE,
                StudyMethod.SKETCH_JOINT), trained, "only the methods asked for");

        int[] labels = task.testLabels();
        for (int hidden : new int[] {0, 4}) {
            FrontierRow sketch = null;
            for (FrontierRow r : rows) {
                if (!r.method().sketch() || r.hidden() != hidden) {
                    continue;
                }
                Path file = dir.resolve("models").resolve(FrontierSweep.modelFileName("t", r.method(), 32, hidden, 3,
                        r.weights()));
                assertEquals(Files.size(file), r.exportedBytes(), r.toString());
                ProjectionModel model = ProjectionModel.load(file);
                assertEquals(ModelFamily.SKETCH, model.family());
                assertEquals(32, model.projectionSpec().numBits(), "B = the budget's buckets");
                assertEquals(3, model.projectionSpec().seed(), "the sketch hashes with the seed's projection seed");
                assertEquals(r.weights(), model.layers().get(0).weightType());
                if (r.weights() == WeightType.FLOAT32) {
                    assertEquals(model.numParameters(), r.params());
                }
                assertEquals(hidden == 0 ? 32 * 2 + 2 : 32 * 4 + 4 + 4 * 2 + 2, r.params(),
                        "the shape of a projection network of the point");
                assertEquals(runtimeAccuracy(model, data.test(), labels), r.accuracy(), 1e-12, r.toString());
                assertEquals("runtime", r.measuredBy());
                long dense = hidden == 0 ? 32 * 2 : 32 * 4 + 4 * 2;
                assertTrue(r.macs() > dense + 2 * 32, "the dense layers, the norm and the feature additions: " + r);
                if (r.weights() == WeightType.FLOAT32) {
                    sketch = r;
                }
            }
            assertTrue(sketch != null, "a float32 sketch row at hidden " + hidden);
            long overhead = sketch.exportedBytes() - 4 * sketch.params();
            for (FrontierRow r : rows) {
                if (r.method() == StudyMethod.MLP_ALONE && r.hidden() == hidden && r.weights() == WeightType.FLOAT32) {
                    assertEquals(4 * r.params() + overhead, r.exportedBytes(),
                            "the MLP carries the sketch file's overhead: " + r);
                    assertTrue(Math.abs(r.params() - sketch.params()) <= 4,
                            "sized to the sketch network, within an input's weights: " + r);
                }
            }
        }
        String summary = FrontierSummary.markdown(rows);
        assertTrue(summary.contains("(f) sketch alone") && summary.contains("of 2 points (float32).")
                && summary.contains("A sketch network (SKETCH family"), summary);
        assertTrue(!summary.contains("A projection network"), "no (c), (d): no count for them: " + summary);
    }

    /** Share of the test texts the runtime's {@link TextPredictor} classifies right from the raw text. */
    private static double runtimeAccuracy(ProjectionModel model, List<LabeledText> test, int[] labels) {
        TextPredictor predictor = TextPredictor.of(model);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predictor.predict(test.get(i).text()) == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }

    /** Alternating ham and spam texts of 6 to 15 words: mostly common words, a few of the class's own. */
    private static List<LabeledText> texts(int n, Random random) {
        List<LabeledText> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean spam = i % 2 == 1;
            String[] own = spam ? SPAM : HAM;
            StringBuilder text = new StringBuilder();
            int words = 6 + random.nextInt(10);
            for (int w = 0; w < words; w++) {
                String[] pool = random.nextInt(3) == 0 ? own : COMMON;
                text.append(w == 0 ? "" : " ").append(pool[random.nextInt(pool.length)]);
            }
            texts.add(new LabeledText(spam ? "spam" : "ham", text.toString(), "synthetic " + i));
        }
        return texts;
    }
}
