package io.github.dl4jprojection.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.model.ModelFamily;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.ProvenanceKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code train --model patch} on the bundled Fashion-MNIST sample (20 images per class, the mlp trainer, one epoch,
 * 8 bits per 4x4 patch at stride 2, one 3:8:2 stage): the written file is a PATCH model (format version 5) with its
 * settings in the provenance, the runtime agrees with the DL4J branch on every test image, {@code eval} and
 * {@code predict} run it, {@code export-c} refuses it in one line, and the options that do not fit are refused in one
 * line naming the option.
 */
class PatchTrainEndToEndTest {

    @TempDir
    static Path dir;

    private static int masterThreads;
    private static Path model;
    private static CliRun.Result train;

    @BeforeAll
    static void trainOneEpoch() {
        masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        model = dir.resolve("patch.pnet");
        train = CliRun.run(dir, "", "train", "--task", "fashion-mnist", "--model", "patch", "--trainer", "mlp",
                "--train-per-class", "20", "--epochs", "1", "--conv", "3:8:2", "--bits", "2:4", "--seed", "3",
                "--quantize", "none", "--out", model.toString());
        assertEquals(ProjectionNetCli.EXIT_OK, train.code, train.toString());
    }

    @AfterAll
    static void restoreThreads() {
        Nd4j.getEnvironment().setMaxMasterThreads(masterThreads);
    }

    @Test
    void trainWritesAPatchModelThatEvalAndPredictRun() throws Exception {
        assertTrue(train.out.contains("Projection net (8 bits/patch, DL4J)"), train.out);
        // The trainer's count is the MLP's 784-512-512-10 alone: the patch stages belong to the projection network.
        String trainerLine = train.out.lines().filter(l -> l.startsWith("Trainer (mlp")).findFirst().orElse("");
        assertTrue(trainerLine.endsWith(String.format(Locale.ROOT, "%,d", 784 * 512 + 512 + 512 * 512 + 512 + 512 * 10
                + 10)), trainerLine);
        assertTrue(train.out.contains("Runtime agrees with DL4J on          100.00 %"), train.out);
        ProjectionModel m = ProjectionModel.load(model);
        assertEquals(ModelFamily.PATCH, m.family());
        assertEquals(8, m.projectionSpec().numBits());
        assertEquals(4, m.patchEncoder().window());
        assertEquals(2, m.patchEncoder().stride());
        assertEquals(1, m.patchEncoder().stages().size());
        assertEquals("1.0000", m.provenance().get(ProvenanceKeys.AGREEMENT));
        assertEquals("patch", m.provenance().get("training.model"));
        assertEquals("3:8:2", m.provenance().get("training.conv"));
        assertEquals("4", m.provenance().get("training.window"));

        CliRun.Result eval = CliRun.run(dir, "", "eval", model.toString(), "--task", "fashion-mnist");
        assertEquals(ProjectionNetCli.EXIT_OK, eval.code, eval.toString());
        // The sample's 1000 test images: the accuracy train measured and recorded, k / 1000, is eval's too.
        String accuracy = String.format(Locale.ROOT, "%.2f %%",
                100 * Double.parseDouble(m.provenance().get(ProvenanceKeys.ACCURACY)));
        assertTrue(eval.out.contains("Runtime accuracy on 1000 test images: " + accuracy), eval.out);

        Random random = new Random(1);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 784; i++) {
            csv.append(i == 0 ? "" : ",").append(random.nextInt(256));
        }
        Path image = dir.resolve("image.csv");
        Files.write(image, csv.toString().getBytes(StandardCharsets.US_ASCII));
        CliRun.Result predict = CliRun.run(dir, "", "predict", model.toString(), "--image", image.toString());
        assertEquals(ProjectionNetCli.EXIT_OK, predict.code, predict.toString());
        assertTrue(m.labels().stream().anyMatch(label -> predict.out.contains(label)), predict.out);

        CliRun.Result c = CliRun.run(dir, "", "export-c", model.toString(), "--out", dir.resolve("c").toString());
        assertEquals(ProjectionNetCli.EXIT_OK, c.code, c.toString());
        assertTrue(Files.exists(dir.resolve("c").resolve("pnet_model_patch.h")), c.out);
    }

    @Test
    void whatAPatchModelCannotUseIsRefusedInOneLine() {
        assertRefused("--model patch is an image model; --task spam trains on texts: use --model bag, seq or sketch",
                "spam", "--model", "patch");
        assertRefused("--model sketch is a text model; --task fashion-mnist trains on images: use --model bag or "
                + "patch", "fashion-mnist", "--model", "sketch");
        assertRefused("--window applies to --model patch only", "fashion-mnist", "--model", "bag", "--window", "3");
        assertRefused("--bits on images needs --model: bag (T:d bits of the whole image) or patch (the default: T:d"
                + " bits per patch position)", "fashion-mnist", "--bits", "4:4");
        assertRefused("--conv applies to image tasks only (--model patch); --task spam trains on texts", "spam",
                "--conv", "3:8:2");
        assertRefused("Invalid value for option '--conv': conv must be K:C:Q", "fashion-mnist", "--model", "patch",
                "--conv", "3x8");
        assertRefused("--stride must be in [1, 32], got 0", "fashion-mnist", "--model", "patch", "--stride", "0",
                "--train-per-class", "1");
        assertRefused("--window 29 is larger than the 28x28 images", "fashion-mnist", "--model", "patch",
                "--window", "29", "--train-per-class", "1");
        assertRefused("--conv: stage 3 (3:8:2) does not fit the 1x1 map it gets", "fashion-mnist", "--model",
                "patch", "--conv", "3:8:2,3:8:2,3:8:2", "--train-per-class", "1");
        assertRefused("--quantize int8-fixed (integer-only) is for bag models: --model patch", "fashion-mnist",
                "--model", "patch", "--quantize", "int8-fixed", "--train-per-class", "1");
    }

    private static void assertRefused(String message, String task, String... options) {
        String[] args = new String[options.length + 5];
        args[0] = "train";
        args[1] = "--task";
        args[2] = task;
        System.arraycopy(options, 0, args, 3, options.length);
        args[args.length - 2] = "--out";
        args[args.length - 1] = dir.resolve("refused.pnet").toString();
        CliRun.Result r = CliRun.run(dir, "", args);
        assertEquals(ProjectionNetCli.EXIT_USAGE, r.code, r.toString());
        assertTrue(r.err.split("\n")[0].contains(message), "the first line names the option: " + r.err);
    }
}
