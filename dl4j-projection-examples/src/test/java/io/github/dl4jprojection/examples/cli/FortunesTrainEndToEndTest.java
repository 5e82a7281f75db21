package io.github.dl4jprojection.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.text.FortunesCorpus;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code projectionnet train --task fortunes} and {@code eval --task fortunes} on the data module's committed sample
 * of the fortune files (65 texts of the 16 categories; one epoch of the mlp trainer, 64 bits): the model has the
 * 16 categories as classes and the runtime scores the task's test split; the text demo runs on them; a missing
 * folder fails with one line.
 */
class FortunesTrainEndToEndTest {

    @TempDir
    static Path dir;

    private static int masterThreads;
    private static Path sample;
    private static Path model;
    private static CliRun.Result train;

    @BeforeAll
    static void trainOneEpoch() throws IOException {
        masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        sample = copySample(Files.createDirectory(dir.resolve("fortunes")));
        model = dir.resolve("fortunes.pnet");
        train = CliRun.run(dir, "", "train", "--task", "fortunes", "--data", sample.toString(), "--trainer", "mlp",
                "--buckets", "64", "--epochs", "1", "--seed", "7", "--out", model.toString());
    }

    @AfterAll
    static void restoreThreads() {
        Nd4j.getEnvironment().setMaxMasterThreads(masterThreads);
    }

    /** The sample's files, copied from the class path (the data module's test jar) into {@code folder}. */
    private static Path copySample(Path folder) throws IOException {
        for (String category : FortunesCorpus.CATEGORIES) {
            try (InputStream in = FortunesTrainEndToEndTest.class.getResourceAsStream(
                    "/io/github/dl4jprojection/data/text/fortunes-sample/" + category)) {
                Files.copy(in, folder.resolve(category));
            }
        }
        return folder;
    }

    @Test
    void trainsAModelWhoseClassesAreTheCategoriesAndEvalScoresTheTestSplit() throws IOException {
        assertEquals(ProjectionNetCli.EXIT_OK, train.code, train.toString());
        assertTrue(train.out.contains("16 classes [computers, definitions, drugs"), train.out);
        assertEquals(FortunesCorpus.CATEGORIES, ProjectionModel.load(model).labels());
        CliRun.Result eval = CliRun.run(dir, "", "eval", model.toString(), "--task", "fortunes", "--data",
                sample.toString());
        assertEquals(ProjectionNetCli.EXIT_OK, eval.code, eval.toString());
        assertTrue(eval.out.contains("Data: " + new FortunesCorpus(sample).description()), eval.out);
        assertTrue(eval.out.matches("(?s).*Runtime accuracy on \\d+ test texts: .*"), eval.out);
    }

    @Test
    void theTextDemoRunsOnTheFortuneFiles() throws IOException {
        Path demoModel = dir.resolve("demo/fortunes.pnet");
        CliRun.Result r = CliRun.run(dir, "", "demo", "--task", "fortunes", "--data", sample.toString(), "--epochs", "1",
                "--buckets", "64", "--out", demoModel.toString());
        assertEquals(ProjectionNetCli.EXIT_OK, r.code, r.toString());
        assertTrue(r.out.contains("Trainer (bag-of-words mlp, DL4J)"), "the text defaults: " + r.out);
        assertTrue(r.out.contains("Projection net (64 buckets, DL4J)"), r.out);
        assertTrue(r.out.contains("eval " + demoModel + " --task fortunes"), r.out);
        assertEquals(FortunesCorpus.CATEGORIES, ProjectionModel.load(demoModel).labels());
    }

    @Test
    void aMissingFolderIsOneLineNamingItAndTheAptCommand() {
        Path none = dir.resolve("not-installed");
        CliRun.Result r = CliRun.run(dir, "", "train", "--task", "fortunes", "--data", none.toString(), "--trainer",
                "mlp", "--out", dir.resolve("none.pnet").toString());
        assertEquals(ProjectionNetCli.EXIT_FAILURE, r.code, r.toString());
        assertEquals("projectionnet train: fortune files folder not found: " + none + ". Install the fortune files "
                + "with 'apt-get install fortunes' (Debian/Ubuntu, as root), or pass --data with the folder that holds "
                + "them\n", r.err);
    }
}
