package io.github.dl4jprojection.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.DataSplit;
import io.github.dl4jprojection.data.ImageDataLocator;
import io.github.dl4jprojection.data.ImageDataset;
import io.github.dl4jprojection.data.ImageTask;
import io.github.dl4jprojection.pipeline.DefaultBackends;
import io.github.dl4jprojection.layers.export.CDriver;
import io.github.dl4jprojection.layers.export.ThreeWayParity;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.model.InputKind;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.ProvenanceKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine;

/**
 * The {@code projectionnet train} command end to end, through the shipped backends (real joint training, export,
 * runtime), on the bundled Fashion-MNIST sample (3000 training and 1000 test images): one epoch of an MLP trainer
 * with a 256-bit projection network. The exported file loads in the runtime; on all 1000 test images the DL4J
 * projection branch (from the run's checkpoint), the Java runtime and the emitted C give identical bits and labels
 * and probabilities within 1e-5; the report has its fields, one record per epoch, the training configuration and
 * its two PNGs; a resumed run trains only the missing epoch, reports both epochs, and ends where an uninterrupted
 * run ends.
 */
class TrainEndToEndTest {

    private static final int BATCH = 100;
    private static final int BATCHES_PER_EPOCH = 30;
    private static final int TEST_IMAGES = 1000;

    @TempDir
    static Path dir;

    private static int masterThreads;
    private static Path model;
    private static Path report;
    private static Path checkpoint;

    /** One ND4J master thread: these networks are small and the machines that run the tests are busy. */
    @BeforeAll
    static void trainOneEpoch() {
        masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        model = dir.resolve("one-epoch/model.pnet");
        report = dir.resolve("one-epoch/report.json");
        checkpoint = dir.resolve("one-epoch/checkpoint");
        String out = train(1, model, "--report", report.toString(), "--checkpoint", checkpoint.toString());
        assertEquals(1, epochSummaries(out).size(), out);
    }

    @AfterAll
    static void restoreThreads() {
        Nd4j.getEnvironment().setMaxMasterThreads(masterThreads);
    }

    /** Runs {@code projectionnet train} the way the shipped program does, on the bundled sample; returns its output. */
    private static String train(int epochs, Path out, String... more) {
        return run(ProjectionNetCli.EXIT_OK, epochs, "16:16", out, more);
    }

    /** Runs {@code train} on the bundled sample, asserts the exit code, returns stdout and stderr. */
    private static String run(int expectedExit, int epochs, String bits, Path out, String... more) {
        List<String> args = new ArrayList<>(Arrays.asList("train", "--task", "fashion-mnist", "--model", "bag",
                "--trainer", "mlp", "--bits", bits, "--hidden", "32", "--epochs", Integer.toString(epochs), "--batch-size",
                Integer.toString(BATCH), "--seed", "5", "--out", out.toString()));
        args.addAll(Arrays.asList(more));
        CommandLine cli = ProjectionNetCli.create(new CliContext(DefaultBackends.create(), bundledSampleOnly(), false));
        StringWriter output = new StringWriter();
        StringWriter errors = new StringWriter();
        cli.setOut(new PrintWriter(output, true));
        cli.setErr(new PrintWriter(errors, true));
        int code = cli.execute(args.toArray(new String[0]));
        assertEquals(expectedExit, code, "train " + args + ":\n" + output + errors);
        return output.toString() + errors;
    }

    @Test
    void resumeRefusesACheckpointOfOtherSettingsOrAMissingOne() throws Exception {
        Path copy = copy(checkpoint, dir.resolve("mismatch/checkpoint"));
        Path out = dir.resolve("mismatch/model.pnet");
        String otherBits = run(1, 2, "8:16", out, "--checkpoint", copy.toString(), "--resume");
        assertTrue(otherBits.contains("was trained with"), otherBits);
        Path empty = Files.createDirectories(dir.resolve("mismatch/empty"));
        String none = run(1, 2, "16:16", out, "--checkpoint", empty.toString(), "--resume");
        assertTrue(none.contains("no checkpoint"), none);
    }

    /** A locator that finds no installed Fashion-MNIST, so the bundled sample is used even where the full set is. */
    private static ImageDataLocator bundledSampleOnly() {
        return new ImageDataLocator(dir.resolve("no-installed-fashion-mnist"));
    }

    @Test
    void exportedModelMatchesDl4jAndCOnTheWholeSampleTestSet() throws Exception {
        ProjectionModel exported = ProjectionModel.load(model);
        assertEquals(InputKind.DENSE, exported.input().kind());
        assertEquals(784, exported.input().nIn());
        assertEquals(ImageTask.FASHION_MNIST.labelNames(), exported.labels());
        assertEquals(256, exported.projectionSpec().numBits());
        assertEquals("1.0000", exported.provenance().get(ProvenanceKeys.AGREEMENT), "recorded at export");

        int correct = correct(threeWayParity(exported, checkpoint, dir.resolve("c")));
        assertEquals(exported.provenance().get(ProvenanceKeys.ACCURACY),
                String.format(java.util.Locale.ROOT, "%.4f", correct / (double) TEST_IMAGES),
                "the accuracy recorded in the file is the runtime's on the test set");
        assertTrue(correct > 0.3 * TEST_IMAGES, "one epoch is well above chance (10%): " + correct + "/1000");
    }

    /** The bundled sample's test images. */
    private static ImageDataset sampleTestSet() throws IOException {
        ImageDataset test = bundledSampleOnly().locate(ImageTask.FASHION_MNIST, null, null)
                .load(DataSplit.TEST, ImageTask.FASHION_MNIST.labelNames());
        assertEquals(TEST_IMAGES, test.size());
        return test;
    }

    /** How many of the sample's test images {@code labels} gets right. */
    private static int correct(int[] labels) throws IOException {
        ImageDataset test = sampleTestSet();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += labels[i] == test.label(i) ? 1 : 0;
        }
        return correct;
    }

    /**
     * Checks that on every sample test image the DL4J projection branch of the run's last checkpoint, the Java
     * runtime and the emitted C give the same bits, labels and probabilities; returns the labels.
     */
    private static int[] threeWayParity(ProjectionModel exported, Path checkpoint, Path cDir) throws Exception {
        ImageDataset test = sampleTestSet();
        float[][] pixels = new float[test.size()][test.pixelsPerImage()];
        for (int i = 0; i < pixels.length; i++) {
            test.copyPixels(i, pixels[i], 0, 1f);
        }
        // The checkpoint after the last epoch is the network the run exported.
        JointProjectionModel joint = JointProjectionModel.load(checkpoint.resolve("checkpoint.zip").toFile());
        Map<String, INDArray> activations = joint.graph().feedForward(joint.graphInputs(Nd4j.create(pixels)), false);
        return ThreeWayParity.dense(exported, pixels,
                activations.get(joint.projectionInputLayerName()).toFloatMatrix(),
                activations.get(joint.projectionOutputName()).toFloatMatrix(), cDir);
    }

    /**
     * {@code --quantize int8-fixed} on the same network (the one-epoch checkpoint, resumed with nothing left to
     * train): an integer-only model, calibrated on training images, that Java and C run with identical int32 logits
     * from raw bytes, whose recorded accuracy is the runtime's and which mostly agrees with the float network.
     */
    @Test
    void anIntegerOnlyExportOfTheSameNetworkRunsIdenticallyInJavaAndC() throws Exception {
        Path copy = copy(checkpoint, dir.resolve("fixed/checkpoint"));
        Path out = dir.resolve("fixed/model.pnet");
        train(1, out, "--checkpoint", copy.toString(), "--resume", "--quantize", "int8-fixed");
        ProjectionModel fixed = ProjectionModel.load(out);
        assertTrue(fixed.isFixedPoint());
        assertEquals("int8-fixed", fixed.provenance().get(ProvenanceKeys.WEIGHTS));
        ImageDataset test = sampleTestSet();
        byte[][] pixels = new byte[test.size()][test.pixelsPerImage()];
        float[] row = new float[test.pixelsPerImage()];
        for (int i = 0; i < pixels.length; i++) {
            test.copyPixels(i, row, 0, 1f);
            for (int p = 0; p < row.length; p++) {
                pixels[i][p] = (byte) row[p];
            }
        }
        int correct = correct(ThreeWayParity.pixels(fixed, pixels, dir.resolve("c-fixed"), CDriver.Target.HOST));
        assertEquals(fixed.provenance().get(ProvenanceKeys.ACCURACY),
                String.format(java.util.Locale.ROOT, "%.4f", correct / (double) TEST_IMAGES));
        double agreement = Double.parseDouble(fixed.provenance().get(ProvenanceKeys.AGREEMENT));
        assertTrue(agreement >= 0.9, "the integer-only export agrees with the float network on " + agreement);
    }

    /**
     * {@code --qat --quantize int8-fixed}: the hidden layer trains on int8 inputs with a tracked range, the export
     * takes that range instead of calibrating, and the integer-only model computes what DL4J evaluated (the
     * float-trained network's int8-fixed export above is only required to agree on 90 %).
     */
    @Test
    void aQuantizationAwareIntegerOnlyModelAgreesWithDl4jAndRecordsWhereItsRangesCameFrom() throws Exception {
        Path out = dir.resolve("qat/model.pnet");
        train(1, out, "--qat", "--quantize", "int8-fixed");
        ProjectionModel fixed = ProjectionModel.load(out);
        assertTrue(fixed.isFixedPoint());
        assertEquals("true", fixed.provenance().get("training.qat"));
        assertTrue(fixed.provenance().get(ProvenanceKeys.CALIBRATION).startsWith("quantization-aware training"),
                fixed.provenance().get(ProvenanceKeys.CALIBRATION));
        double agreement = Double.parseDouble(fixed.provenance().get(ProvenanceKeys.AGREEMENT));
        assertTrue(agreement >= 0.99, "the QAT integer-only export agrees with DL4J on " + agreement);
    }

    @Test
    void twoParallelWorkersTrainAModelThatPassesTheSameParityCheck() throws Exception {
        Path out = dir.resolve("workers/model.pnet");
        Path checkpoints = dir.resolve("workers/checkpoint");
        String output = train(1, out, "--workers", "2", "--checkpoint", checkpoints.toString());
        assertEquals(1, epochSummaries(output).size(), "the epoch is announced once, not once per worker: " + output);
        ProjectionModel exported = ProjectionModel.load(out);
        assertEquals("2", exported.provenance().get("training.workers"));
        assertEquals("1.0000", exported.provenance().get(ProvenanceKeys.AGREEMENT), "recorded at export");
        int correct = correct(threeWayParity(exported, checkpoints, dir.resolve("workers/c")));
        assertTrue(correct > 0.2 * TEST_IMAGES, "two workers learn too: " + correct + "/1000");
    }

    @Test
    void reportHasEveryFieldAndFullRuntimeAgreement() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(Arrays.asList("task", "trainer_params", "trainer_bytes", "trainer_accuracy", "projection_bits",
                "projection_params", "model_bytes", "projection_accuracy", "runtime_accuracy", "runtime_agreement",
                "train_seconds", "seed", "epochs", "configuration"), fields, "the earlier fields first, in order");
        for (String field : fields) {
            assertTrue(!json.get(field).isNull(), field + " has a value: " + json);
        }
        ProjectionModel exported = ProjectionModel.load(model);
        assertEquals("fashion-mnist", json.get("task").asText());
        assertEquals(1.0, json.get("runtime_agreement").asDouble(), "runtime vs DL4J projection on all 1000 images");
        assertEquals(json.get("projection_accuracy").asDouble(), json.get("runtime_accuracy").asDouble(), 1e-12);
        assertEquals(256, json.get("projection_bits").asInt());
        assertEquals(exported.numParameters(), json.get("projection_params").asLong());
        assertEquals(Files.size(model), json.get("model_bytes").asLong());
        // 784 -> 512 -> 512 -> 10, weights and biases.
        assertEquals(784L * 512 + 512 + 512 * 512 + 512 + 512 * 10 + 10, json.get("trainer_params").asLong());
        assertEquals(4 * json.get("trainer_params").asLong(), json.get("trainer_bytes").asLong());
        assertEquals(5, json.get("seed").asLong());
        for (String accuracy : new String[] {"trainer_accuracy", "projection_accuracy"}) {
            double a = json.get(accuracy).asDouble();
            assertTrue(a > 0.3 && a <= 1, accuracy + " after one epoch: " + a);
        }

        JsonNode epochs = json.get("epochs");
        assertEquals(1, epochs.size(), "one record per epoch: " + epochs);
        assertEpochRecord(epochs.get(0), 1);
        assertEquals(json.get("trainer_accuracy").asDouble(), epochs.get(0).get("trainer_accuracy").asDouble(),
                "the last epoch's test pass is the run's");
        assertEquals(json.get("projection_accuracy").asDouble(), epochs.get(0).get("projection_accuracy").asDouble());
        JsonNode configuration = json.get("configuration");
        List<String> keys = new ArrayList<>();
        configuration.fieldNames().forEachRemaining(keys::add);
        assertEquals(Arrays.asList("task", "trainer", "bits", "density", "hidden", "lambda", "temperature", "epochs",
                "batch-size", "learning-rate", "seed", "workers", "quantize", "qat", "pixel-max"), keys,
                "the whole training configuration");
        for (String key : keys) {
            assertEquals(exported.provenance().get("training." + key), configuration.get(key).asText(),
                    key + ", as the model's provenance has it");
        }
        assertEquals("16:16", configuration.get("bits").asText());

        assertPng(dir.resolve("one-epoch/report-curves.png"), 1400, 564);
        assertPng(dir.resolve("one-epoch/report-confusion.png"), 900, 900);
    }

    /** An epoch record of the report: its epoch, a finite positive loss, accuracies in [0, 1], seconds. */
    private static void assertEpochRecord(JsonNode record, int epoch) {
        assertEquals(epoch, record.get("epoch").asInt(), record.toString());
        double loss = record.get("mean_loss").asDouble();
        assertTrue(record.get("mean_loss").isNumber() && loss > 0 && loss < 20, "mean loss: " + record);
        for (String accuracy : new String[] {"trainer_accuracy", "projection_accuracy"}) {
            double a = record.get(accuracy).asDouble();
            assertTrue(record.get(accuracy).isNumber() && a >= 0 && a <= 1, accuracy + ": " + record);
        }
        assertTrue(record.get("seconds").asDouble() > 0, record.toString());
    }

    /** {@code png} is a PNG image of {@code width x height} pixels. */
    static void assertPng(Path png, int width, int height) throws IOException {
        assertTrue(Files.isRegularFile(png), png + " was written");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertTrue(image != null, png + " decodes as an image");
        assertEquals(width, image.getWidth(), png.toString());
        assertEquals(height, image.getHeight(), png.toString());
    }

    @Test
    void resumeTrainsOnlyTheMissingEpochAndEndsLikeAnUninterruptedRun() throws Exception {
        Path resumedCheckpoint = copy(checkpoint, dir.resolve("resumed/checkpoint"));
        Path resumed = dir.resolve("resumed/model.pnet");
        // A resumed run is usually a new process: ND4J's global generator (dropout masks) is not where the first run
        // left it, and it is not in the checkpoint. Move it away from there, as a new process would.
        Nd4j.getRandom().setSeed(0x5EEDF00DL);
        Path resumedReport = dir.resolve("resumed/report.json");
        String out = train(2, resumed, "--checkpoint", resumedCheckpoint.toString(), "--resume", "--report",
                resumedReport.toString());
        assertEquals(Arrays.asList("2/2"), epochSummaries(out), "only the second epoch ran:\n" + out);
        JsonNode epochs = new ObjectMapper().readTree(resumedReport.toFile()).get("epochs");
        assertEquals(2, epochs.size(), "the checkpoint's epoch and this run's: " + epochs);
        assertEpochRecord(epochs.get(0), 1);
        assertEpochRecord(epochs.get(1), 2);
        assertEquals(new ObjectMapper().readTree(report.toFile()).get("epochs").get(0), epochs.get(0),
                "the first epoch's record is the one the first run reported");
        assertPng(dir.resolve("resumed/report-curves.png"), 1400, 564);
        ComputationGraphConfiguration conf = JointProjectionModel.load(resumedCheckpoint.resolve("checkpoint.zip")
                .toFile()).graph().getConfiguration();
        assertEquals(2, conf.getEpochCount());
        assertEquals(2 * BATCHES_PER_EPOCH, conf.getIterationCount());

        Path straight = dir.resolve("straight/model.pnet");
        assertEquals(Arrays.asList("1/2", "2/2"), epochSummaries(train(2, straight)));
        // No creation time is recorded without SOURCE_DATE_EPOCH, so the two files must be equal byte for byte.
        assertArrayEquals(Files.readAllBytes(straight), Files.readAllBytes(resumed));
    }

    /** "k/n" of each "Epoch k/n done" line the progress meter printed. */
    private static List<String> epochSummaries(String output) {
        List<String> epochs = new ArrayList<>();
        Matcher m = Pattern.compile("Epoch (\\d+/\\d+) done").matcher(output);
        while (m.find()) {
            epochs.add(m.group(1));
        }
        return epochs;
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
