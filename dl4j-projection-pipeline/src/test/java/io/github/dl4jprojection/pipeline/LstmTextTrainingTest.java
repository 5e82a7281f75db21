package io.github.dl4jprojection.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.data.text.TrainTestTexts;
import io.github.dl4jprojection.layers.BitVectorInputLayer;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.io.IOException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The LSTM trainer in the joint graph: masks make padding irrelevant, and it learns a small text task. */
class LstmTextTrainingTest {

    private static final FeaturizerConfig CONFIG = FeaturizerConfig.builder().wordNgramMax(1).maxSkip(0)
            .noCharNgrams().build();
    private static final ProjectionSpec SPEC = ProjectionSpec.builder().numFunctions(8).bitsPerFunction(8).seed(5)
            .build();

    private static int masterThreads;

    @TempDir
    Path dir;

    /** One ND4J master thread: the networks are tiny and the machines that run the tests are busy. */
    @BeforeAll
    static void oneThread() {
        masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        Nd4j.getEnvironment().setMaxMasterThreads(1);
    }

    @AfterAll
    static void restoreThreads() {
        Nd4j.getEnvironment().setMaxMasterThreads(masterThreads);
    }

    /** Filler words, with "good" (class pos) or "bad" (class neg) somewhere in the text. */
    private static List<LabeledText> texts(int n, long seed) {
        Random random = new Random(seed);
        List<LabeledText> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean pos = i % 2 == 0;
            int length = 3 + random.nextInt(6);
            int at = random.nextInt(length);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < length; w++) {
                text.append(w == at ? (pos ? "good" : "bad") : "w" + random.nextInt(12)).append(' ');
            }
            out.add(new LabeledText(pos ? "pos" : "neg", text.toString().trim(), "s" + i));
        }
        return out;
    }

    private static TrainTestTexts data() {
        return new TrainTestTexts(texts(96, 1), texts(64, 2), Arrays.asList("neg", "pos"), "synthetic");
    }

    @ParameterizedTest
    @EnumSource(SequencePooling.class)
    void paddingDoesNotChangeTheTrainersOutputButWouldWithoutTheMask(SequencePooling pooling) {
        TrainTestTexts data = data();
        TokenSequenceInput input = TokenSequenceInput.fromTraining(new TextFeaturizer(CONFIG), data.train(), 64,
                1000, 1);
        JointProjectionModel.Builder builder = new JointProjectionModel.Builder().trainerInputType(input.inputType());
        new LstmTrainer().addTo(builder, TextSettings.builder().pooling(pooling).build());
        JointProjectionModel joint = builder.nClasses(2).bitVectorInput(new BitVectorInputLayer.Builder().spec(SPEC)
                .build()).seed(3).build();

        int[] shortRow = input.encode("good w1 w2");
        int[] longRow = input.encode("w3 w4 w5 w6 w7 bad w8");
        INDArray bits = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, SPEC.numBits());
        TrainerInput.Features alone = input.batch(List.of(shortRow));
        TrainerInput.Features padded = input.batch(List.of(shortRow, longRow));
        INDArray bits2 = Nd4j.concat(0, bits, bits);

        float[] expected = trainerOutput(joint, alone.values, alone.mask, bits).getRow(0).toFloatVector();
        float[] withPadding = trainerOutput(joint, padded.values, padded.mask, bits2).getRow(0).toFloatVector();
        assertArrayEquals(expected, withPadding, 1e-5f);
        float[] unmasked = trainerOutput(joint, padded.values, null, bits2).getRow(0).toFloatVector();
        assertTrue(Math.abs(unmasked[0] - expected[0]) > 1e-4,
                "without the mask the padding steps reach the pooling; the test must be able to see that");
    }

    private static INDArray trainerOutput(JointProjectionModel joint, INDArray ids, INDArray mask, INDArray bits) {
        INDArray[] out = joint.graph().output(false, new INDArray[] {ids, bits},
                mask == null ? null : new INDArray[] {mask, null});
        return out[joint.graph().getConfiguration().getNetworkOutputs().indexOf(joint.trainerOutputName())];
    }

    @Test
    void aSmallLstmJointModelLearnsWhichWordDecidesTheClass() throws IOException {
        TrainingConfig config = TrainingConfig.builder(TaskKind.TEXT).trainer("lstm").bits(new ProjectionBits(32, 16))
                .epochs(8).batchSize(16).seed(7)
                .text(TextSettings.builder().featurizer(CONFIG).model(ProjectionFamily.BAG)
                        .pooling(SequencePooling.MAX) // one decisive word: what max pooling is made for
                        .build())
                .build();
        TrainingOutcome outcome = new TrainingPipeline(EpochFitter.LOCAL).run(
                TrainingJob.texts(config, data(), "text", OutputFiles.model(dir.resolve("m.pnet"))),
                new BaseTrainingListener() {
                });
        assertTrue(outcome.trainerAccuracy() >= 0.95, "trainer accuracy " + outcome.trainerAccuracy());
        assertTrue(outcome.projectionAccuracy() >= 0.75, "projection accuracy " + outcome.projectionAccuracy());
    }
}
