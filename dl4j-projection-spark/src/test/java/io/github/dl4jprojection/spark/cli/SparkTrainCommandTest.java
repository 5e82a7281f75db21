package io.github.dl4jprojection.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Wrong arguments of {@code projectionnet train --spark} are usage errors (exit 2) found before Spark starts. */
class SparkTrainCommandTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = SparkProjectionNetMain.create();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void textTaskNeedsATestFile() {
        assertEquals(SparkProjectionNetMain.EXIT_USAGE,
                run("train", "--task", "text", "--data", "train.tsv", "--out", "m.pnet", "--spark", "local[1]"));
        assertTrue(err.toString().contains("--task text needs --test PATH"), err.toString());
    }

    @Test
    void imagesFromCsvAreNotATaskOnSpark() {
        assertEquals(SparkProjectionNetMain.EXIT_USAGE,
                run("train", "--task", "images", "--data", "d", "--out", "m.pnet", "--spark", "local[1]"));
        assertTrue(err.toString().contains("not available on Spark"), err.toString());
    }

    @Test
    void withoutSparkSubmitTheMasterIsRequired() {
        assertEquals(SparkProjectionNetMain.EXIT_USAGE,
                run("train", "--task", "text", "--data", "a.tsv", "--test", "b.tsv", "--out", "m.pnet"));
        assertTrue(err.toString().contains("give --spark MASTER"), err.toString());
    }

    @Test
    void badSettingsNameTheOption() {
        assertEquals(SparkProjectionNetMain.EXIT_USAGE, run("train", "--task", "text", "--data", "a.tsv", "--test",
                "b.tsv", "--out", "m.pnet", "--spark", "local[1]", "--averaging-frequency", "0"));
        assertTrue(err.toString().contains("averagingFrequency must be at least 1"), err.toString());
    }
}
