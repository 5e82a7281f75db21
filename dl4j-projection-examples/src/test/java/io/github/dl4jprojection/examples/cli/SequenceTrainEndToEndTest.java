package io.github.dl4jprojection.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.ProvenanceKeys;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code train --model seq} on the bundled 600-text spam sample (the mlp trainer, one epoch, a small sequence
 * model): the written file is a format-2 sequence model that agrees with the DL4J branch on every test text, and
 * {@code eval} and {@code predict} take it as they take a bag model; {@code export-c} refuses it in one line, and
 * the seq options are refused where they do not apply.
 */
class SequenceTrainEndToEndTest {

    @TempDir
    static Path dir;

    private static int masterThreads;
    private static Path model;
    private static CliRun.Result train;

    @BeforeAll
    static void trainOneEpoch() {
        masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        model = dir.resolve("seq.pnet");
        train = run("", "train", "--task", "spam", "--trainer", "mlp", "--model", "seq", "--token-bits", "2:16",
                "--bottleneck", "8", "--conv-channels", "16", "--max-tokens", "64", "--epochs", "1", "--seed", "7",
                "--out", model.toString());
        assertEquals(ProjectionNetCli.EXIT_OK, train.code, train.toString());
    }

    @AfterAll
    static void restoreThreads() {
        Nd4j.getEnvironment().setMaxMasterThreads(masterThreads);
    }

    @Test
    void trainWritesASequenceModelThatEvalAndPredictRun() throws Exception {
        assertTrue(train.out.contains("Projection net (32 bits/token, DL4J)"), train.out);
        assertTrue(train.out.contains("Runtime agrees with DL4J on          100.00 %"), train.out);
        ProjectionModel m = ProjectionModel.load(model);
        assertNotNull(m.sequenceEncoder());
        assertEquals(64, m.sequenceEncoder().maxTokens());
        assertEquals("1.0000", m.provenance().get(ProvenanceKeys.AGREEMENT));
        CliRun.Result eval = run("", "eval", model.toString(), "--task", "spam");
        assertEquals(ProjectionNetCli.EXIT_OK, eval.code, eval.toString());
        assertTrue(eval.out.contains("Runtime accuracy on 124 test texts"), eval.out);
        CliRun.Result predict = run("", "predict", model.toString(), "Cheap meds, click here to unsubscribe");
        assertEquals(ProjectionNetCli.EXIT_OK, predict.code, predict.toString());
        assertTrue(predict.out.startsWith("ham") || predict.out.startsWith("spam"), predict.out);
    }

    @Test
    void exportCRefusesASequenceModelInOneLine() {
        CliRun.Result c = run("", "export-c", model.toString(), "--out", dir.resolve("c").toString());
        assertTrue(c.code != ProjectionNetCli.EXIT_OK, c.toString());
        assertTrue(c.err.contains("C export of sequence models") && c.err.split("\n").length == 1, c.err);
    }

    @Test
    void seqOptionsAreRefusedWhereTheyDoNotApply() {
        CliRun.Result bottleneck = run("", "train", "--task", "spam", "--bottleneck", "8", "--out", "x.pnet");
        assertEquals(ProjectionNetCli.EXIT_USAGE, bottleneck.code, bottleneck.toString());
        assertTrue(bottleneck.err.contains("--bottleneck applies to --model seq only"), bottleneck.err);
        CliRun.Result bits = run("", "train", "--task", "spam", "--model", "seq", "--bits", "8:8", "--out", "x.pnet");
        assertEquals(ProjectionNetCli.EXIT_USAGE, bits.code, bits.toString());
        assertTrue(bits.err.contains("--model seq projects every token, with --token-bits"), bits.err);
        CliRun.Result even = run("", "train", "--task", "spam", "--model", "seq", "--conv-width", "4", "--out", "x.pnet");
        assertEquals(ProjectionNetCli.EXIT_USAGE, even.code, even.toString());
        assertTrue(even.err.contains("conv-width must be odd"), even.err);
        CliRun.Result image = run("", "train", "--task", "fashion-mnist", "--model", "seq", "--out", "x.pnet");
        assertEquals(ProjectionNetCli.EXIT_USAGE, image.code, image.toString());
        assertTrue(image.err.contains("--model applies to text tasks only"), image.err);
        CliRun.Result unknown = run("", "train", "--task", "spam", "--model", "rnn", "--out", "x.pnet");
        assertEquals(ProjectionNetCli.EXIT_USAGE, unknown.code, unknown.toString());
        assertTrue(unknown.err.contains("valid models: bag, seq"), unknown.err);
        CliRun.Result study = run("", "bits-study", "--task", "spam", "--model", "seq", "--out", dir.resolve("s").toString());
        assertEquals(ProjectionNetCli.EXIT_USAGE, study.code, study.toString());
        assertTrue(study.err.contains("the bits study trains bag projection networks only"), study.err);
    }

    /** Runs the command line with the bundled text sample only (no corpus found) and {@code stdin}. */
    private static CliRun.Result run(String stdin, String... args) {
        return CliRun.run(dir, stdin, args);
    }
}
