package io.github.dl4jprojection.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.text.BundledSpamAssassinSample;
import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.data.text.SpamAssassinCorpus;
import io.github.dl4jprojection.layers.export.CDriver;
import io.github.dl4jprojection.layers.export.ThreeWayParity;
import io.github.dl4jprojection.runtime.model.ModelFamily;
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
 * {@code train --model sketch} on the bundled 600-text spam sample (the mlp trainer on 512 hashed buckets, one epoch,
 * 256 sketch buckets): the written file is a SKETCH model that agrees with the DL4J branch on every test text,
 * {@code eval} and {@code predict} take it as they take a bag model, {@code export-c} writes C that runs it like the
 * Java runtime, and the options a sketch cannot use are refused in one line.
 */
class SketchTrainEndToEndTest {

    @TempDir
    static Path dir;

    private static int masterThreads;
    private static Path model;
    private static CliRun.Result train;

    @BeforeAll
    static void trainOneEpoch() {
        masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        model = dir.resolve("sketch.pnet");
        train = run("", "train", "--task", "spam", "--trainer", "mlp", "--trainer-buckets", "512", "--model", "sketch",
                "--buckets", "256", "--epochs", "1", "--seed", "7", "--out", model.toString());
        assertEquals(ProjectionNetCli.EXIT_OK, train.code, train.toString());
    }

    @AfterAll
    static void restoreThreads() {
        Nd4j.getEnvironment().setMaxMasterThreads(masterThreads);
    }

    @Test
    void trainWritesASketchModelThatEvalAndPredictRun() throws Exception {
        assertTrue(train.out.contains("Projection net (256 buckets, DL4J)"), train.out);
        assertTrue(train.out.contains("Runtime agrees with DL4J on          100.00 %"), train.out);
        ProjectionModel m = ProjectionModel.load(model);
        assertEquals(ModelFamily.SKETCH, m.family());
        assertEquals(256, m.projectionSpec().numBits());
        assertEquals(7, m.projectionSpec().seed());
        assertEquals("1.0000", m.provenance().get(ProvenanceKeys.AGREEMENT));
        assertEquals("256", m.provenance().get("training.buckets"));
        CliRun.Result eval = run("", "eval", model.toString(), "--task", "spam");
        assertEquals(ProjectionNetCli.EXIT_OK, eval.code, eval.toString());
        assertTrue(eval.out.contains("Runtime accuracy on 124 test texts"), eval.out);
        assertTrue(eval.out.contains("(256 buckets, "), eval.out);
        CliRun.Result predict = run("Cheap meds, click here to unsubscribe\nSee you at the meeting tomorrow\n",
                "predict", model.toString());
        assertEquals(ProjectionNetCli.EXIT_OK, predict.code, predict.toString());
        String[] lines = predict.out.split("\n");
        assertEquals(2, lines.length, predict.out);
        for (String line : lines) {
            assertTrue(line.startsWith("ham\t") || line.startsWith("spam\t"), line);
        }
    }

    /**
     * {@code export-c} writes the sketch model's C; on the raw UTF-8 of every test text it gives the Java runtime's
     * sketch values (bit for bit), labels and probabilities ({@link ThreeWayParity#sketch}), and the runtime agrees
     * with the DL4J branch (the train output above): DL4J == Java == C on the sample's test set. With the system
     * properties {@code pnet.sketch.c-model} (a trained .pnet file) and {@code pnet.sketch.c-data} (the SpamAssassin
     * tarball), the same check runs on that model and the corpus's test split instead.
     */
    @Test
    void exportCOfTheSketchModelRunsOnRawTextLikeTheRuntime() throws Exception {
        String header = CliRun.exportC(dir, model, dir.resolve("sketch-c"), "sketch");
        assertTrue(header.contains("#define SKETCH_SKETCH_BUCKETS 256u"), header);
        String otherModel = System.getProperty("pnet.sketch.c-model", "");
        ProjectionModel checked = ProjectionModel.load(otherModel.isEmpty() ? model : Paths.get(otherModel));
        String corpus = System.getProperty("pnet.sketch.c-data", "");
        List<LabeledText> test = corpus.isEmpty() ? new BundledSpamAssassinSample().load().test()
                : SpamAssassinCorpus.fromTarball(Paths.get(corpus)).load().test();
        List<byte[]> texts = new ArrayList<>();
        for (LabeledText t : test) {
            texts.add(t.text().getBytes(StandardCharsets.UTF_8));
        }
        int[] labels = ThreeWayParity.sketch(checked, texts, null, null,
                Files.createDirectories(dir.resolve("sketch-c-parity")), CDriver.Target.HOST);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += checked.labels().get(labels[i]).equals(test.get(i).label()) ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "sketch model %s: Java == C (sketch values, labels, scores within 1e-5) on %d"
                + " test texts%s; accuracy %.2f %%%n", otherModel.isEmpty() ? model : otherModel, labels.length,
                corpus.isEmpty() ? " of the bundled sample" : " of " + corpus, 100.0 * correct / labels.length);
        assertEquals(test.size(), labels.length);
    }

    @Test
    void whatASketchCannotUseIsRefusedInOneLine() {
        assertRefused("--quantize int8-fixed (integer-only) is for bag models: --model sketch", "--model", "sketch",
                "--quantize", "int8-fixed");
        assertRefused("--bits sets the bag model's projection of the whole text (--model bag); --model sketch hashes",
                "--model", "sketch", "--bits", "8:8");
        assertRefused("(--model bag); the default text model, sketch, hashes", "--bits", "8:8");
        assertRefused("--density sets the share of non-zero LSH projection entries", "--model", "sketch",
                "--density", "1/16");
        assertRefused("--token-bits applies to --model seq only", "--model", "sketch", "--token-bits", "2:16");
        assertRefused("--bottleneck applies to --model seq only", "--model", "sketch", "--bottleneck", "8");
        assertRefused("--buckets applies to --model sketch only", "--model", "bag", "--buckets", "512");
        assertRefused("--buckets applies to --model sketch only", "--model", "seq", "--buckets", "512");
        assertRefused("--buckets must be in [1, 65536], got 0", "--model", "sketch", "--buckets", "0");
        CliRun.Result study = run("", "bits-study", "--task", "spam", "--buckets", "512", "--out",
                dir.resolve("s").toString());
        assertEquals(ProjectionNetCli.EXIT_USAGE, study.code, study.toString());
        assertTrue(study.err.contains("--buckets: the bits study picks its models with --methods"), study.err);
    }

    private static void assertRefused(String message, String... options) {
        String[] args = new String[options.length + 5];
        args[0] = "train";
        args[1] = "--task";
        args[2] = "spam";
        System.arraycopy(options, 0, args, 3, options.length);
        args[args.length - 2] = "--out";
        args[args.length - 1] = dir.resolve("refused.pnet").toString();
        CliRun.Result r = run("", args);
        assertEquals(ProjectionNetCli.EXIT_USAGE, r.code, r.toString());
        assertTrue(r.err.split("\n")[0].contains(message), "the first line names the option: " + r.err);
    }

    /** Runs the command line with the bundled text sample only (no corpus found) and {@code stdin}. */
    private static CliRun.Result run(String stdin, String... args) {
        return CliRun.run(dir, stdin, args);
    }
}
