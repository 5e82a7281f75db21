package io.github.dl4jprojection.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.text.BundledSpamAssassinSample;
import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.data.text.TrainTestTexts;
import io.github.dl4jprojection.layers.export.CDriver;
import io.github.dl4jprojection.layers.export.ThreeWayParity;
import io.github.dl4jprojection.runtime.model.InputKind;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.ProvenanceKeys;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import io.github.dl4jprojection.runtime.text.TextPredictor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * {@code projectionnet train --task spam} end to end through the shipped backends on the bundled SpamAssassin
 * sample (476 training and 124 test texts; the default LSTM trainer on 24 tokens, one epoch, 64 bits, word n-grams
 * only), then {@code predict} and {@code eval} on the exported text model, and a resumed run:
 * the file loads as a text model, the runtime agrees with the DL4J projection branch on every test text, the
 * report has its fields; bad text data fails with one line.
 */
class TextTrainEndToEndTest {

    @TempDir
    static Path dir;

    private static int masterThreads;
    private static Path model;
    private static Path report;
    private static String trainOutput;
    private static Path checkpoint;
    /** Short sequences keep the LSTM trainer quick on busy machines. */
    private static final int MAX_TOKENS = 24;
    private static final String FEATURES = "words=2,skip=0,chars=none";

    /** One ND4J master thread: the networks are small and the machines that run the tests are busy. */
    @BeforeAll
    static void trainOneEpoch() {
        masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        model = dir.resolve("spam/model.pnet");
        report = dir.resolve("spam/report.json");
        checkpoint = dir.resolve("spam/checkpoint");
        CliRun.Result r = run("", "train", "--task", "spam", "--model", "bag", "--trainer", "lstm", "--bits", "8:8", "--epochs", "1",
                "--batch-size", "64",
                "--max-tokens", "" + MAX_TOKENS, "--features", FEATURES, "--seed", "7", "--out", model.toString(),
                "--report", report.toString(), "--checkpoint", checkpoint.toString());
        assertEquals(ProjectionNetCli.EXIT_OK, r.code, r.toString());
        trainOutput = r.out;
    }

    @AfterAll
    static void restoreThreads() {
        Nd4j.getEnvironment().setMaxMasterThreads(masterThreads);
    }

    @Test
    void trainsOnTheBundledSampleAndTheRuntimeAgreesWithDl4jOnEveryTestText() throws Exception {
        assertTrue(trainOutput.contains(new BundledSpamAssassinSample().description()), trainOutput);
        assertTrue(trainOutput.contains("Trainer (token lstm, DL4J)"), "the lstm trainer as asked:\n" + trainOutput);
        ProjectionModel exported = ProjectionModel.load(model);
        assertEquals(InputKind.FEATURES, exported.input().kind());
        assertEquals(Arrays.asList("ham", "spam"), exported.labels());
        assertEquals(64, exported.projectionSpec().numBits());
        assertEquals(FeaturizerConfig.builder().wordNgramMax(2).maxSkip(0).noCharNgrams().build(),
                FeaturizerConfig.fromSection(exported.input().featurizer()), "--features is stored in the model");
        assertEquals("1.0000", exported.provenance().get(ProvenanceKeys.AGREEMENT), "recorded at export");

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        for (String field : new String[] {"task", "trainer_params", "trainer_bytes", "trainer_accuracy",
                "projection_bits", "projection_params", "model_bytes", "projection_accuracy", "runtime_accuracy",
                "runtime_agreement", "train_seconds", "seed"}) {
            assertTrue(json.hasNonNull(field), "report field " + field + ": " + json);
        }
        assertEquals("spam", json.get("task").asText());
        assertEquals(64, json.get("projection_bits").asInt());
        assertEquals(1.0, json.get("runtime_agreement").asDouble(), "runtime vs DL4J on the sample's test split");
        assertEquals(Files.size(model), json.get("model_bytes").asLong());
        assertTrue(json.get("trainer_params").asLong() > json.get("projection_params").asLong(), json.toString());
        assertEquals(1, json.get("epochs").size(), "one record for the one epoch: " + json);
        assertEquals(json.get("projection_accuracy").asDouble(),
                json.get("epochs").get(0).get("projection_accuracy").asDouble());
        assertEquals("lstm", json.get("configuration").get("trainer").asText());
        assertEquals("" + MAX_TOKENS, json.get("configuration").get("max-tokens").asText(), "text settings too");
        TrainEndToEndTest.assertPng(dir.resolve("spam/report-curves.png"), 1400, 564);
        TrainEndToEndTest.assertPng(dir.resolve("spam/report-confusion.png"), 900, 900);

        // The runtime accuracy in the report is the file's accuracy on the sample's test texts.
        TrainTestTexts sample = new BundledSpamAssassinSample().load();
        TextPredictor predictor = TextPredictor.of(exported);
        int correct = 0;
        for (LabeledText t : sample.test()) {
            correct += exported.labels().get(predictor.predict(t.text())).equals(t.label()) ? 1 : 0;
        }
        assertEquals(correct / (double) sample.test().size(), json.get("runtime_accuracy").asDouble(), 1e-12);
    }

    @Test
    void predictsOneTextAndEachLineOfStandardInput() throws Exception {
        TextPredictor predictor = TextPredictor.of(ProjectionModel.load(model));
        List<String> labels = ProjectionModel.load(model).labels();
        String text = "FREE money!!! Click here to claim your prize now";
        CliRun.Result one = run("", "predict", model.toString(), text);
        assertEquals(ProjectionNetCli.EXIT_OK, one.code, one.toString());
        assertEquals(expectedLine(predictor, labels, text), one.out);

        String[] lines = {"Meeting moved to 3pm, see the agenda attached", "", "cheap v1agra best price"};
        CliRun.Result many = run(String.join("\n", lines) + "\n", "predict", model.toString());
        assertEquals(ProjectionNetCli.EXIT_OK, many.code, many.toString());
        StringBuilder expected = new StringBuilder();
        for (String line : lines) {
            expected.append(line.isEmpty() ? PredictCommand.EMPTY_TEXT + "\n"
                    : expectedLine(predictor, labels, line));
        }
        assertEquals(expected.toString(), many.out, "an empty line says so instead of a confident label");
    }

    private static String expectedLine(TextPredictor predictor, List<String> labels, String text) {
        float[] p = new float[labels.size()];
        int label = predictor.scores(text, p);
        assertTrue(p[label] >= 0.5f && p[label] <= 1f, "a winning probability of two classes: " + p[label]);
        return String.format(Locale.ROOT, "%s\t%.4f%n", labels.get(label), p[label]);
    }

    /**
     * {@code export-c} on the text model: the header carries the featurizer, the written files compile as the usage
     * comment shows, and the emitted C gives the Java runtime's bits, labels and probabilities on the raw UTF-8 of
     * every test text.
     */
    @Test
    void exportCOfTheTextModelRunsOnRawTextLikeTheRuntime() throws Exception {
        Path cDir = dir.resolve("spam-c");
        String header = CliRun.exportC(dir, model, cDir, "model");
        ProjectionModel exported = ProjectionModel.load(model);
        assertTrue(header.contains("#define MODEL_TEXT_SCRATCH_BYTES "), header);
        assertTrue(header.contains("&model_text,\n    NULL, NULL,\n    NULL, 0.0f,\n    NULL,\n    NULL,\n    NULL\n};"), "the model points at its featurizer");
        CliRun.Result precomputed = run("", "export-c", model.toString(), "--out", dir.resolve("spam-c-columns").toString(),
                "--precompute-columns");
        assertEquals(ProjectionNetCli.EXIT_FAILURE, precomputed.code, precomputed.toString());
        assertTrue(precomputed.err.contains("dense (image) models only"), precomputed.err);
        assertTrue(!Files.exists(dir.resolve("spam-c-columns").resolve("pnet_model_model.h")), "nothing written");

        CDriver.assumeCompiler();
        Path main = Files.write(cDir.resolve("main.c"), Arrays.asList(
                "#include <stdio.h>",
                "#include <string.h>",
                "#include \"pnet_model_model.h\"",
                "static float scratch[MODEL_SCRATCH_FLOATS];",
                "static uint64_t text_scratch[MODEL_TEXT_SCRATCH_BYTES / 8];",
                "int main(int argc, char **argv) {",
                "    float p[MODEL_NUM_LABELS];",
                "    const char *text = argc > 1 ? argv[1] : \"\";",
                "    int label = pnet_predict_text(&model_model, text, strlen(text), text_scratch, sizeof text_scratch,",
                "                                  scratch, p);",
                "    if (label < 0) {",
                "        return 1;",
                "    }",
                "    printf(\"%s\\n\", model_model.labels[label]);",
                "    return 0;",
                "}"), StandardCharsets.US_ASCII);
        List<String> gcc = new java.util.ArrayList<>(Arrays.asList(System.getenv().getOrDefault("CC_FOR_PARITY_TESTS",
                "gcc")));
        gcc.addAll(CDriver.FLAGS);
        gcc.addAll(Arrays.asList("-o", cDir.resolve("classify").toString(), main.toString(),
                cDir.resolve("pnet_runtime.c").toString(), "-lm"));
        Process p = new ProcessBuilder(gcc).redirectErrorStream(true).start();
        String messages = new String(readAll(p.getInputStream()), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0 && messages.isEmpty(),
                String.join(" ", gcc) + "\n" + messages);
        String text = "FREE money!!! Click here to claim your prize now";
        Process run = new ProcessBuilder(cDir.resolve("classify").toString(), text).redirectErrorStream(true).start();
        String printed = new String(readAll(run.getInputStream()), StandardCharsets.UTF_8).trim();
        assertTrue(run.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(exported.labels().get(TextPredictor.of(exported).predict(text)), printed);

        List<byte[]> texts = new java.util.ArrayList<>();
        for (LabeledText t : new BundledSpamAssassinSample().load().test()) {
            texts.add(t.text().getBytes(StandardCharsets.UTF_8));
        }
        int[] labels = ThreeWayParity.text(exported, texts, null, null, Files.createDirectories(dir.resolve("spam-c-parity")));
        assertEquals(texts.size(), labels.length);
    }

    private static byte[] readAll(java.io.InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void aTextModelWithAnImageIsRefusedInOneLine() throws Exception {
        Path png = Files.write(dir.resolve("pixels.txt"), "0,0,0,0".getBytes(StandardCharsets.UTF_8));
        CliRun.Result r = run("", "predict", model.toString(), "--image", png.toString());
        assertEquals(ProjectionNetCli.EXIT_FAILURE, r.code, r.toString());
        assertOneLine(r.err, "is a text model, not an image model");
    }

    @Test
    void emptyOrMalformedTextDataFailsWithOneLine() throws Exception {
        Path empty = Files.write(dir.resolve("empty.tsv"), new byte[0]);
        CliRun.Result noTexts = run("", "train", "--task", "text", "--data", empty.toString(), "--epochs", "1",
                "--out", dir.resolve("bad/model.pnet").toString());
        assertEquals(ProjectionNetCli.EXIT_FAILURE, noTexts.code, noTexts.toString());
        assertOneLine(noTexts.err, empty.toString());

        Path malformed = Files.write(dir.resolve("malformed.tsv"),
                "ham\thello there\nspam no tab on this line\n".getBytes(StandardCharsets.UTF_8));
        CliRun.Result bad = run("", "train", "--task", "text", "--data", malformed.toString(), "--epochs", "1",
                "--out", dir.resolve("bad/model.pnet").toString());
        assertEquals(ProjectionNetCli.EXIT_FAILURE, bad.code, bad.toString());
        assertOneLine(bad.err, malformed + ":2");
        assertFalse(Files.exists(dir.resolve("bad/model.pnet")), "no model written from bad data");

        CliRun.Result noData = run("", "train", "--task", "text", "--out", dir.resolve("bad/model.pnet").toString());
        assertEquals(ProjectionNetCli.EXIT_USAGE, noData.code, noData.toString());
        assertTrue(noData.err.startsWith("projectionnet train: --task text needs --data FILE"), noData.err);
    }

    @Test
    void evalScoresEveryTextOfTheFileItIsGiven() throws Exception {
        StringBuilder tsv = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            tsv.append(i % 2 == 0 ? "ham\tsee you at the meeting " + i : "spam\tcheap pills, buy now " + i).append('\n');
        }
        Path file = Files.write(dir.resolve("eval.tsv"), tsv.toString().getBytes(StandardCharsets.UTF_8));
        CliRun.Result data = run("", "eval", model.toString(), "--task", "text", "--data", file.toString());
        assertEquals(ProjectionNetCli.EXIT_OK, data.code, data.toString());
        assertTrue(data.out.contains("Runtime accuracy on 12 test texts"), "all 12, no split: " + data.out);
        CliRun.Result test = run("", "eval", model.toString(), "--task", "text", "--test", file.toString());
        assertEquals(ProjectionNetCli.EXIT_OK, test.code, test.toString());
        assertTrue(test.out.contains("Runtime accuracy on 12 test texts"), test.out);
    }

    @Test
    void evalMeasuresTheTextModelOnTheTestTextsLikeTrainDid() throws Exception {
        CliRun.Result r = run("", "eval", model.toString(), "--task", "spam");
        assertEquals(ProjectionNetCli.EXIT_OK, r.code, r.toString());
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        String accuracy = String.format(Locale.ROOT, "%.2f %%", 100 * json.get("runtime_accuracy").asDouble());
        assertTrue(r.out.contains("Runtime accuracy on 124 test texts: " + accuracy), r.out);

        CliRun.Result image = run("", "eval", model.toString(), "--task", "fashion-mnist");
        assertEquals(ProjectionNetCli.EXIT_FAILURE, image.code, image.toString());
        assertOneLine(image.err, "is a text model, not an image model");
    }

    @Test
    void resumeTrainsOnlyTheMissingEpochAndEndsLikeAnUninterruptedRun() throws Exception {
        Path resumedCheckpoint = dir.resolve("resumed/checkpoint");
        Files.createDirectories(resumedCheckpoint);
        Files.copy(checkpoint.resolve("checkpoint.zip"), resumedCheckpoint.resolve("checkpoint.zip"));
        Path resumed = dir.resolve("resumed/model.pnet");
        Nd4j.getRandom().setSeed(0x5EEDF00DL);
        CliRun.Result r = run("", "train", "--task", "spam", "--model", "bag", "--trainer", "lstm", "--bits", "8:8",
                "--epochs", "2", "--max-tokens", "" + MAX_TOKENS,
                "--features", FEATURES, "--seed", "7", "--out", resumed.toString(), "--checkpoint",
                resumedCheckpoint.toString(), "--resume");
        assertEquals(ProjectionNetCli.EXIT_OK, r.code, r.toString());
        assertFalse(r.out.contains("Epoch 1/2 done"), "the first epoch comes from the checkpoint:\n" + r.out);
        assertTrue(r.out.contains("Epoch 2/2 done"), r.out);
        assertTrue(r.out.contains("in all, with the checkpoint's epochs)"), "the first run's time counts too:\n" + r.out);

        Path straight = dir.resolve("straight/model.pnet");
        CliRun.Result s = run("", "train", "--task", "spam", "--model", "bag", "--trainer", "lstm", "--bits", "8:8",
                "--epochs", "2", "--max-tokens", "" + MAX_TOKENS,
                "--features", FEATURES, "--seed", "7", "--out", straight.toString());
        assertEquals(ProjectionNetCli.EXIT_OK, s.code, s.toString());
        assertArrayEquals(Files.readAllBytes(straight), Files.readAllBytes(resumed), "same weights, same file");

        CliRun.Result other = run("", "train", "--task", "spam", "--model", "bag", "--bits", "8:8", "--epochs", "2",
                "--trainer", "mlp",
                "--features", FEATURES, "--seed", "7", "--out", dir.resolve("other/model.pnet").toString(),
                "--checkpoint", resumedCheckpoint.toString(), "--resume");
        assertEquals(ProjectionNetCli.EXIT_FAILURE, other.code, other.toString());
        assertOneLine(other.err, "this run vs the checkpoint: trainer mlp vs lstm");
    }

    @Test
    void theDemoTakesFashionMnistSpamOrFortunesOnly() {
        CliRun.Result r = run("", "demo", "--task", "mnist");
        assertEquals(ProjectionNetCli.EXIT_USAGE, r.code, r.toString());
        assertTrue(r.err.startsWith("projectionnet demo: --task of demo is fashion-mnist, spam or fortunes, got mnist"), r.err);
    }

    @Test
    void badFeaturizerSettingsAreUsageErrorsOfOneLine() {
        CliRun.Result unknown = run("", "train", "--task", "spam", "--features", "words=2,colour=red", "--out", "x.pnet");
        assertEquals(ProjectionNetCli.EXIT_USAGE, unknown.code, unknown.toString());
        assertTrue(unknown.err.startsWith("projectionnet train: Invalid value for option '--features': unknown key "
                + "'colour'"), unknown.err);
        CliRun.Result range = run("", "train", "--task", "spam", "--features", "chars=9", "--out", "x.pnet");
        assertEquals(ProjectionNetCli.EXIT_USAGE, range.code, range.toString());
        assertTrue(range.err.contains("chars must be none, n or min-max"), range.err);
        CliRun.Result words = run("", "train", "--task", "spam", "--features", "words=9", "--out", "x.pnet");
        assertEquals(ProjectionNetCli.EXIT_USAGE, words.code, words.toString());
        assertTrue(words.err.contains("words must be in 0..3, got 9"), words.err);
    }

    private static void assertOneLine(String err, String mustContain) {
        assertEquals(1, err.split("\n", -1).length - 1, "one line: " + err);
        assertTrue(err.contains(mustContain), err);
        assertFalse(err.contains("unexpected error"), err);
    }

    /** Runs the command line with the bundled text sample only (no corpus found) and {@code stdin}. */
    private static CliRun.Result run(String stdin, String... args) {
        return CliRun.run(dir, stdin, args);
    }
}
