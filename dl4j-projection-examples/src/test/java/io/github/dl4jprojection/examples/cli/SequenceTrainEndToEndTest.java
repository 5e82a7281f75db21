package io.github.dl4jprojection.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.text.BundledSpamAssassinSample;
import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.data.text.SpamAssassinCorpus;
import io.github.dl4jprojection.layers.export.CDriver;
import io.github.dl4jprojection.layers.export.ThreeWayParity;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.ProvenanceKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code train --model seq} on the bundled 600-text spam sample (the mlp trainer, one epoch, a small sequence
 * model): the written file is a format-2 sequence model that agrees with the DL4J branch on every test text, and
 * {@code eval} and {@code predict} take it as they take a bag model; {@code export-c} writes C that runs it like the
 * Java runtime, and the seq options are refused where they do not apply.
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

    /**
     * {@code export-c} writes the sequence model's C; on the raw UTF-8 of every test text it gives the Java runtime's
     * bits of every token, labels and probabilities ({@link ThreeWayParity#sequence}), and the runtime agrees with the
     * DL4J branch (the train output above): DL4J == Java == C on the sample's test set. With the system properties
     * {@code pnet.seq.c-model} (a trained .pnet file) and {@code pnet.seq.c-data} (the SpamAssassin tarball), the same
     * check runs on that model and the corpus's test split instead (docs/RESULTS.md).
     */
    @Test
    void exportCOfTheSequenceModelRunsOnRawTextLikeTheRuntime() throws Exception {
        String header = CliRun.exportC(dir, model, dir.resolve("seq-c"), "seq");
        assertTrue(header.contains("&seq_sequence,\n    NULL,\n    NULL\n};"), "the model points at its token encoder (and no sketch)");
        ProjectionModel exported = ProjectionModel.load(model);

        String otherModel = System.getProperty("pnet.seq.c-model", "");
        ProjectionModel checked = otherModel.isEmpty() ? exported : ProjectionModel.load(Paths.get(otherModel));
        String corpus = System.getProperty("pnet.seq.c-data", "");
        List<LabeledText> test = corpus.isEmpty() ? new BundledSpamAssassinSample().load().test()
                : SpamAssassinCorpus.fromTarball(Paths.get(corpus)).load().test();
        List<byte[]> texts = new ArrayList<>();
        for (LabeledText t : test) {
            texts.add(t.text().getBytes(StandardCharsets.UTF_8));
        }
        int[] labels = ThreeWayParity.sequence(checked, texts, null, null,
                Files.createDirectories(dir.resolve("seq-c-parity")), CDriver.Target.HOST);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += checked.labels().get(labels[i]).equals(test.get(i).label()) ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "sequence model %s: Java == C (every token's bits, labels, scores within 1e-5) on"
                + " %d test texts%s; accuracy %.2f %%%n", otherModel.isEmpty() ? model : otherModel, labels.length,
                corpus.isEmpty() ? " of the bundled sample" : " of " + corpus, 100.0 * correct / labels.length);
        assertEquals(test.size(), labels.length);
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
        assertTrue(image.err.contains("--model seq is a text model; --task fashion-mnist trains on images"), image.err);
        CliRun.Result unknown = run("", "train", "--task", "spam", "--model", "rnn", "--out", "x.pnet");
        assertEquals(ProjectionNetCli.EXIT_USAGE, unknown.code, unknown.toString());
        assertTrue(unknown.err.contains("valid models: bag, seq"), unknown.err);
        CliRun.Result study = run("", "bits-study", "--task", "spam", "--model", "seq", "--out", dir.resolve("s").toString());
        assertEquals(ProjectionNetCli.EXIT_USAGE, study.code, study.toString());
        assertTrue(study.err.contains("the bits study picks its models with --methods"), study.err);
    }

    /** Runs the command line with the bundled text sample only (no corpus found) and {@code stdin}. */
    private static CliRun.Result run(String stdin, String... args) {
        return CliRun.run(dir, stdin, args);
    }
}
