package io.github.dl4jprojection.spark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.DataFileException;
import io.github.dl4jprojection.data.DataNotFoundException;
import io.github.dl4jprojection.layers.BitVectorInputLayer;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import io.github.dl4jprojection.spark.LocalSpark;
import io.github.dl4jprojection.spark.SparkJointTrainer;
import io.github.dl4jprojection.spark.TrainingMasters;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on the Spark path fails the job with the file and line in the message, not a stack trace from deep
 * inside Spark: a line without a tab in the last of three splits, bytes that are not UTF-8, a label the training
 * data did not have (found during training, on a worker), and a path that does not exist.
 */
class SparkBadInputTest {

    private static final ProjectionSpec SPEC = ProjectionSpec.builder().numFunctions(4).bitsPerFunction(8).seed(1)
            .build();

    @TempDir
    Path dir;

    @Test
    void lineWithoutTabInALaterSplitIsNamedWithItsLineNumber() throws Exception {
        StringBuilder tsv = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            tsv.append(i == 250 ? "this line has no tab" : (i % 2 == 0 ? "ham" : "spam") + "\tline " + i).append('\n');
        }
        Path file = write("bad.tsv", tsv.toString().getBytes(StandardCharsets.UTF_8));
        JavaRDD<SourceLine> lines = TextBatches.lines(LocalSpark.context(), file.toString(), 3);
        assertEquals(3, lines.getNumPartitions(), "the bad line is read by the third split's worker");

        DataFileException e = assertThrows(DataFileException.class, () -> TextBatches.labelNames(lines));
        assertEquals(250, e.line(), e.getMessage());
        assertTrue(e.getMessage().endsWith("bad.tsv:250: expected label<TAB>text, found no tab"), e.getMessage());
        assertFalse(e.getMessage().contains("SparkException"), e.getMessage());
    }

    @Test
    void invalidUtf8IsNamedWithItsLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("ham\tfine\nspam\talso fine\nham\tbad ".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xC3);
        bytes.write('\n');
        Path file = write("latin1.tsv", bytes.toByteArray());

        DataFileException e = assertThrows(DataFileException.class,
                () -> TextBatches.labelNames(TextBatches.lines(LocalSpark.context(), file.toString(), 1)));
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("latin1.tsv:3: not valid UTF-8"), e.getMessage());
    }

    @Test
    void unknownLabelFoundDuringTrainingStopsItWithFileAndLine() throws Exception {
        Path file = write("train.tsv", ("ham\ta\nspam\tb\nham\tc\nspam\td\nham\te\nspam\tf\neggs\tg\nham\th\n")
                .getBytes(StandardCharsets.UTF_8));
        JavaSparkContext sc = LocalSpark.context();
        TextEncoding encoding = new TextEncoding(FeaturizerConfig.defaults(), SPEC, 16, Arrays.asList("ham", "spam"));
        JointProjectionModel model = new JointProjectionModel.Builder()
                .trainerInputType(InputType.feedForward(16)).nClasses(2)
                .trainerLayer("dense", new DenseLayer.Builder().nOut(4).build())
                .bitVectorInput(new BitVectorInputLayer.Builder().spec(SPEC).build()).build();
        SparkJointTrainer trainer = new SparkJointTrainer(sc, model, TrainingMasters.parameterAveraging(4, 1, 1));

        DataFileException e = assertThrows(DataFileException.class,
                () -> trainer.fit(TextBatches.batches(TextBatches.lines(sc, file.toString(), 1), encoding, 4), 1));
        assertTrue(e.getMessage().endsWith("train.tsv:7: label \"eggs\" is not one of the training classes [ham, spam]"),
                e.getMessage());
    }

    @Test
    void missingFileNamesThePath() {
        String missing = dir.resolve("no-such-file.tsv").toString();
        DataNotFoundException e = assertThrows(DataNotFoundException.class,
                () -> TextBatches.lines(LocalSpark.context(), missing, 1));
        assertTrue(e.getMessage().contains(missing), e.getMessage());
    }

    private Path write(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }
}
