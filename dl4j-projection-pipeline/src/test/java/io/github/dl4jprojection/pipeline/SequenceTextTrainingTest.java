package io.github.dl4jprojection.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.data.text.TrainTestTexts;
import io.github.dl4jprojection.runtime.model.PnetFormat;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.ProvenanceKeys;
import io.github.dl4jprojection.runtime.model.SequenceEncoder;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The seq family in the one pipeline: a small joint LSTM + sequence model learns a task that needs word order
 * ("not good" is negative), and its export is the format-2 SEQUENCE model the runtime checked against the DL4J
 * branch on every test text.
 */
class SequenceTextTrainingTest {

    private static final FeaturizerConfig CONFIG = FeaturizerConfig.builder().wordNgramMax(1).maxSkip(0)
            .charNgrams(3, 3).build();

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

    /** Filler words and "good" (pos), "not good" or "bad" (neg): a bag of unigrams cannot tell "not good". */
    private static List<LabeledText> texts(int n, long seed) {
        Random random = new Random(seed);
        List<LabeledText> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean pos = i % 2 == 0;
            int length = 3 + random.nextInt(10);
            int at = random.nextInt(length);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < length; w++) {
                text.append(w == at ? (pos ? "good" : random.nextBoolean() ? "not good" : "bad")
                        : "w" + random.nextInt(12)).append(' ');
            }
            out.add(new LabeledText(pos ? "pos" : "neg", text.toString().trim(), "s" + i));
        }
        return out;
    }

    @Test
    void aSmallSequenceModelLearnsAndItsExportAgreesWithDl4j() throws IOException {
        TrainingConfig config = TrainingConfig.builder(TaskKind.TEXT).epochs(15).batchSize(16).seed(7)
                .text(TextSettings.builder().featurizer(CONFIG).maxTokens(16).model(ProjectionFamily.SEQ)
                        .tokenBits(new ProjectionBits(2, 16)).bottleneck(8).convWidth(3).convChannels(16).build())
                .build();
        assertEquals("seq", config.asProperties().get("model"));
        Path file = dir.resolve("seq.pnet");
        TrainingOutcome outcome = new TrainingPipeline(EpochFitter.LOCAL).run(
                TrainingJob.texts(config, new TrainTestTexts(texts(128, 1), texts(64, 2), Arrays.asList("neg", "pos"),
                        "synthetic"), "text", OutputFiles.model(file)), new BaseTrainingListener() {
                });
        assertTrue(outcome.projectionAccuracy() >= 0.8, "projection accuracy " + outcome.projectionAccuracy());
        ProjectionModel model = ProjectionModel.load(file);
        assertEquals(PnetFormat.VERSION, Files.readAllBytes(file)[8], "written in the newest format version");
        SequenceEncoder encoder = model.sequenceEncoder();
        assertNotNull(encoder, "a seq model");
        assertEquals(16, encoder.maxTokens());
        assertEquals(8, encoder.tokenLayer().nOut());
        assertEquals(16, encoder.outputWidth());
        // The pipeline compared the runtime with the DL4J branch on every test text before writing the file.
        assertEquals("1.0000", model.provenance().get(ProvenanceKeys.AGREEMENT));
        assertEquals("seq", model.provenance().get("training.model"));
    }

    @Test
    void sequenceSettingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> TextSettings.builder().convWidth(4).build());
        assertThrows(IllegalArgumentException.class, () -> TextSettings.builder().bottleneck(0).build());
        assertThrows(IllegalArgumentException.class, () -> TextSettings.builder().convChannels(0).build());
        IllegalArgumentException model = assertThrows(IllegalArgumentException.class,
                () -> ProjectionFamily.fromCliName("rnn"));
        assertTrue(model.getMessage().contains("bag, seq"), model.getMessage());
        assertEquals(null, TextSettings.builder().model(ProjectionFamily.BAG).build().asProperties().get("model"),
                "a bag configuration keeps the properties it had before the seq family");
    }
}
