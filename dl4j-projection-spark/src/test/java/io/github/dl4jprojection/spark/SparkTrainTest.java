package io.github.dl4jprojection.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.ImageDataLocator;
import io.github.dl4jprojection.examples.cli.CliContext;
import io.github.dl4jprojection.examples.cli.ProjectionNetCli;
import io.github.dl4jprojection.pipeline.DefaultBackends;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code train --spark MASTER} is the same {@code train}: the LSTM text trainer and the featurizer options run on
 * Spark, the exported model agrees with the DL4J branch and records its configuration; Spark options without
 * {@code --spark}, or with bad values, are refused before anything runs; the plain program says where Spark is.
 */
class SparkTrainTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(CliContext context, String... args) {
        CommandLine cli = ProjectionNetCli.create(context);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private CliContext spark() {
        return new CliContext(DefaultBackends.create().withCluster(new SparkBackends(LocalSpark.context())),
                new ImageDataLocator(), false);
    }

    @Test
    void theLstmTextTrainerTrainsOnSparkWithTheSameOptions() throws Exception {
        Path train = dir.resolve("train.tsv");
        Path test = dir.resolve("test.tsv");
        SyntheticTexts.write(train, 240, 1);
        SyntheticTexts.write(test, 60, 2);
        Path model = dir.resolve("m.pnet");

        int code = run(spark(), "train", "--task", "text", "--data", train.toString(), "--test", test.toString(),
                "--trainer", "lstm", "--features", "words=1,skip=0,chars=none", "--max-tokens", "16",
                "--model", "bag", "--bits", "16:16", "--epochs", "2", "--batch-size", "16", "--spark", "local[2]",
                "--averaging-frequency", "2", "--out", model.toString());

        assertEquals(ProjectionNetCli.EXIT_OK, code, err.toString());
        assertTrue(out.toString().contains("Runtime agrees with DL4J on"), out.toString());
        assertTrue(out.toString().contains("100.00 %"), "a float export agrees on every text: " + out);
        ProjectionModel exported = ProjectionModel.load(model);
        assertEquals("lstm", exported.provenance().get("training.trainer"));
        assertEquals("16", exported.provenance().get("training.max-tokens"));
        assertTrue(Files.size(model) > 0);
    }

    @Test
    void sparkOptionsWithoutSparkOrWithBadValuesAreRefusedBeforeTraining() {
        Path model = dir.resolve("m.pnet");
        int without = run(spark(), "train", "--task", "fashion-mnist", "--averaging-frequency", "2", "--out",
                model.toString());
        assertEquals(ProjectionNetCli.EXIT_USAGE, without, err.toString());
        assertTrue(err.toString().contains("--averaging-frequency, --partitions and --gradient-sharing apply to "
                + "training on Spark"), err.toString());

        int badPort = run(spark(), "train", "--task", "fashion-mnist", "--spark", "local[2]", "--gradient-sharing",
                "driver:http", "--out", model.toString());
        assertEquals(ProjectionNetCli.EXIT_USAGE, badPort, err.toString());
        assertTrue(err.toString().contains("--gradient-sharing must be HOST:PORT"), err.toString());
        assertTrue(!Files.exists(model), "nothing was trained");
    }

    @Test
    void theProgramWithoutSparkSaysWhereSparkIs() {
        CliContext plain = new CliContext(DefaultBackends.create(), new ImageDataLocator(), false);
        int code = run(plain, "train", "--task", "fashion-mnist", "--spark", "local[2]", "--out",
                dir.resolve("m.pnet").toString());
        assertEquals(ProjectionNetCli.EXIT_FAILURE, code, err.toString());
        assertTrue(err.toString().contains("this program has no Spark backend"), err.toString());
    }
}
