package io.github.dl4jprojection.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.pipeline.HashedBagOfWords;
import io.github.dl4jprojection.layers.BitVectorInputLayer;
import io.github.dl4jprojection.layers.joint.JointEvaluation;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.PackedBits;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import io.github.dl4jprojection.runtime.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.text.TextProjection;
import io.github.dl4jprojection.spark.data.SourceLine;
import io.github.dl4jprojection.spark.data.TextBatches;
import io.github.dl4jprojection.spark.data.TextEncoding;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The text path on {@code local[2]}: TSV lines read and featurized on the workers give exactly the runtime's
 * bits (and the trainer's bag of words), and a joint graph trained with parameter averaging reaches the accuracy
 * of single-machine training on the same minibatches for the same number of epochs.
 */
class SparkTextTrainingTest {

    private static final ProjectionSpec SPEC = ProjectionSpec.builder().numFunctions(16).bitsPerFunction(8).seed(42)
            .density(0.25).build();
    private static final int BUCKETS = 512;
    private static final int BATCH = 16;
    private static final int EPOCHS = 4;

    @TempDir
    static Path dir;

    private static List<String[]> testRows;
    private static TextEncoding encoding;
    private static JavaRDD<SourceLine> trainLines;
    private static JavaRDD<SourceLine> testLines;
    private static List<String> labels;

    @BeforeAll
    static void data() throws Exception {
        SyntheticTexts.write(dir.resolve("train.tsv"), 480, 1);
        testRows = SyntheticTexts.write(dir.resolve("test.tsv"), 240, 2);
        JavaSparkContext sc = LocalSpark.context();
        trainLines = TextBatches.lines(sc, dir.resolve("train.tsv").toString(), 2);
        testLines = TextBatches.lines(sc, dir.resolve("test.tsv").toString(), 2);
        labels = TextBatches.labelNames(trainLines);
        encoding = new TextEncoding(FeaturizerConfig.defaults(), SPEC, BUCKETS, labels);
    }

    @Test
    void workersComputeTheRuntimeBitsAndBagsForEveryText() {
        assertEquals(Arrays.asList(SyntheticTexts.LABELS), labels, "sorted class names, the header skipped");
        List<MultiDataSet> batches = TextBatches.batches(testLines, encoding, BATCH).collect();
        TextProjection projection = new TextProjection(FeaturizerConfig.defaults(), SPEC);
        HashedBagOfWords bag = new HashedBagOfWords(new TextFeaturizer(FeaturizerConfig.defaults()), BUCKETS);
        int row = 0;
        for (MultiDataSet batch : batches) {
            float[][] bags = batch.getFeatures(0).toFloatMatrix();
            float[][] bits = batch.getFeatures(1).toFloatMatrix();
            float[][] oneHot = batch.getLabels(0).toFloatMatrix();
            assertArrayEquals(oneHot, batch.getLabels(1).toFloatMatrix(), "the same labels for both outputs");
            for (int r = 0; r < bits.length; r++, row++) {
                String text = testRows.get(row)[1];
                float[] expectedBits = new float[SPEC.numBits()];
                PackedBits.unpack(projection.project(text), SPEC.numBits(), BitEncoding.ZERO_ONE, expectedBits, 0);
                assertArrayEquals(expectedBits, bits[r], "bits of test text " + row);
                float[] expectedBag = new float[BUCKETS];
                bag.encode(text).addTo(expectedBag);
                assertArrayEquals(expectedBag, bags[r], "bag of test text " + row);
                assertEquals(1f, oneHot[r][labels.indexOf(testRows.get(row)[0])], "label of test text " + row);
            }
        }
        assertEquals(testRows.size(), row, "every test text, in file order");
    }

    /**
     * Margin 0.05: with two workers averaging every 2 minibatches, an epoch makes half as many averaged steps as the
     * single machine makes steps, each the mean of two workers' steps (like a doubled minibatch), so Spark may trail
     * slightly after the same epochs; on this task both end near their ceiling.
     */
    @Test
    void parameterAveragingReachesSingleMachineAccuracy() throws Exception {
        List<MultiDataSet> trainBatches = TextBatches.batches(trainLines, encoding, BATCH).collect();
        List<MultiDataSet> testBatches = TextBatches.batches(testLines, encoding, BATCH).collect();

        JointProjectionModel single = model();
        single.fit(new ListBatches(trainBatches), EPOCHS);
        JointEvaluation singleEval = single.evaluate(new ListBatches(testBatches));

        JointProjectionModel distributed = model();
        SparkJointTrainer trainer = new SparkJointTrainer(LocalSpark.context(), distributed,
                TrainingMasters.parameterAveraging(BATCH, 2, 7));
        trainer.fit(TextBatches.batches(trainLines, encoding, BATCH), EPOCHS);
        JointEvaluation sparkEval = distributed.evaluate(new ListBatches(testBatches));

        double singleAccuracy = singleEval.projection().accuracy();
        double sparkAccuracy = sparkEval.projection().accuracy();
        System.out.printf(Locale.ROOT, "text task, %d epochs: projection accuracy single machine %.4f, Spark local[2] "
                        + "%.4f; trainer %.4f vs %.4f%n", EPOCHS, singleAccuracy, sparkAccuracy,
                singleEval.trainer().accuracy(), sparkEval.trainer().accuracy());
        assertTrue(singleAccuracy > 0.8, "the task is learnable on one machine: " + singleAccuracy);
        assertTrue(sparkAccuracy >= singleAccuracy - 0.05,
                "Spark " + sparkAccuracy + " vs single machine " + singleAccuracy);
        assertTrue(sparkEval.trainer().accuracy() >= singleEval.trainer().accuracy() - 0.05, "trainer too");
    }

    private static JointProjectionModel model() {
        return new JointProjectionModel.Builder()
                .trainerInputType(InputType.feedForward(BUCKETS)).nClasses(labels.size()).labelNames(labels)
                .trainerLayer("dense1", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .bitVectorInput(new BitVectorInputLayer.Builder().spec(SPEC).build())
                .updater(new Adam(1e-2)).seed(7).build();
    }
}
