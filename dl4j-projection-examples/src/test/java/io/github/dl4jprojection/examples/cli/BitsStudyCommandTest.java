package io.github.dl4jprojection.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.pipeline.study.FrontierCsv;
import io.github.dl4jprojection.pipeline.study.StudyMethod;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code projectionnet bits-study} end to end on tiny data (synthetic 4x4 images of 3 classes; the bundled
 * SpamAssassin sample): the CSV has one trainer row and four rows per sweep point, the projection rows are the
 * exported files' sizes, the MLPs are sized to them, the PNGs decode; wrong arguments are usage errors.
 */
class BitsStudyCommandTest {

    private static final int SIDE = 4;
    private static final int CLASSES = 3;

    @TempDir
    static Path dir;

    private static int masterThreads;

    /** One ND4J master thread: the networks are tiny and the machines that run the tests are busy. */
    @BeforeAll
    static void oneThread() {
        masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        Nd4j.getEnvironment().setMaxMasterThreads(1);
    }

    @AfterAll
    static void restoreThreads() {
        Nd4j.getEnvironment().setMaxMasterThreads(masterThreads);
    }

    @Test
    void imageSweepWritesOneRowPerMethodAndPointAndDecodablePlots() throws IOException {
        Path images = writeImages(dir.resolve("images"));
        Path out = dir.resolve("image-study");
        CliRun.Result r = run("bits-study", "--task", "images", "--data", images.toString(), "--out", out.toString(),
                "--budgets", "32,16", "--bits-per-function", "8", "--hidden", "0,4", "--epochs", "2");
        assertEquals(ProjectionNetCli.EXIT_OK, r.code, r.toString());
        assertEquals(1, r.out.split(java.util.regex.Pattern.quote(images.toString()), -1).length - 1,
                "the data is named once: " + r.out);
        assertTrue(!r.out.matches("(?s).*\\d{4} parameters.*") && r.out.matches("(?s).*trainer .*, [0-9,]+ parameters.*"),
                "parameter counts are grouped: " + r.out);

        List<Map<String, String>> rows = readCsv(out.resolve("images-frontier.csv"));
        assertEquals(1 + 2 * 2 * 4, rows.size(), "a trainer row and 4 methods x 2 budgets x 2 hidden widths");
        assertEquals("trainer", rows.get(0).get("method"));
        checkPoints(rows, new int[] {16, 32}, new int[] {0, 4}, out, SIDE * SIDE + 1 + CLASSES);
        checkPng(out.resolve("images-accuracy-vs-bytes.png"));
        checkPng(out.resolve("images-accuracy-vs-bits.png"));
    }

    @Test
    void textSweepSizesTheBagOfWordsMlpToTheProjectionFile() throws IOException {
        Path out = dir.resolve("spam-study");
        CliRun.Result r = run("bits-study", "--task", "spam", "--out", out.toString(), "--budgets", "16,32",
                "--bits-per-function", "8", "--hidden", "0,4", "--epochs", "1", "--temperature", "2");
        assertEquals(ProjectionNetCli.EXIT_OK, r.code, r.toString());

        List<Map<String, String>> rows = readCsv(out.resolve("spam-frontier.csv"));
        assertEquals(1 + 2 * 2 * 4, rows.size());
        // Text baselines keep the point's hidden width and size their input: one input costs h (or K) weights.
        checkPoints(rows, new int[] {16, 32}, new int[] {0, 4}, out, 4);
        for (Map<String, String> row : rows) {
            if (row.get("method").startsWith("mlp")) {
                String expected = "0".equals(row.get("hidden")) ? "-2 on hashed bag" : "-4-2 on hashed bag";
                assertTrue(row.get("detail").contains(expected), row.toString());
            }
        }
        checkPng(out.resolve("spam-accuracy-vs-bytes.png"));

        Path csv = out.resolve("spam-frontier.csv");
        assertEquals(rows.size(), FrontierCsv.read(csv).size(), "the CSV reads back");
        Files.delete(out.resolve("spam-accuracy-vs-bits.png"));
        CliRun.Result replot = run("bits-study", "--task", "spam", "--out", out.toString(), "--replot");
        assertEquals(ProjectionNetCli.EXIT_OK, replot.code, replot.toString());
        checkPng(out.resolve("spam-accuracy-vs-bits.png"));
        assertTrue(replot.out.contains("| 32 | 4 |") && replot.out.contains("of 4 points."), replot.out);
        assertEquals(ProjectionNetCli.EXIT_FAILURE,
                run("bits-study", "--task", "spam", "--out", dir.resolve("empty").toString(), "--replot").code);
    }

    @Test
    void wrongArgumentsAreUsageErrors() throws IOException {
        String out = dir.resolve("never").toString();
        assertUsage(run("bits-study", "--task", "spam", "--out", out, "--budgets", "64,100"), "--budgets");
        assertUsage(run("bits-study", "--task", "spam", "--out", out, "--budgets", "64,x"), "--budgets");
        assertUsage(run("bits-study", "--task", "spam", "--out", out, "--hidden", "-1"), "--hidden");
        assertUsage(run("bits-study", "--task", "spam", "--out", out, "--epochs", "0"), "--epochs");
        assertUsage(run("bits-study", "--task", "spam", "--out", out, "--temperature", "0"), "--temperature");
        assertUsage(run("bits-study", "--task", "spam", "--out", out, "--trainer", "cnn"), "--trainer cnn");
        assertUsage(run("bits-study", "--task", "spam", "--out", out, "--train-per-class", "5"), "--train-per-class");
        assertUsage(run("bits-study", "--task", "spam", "--out", out, "--trainer", "lstm"), "--trainer lstm");
        assertUsage(run("bits-study", "--task", "spam", "--out", out, "--max-tokens", "9"), "--max-tokens applies to the lstm");
        assertUsage(run("bits-study", "--task", "spam", "--out", out, "--features", "nokey=1"), "--features");
        assertUsage(run("bits-study", "--task", "images", "--data", out, "--out", out, "--features", "words=1"),
                "--features applies to text tasks only");
        assertUsage(run("bits-study", "--task", "spam", "--out", out, "--distill-weight", "-1"), "--distill-weight");
        assertUsage(run("bits-study", "--task", "spam", "--out", out, "--learning-rate", "0"), "--learning-rate");
        assertUsage(run("bits-study", "--task", "spam", "--out", out, "--trainer-epochs", "0"), "--trainer-epochs");
        assertUsage(run("bits-study", "--task", "spam"), "--out");
        Path file = Files.write(dir.resolve("a-file"), new byte[] {1});
        assertUsage(run("bits-study", "--task", "spam", "--out", file.toString()), "is a file");
        assertTrue(!Files.exists(dir.resolve("never")), "nothing written on a usage error");
    }

    /**
     * Every point has the four methods; projection bytes are the files'; the MLPs' weights are within half an
     * input or unit of the projection's, and carry the same file overhead.
     */
    private static void checkPoints(List<Map<String, String>> rows, int[] budgets, int[] hidden, Path out,
                                    int maxMlpStep) throws IOException {
        for (int bits : budgets) {
            for (int h : hidden) {
                Map<StudyMethod, Map<String, String>> point = new EnumMap<>(StudyMethod.class);
                for (Map<String, String> row : rows) {
                    if (row.get("bits").equals(Integer.toString(bits)) && row.get("hidden").equals(Integer.toString(h))) {
                        point.put(method(row.get("method")), row);
                    }
                }
                assertEquals(4, point.size(), "bits " + bits + " hidden " + h + ": " + point.keySet());
                long projectionWeightBytes = 0;
                long overhead = 0;
                for (StudyMethod m : new StudyMethod[] {StudyMethod.PROJECTION_ALONE, StudyMethod.PROJECTION_JOINT}) {
                    Map<String, String> row = point.get(m);
                    Path model = out.resolve("models").resolve("" + row.get("task") + "-" + m.csvName() + "-" + bits
                            + "b-h" + h + ".pnet");
                    assertEquals(Files.size(model), Long.parseLong(row.get("exported_bytes")), row.toString());
                    ProjectionModel loaded = ProjectionModel.load(model);
                    assertEquals(bits, loaded.projectionSpec().numBits());
                    assertEquals(loaded.numParameters(), Long.parseLong(row.get("params")));
                    assertEquals("runtime", row.get("measured_by"));
                    projectionWeightBytes = 4 * loaded.numParameters();
                    overhead = Files.size(model) - projectionWeightBytes;
                    assertTrue(overhead > 0, "the file has a header");
                }
                for (StudyMethod m : new StudyMethod[] {StudyMethod.MLP_ALONE, StudyMethod.MLP_DISTILLED}) {
                    Map<String, String> row = point.get(m);
                    long weightBytes = 4 * Long.parseLong(row.get("params"));
                    assertEquals(weightBytes + overhead, Long.parseLong(row.get("exported_bytes")),
                            "4 bytes per weight and bias, and the same file overhead");
                    assertTrue(Math.abs(weightBytes - projectionWeightBytes) <= 4L * maxMlpStep / 2 + 4,
                            "MLP weights " + weightBytes + " bytes vs projection " + projectionWeightBytes + ": " + row);
                }
                for (Map<String, String> row : point.values()) {
                    double accuracy = Double.parseDouble(row.get("accuracy"));
                    assertTrue(accuracy >= 0 && accuracy <= 1, row.toString());
                }
            }
        }
    }

    private static StudyMethod method(String csvName) {
        for (StudyMethod m : StudyMethod.values()) {
            if (m.csvName().equals(csvName)) {
                return m;
            }
        }
        throw new AssertionError("unknown method " + csvName);
    }

    private static void checkPng(Path png) throws IOException {
        assertTrue(Files.isRegularFile(png), png + " exists");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " decodes as an image");
        assertTrue(image.getWidth() > 100 && image.getHeight() > 100, image.toString());
    }

    /** The CSV (no field holds a comma in these runs) as maps from header name to value. */
    private static List<Map<String, String>> readCsv(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(FrontierCsv.HEADER, lines.get(0));
        String[] header = lines.get(0).split(",");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            assertEquals(header.length, fields.length, line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], fields[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** 4x4 images: class c lights row c brightly, plus noise; 20 training and 10 test images per class. */
    private static Path writeImages(Path folder) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(3);
        Files.write(folder.resolve("train.csv"), images(20, random));
        Files.write(folder.resolve("test.csv"), images(10, random));
        return folder;
    }

    private static List<String> images(int perClass, Random random) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < perClass * CLASSES; i++) {
            int c = i % CLASSES;
            StringBuilder line = new StringBuilder(Integer.toString(c));
            for (int p = 0; p < SIDE * SIDE; p++) {
                int value = p / SIDE == c ? 180 + random.nextInt(76) : random.nextInt(80);
                line.append(',').append(value);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static void assertUsage(CliRun.Result r, String messagePart) {
        assertEquals(ProjectionNetCli.EXIT_USAGE, r.code, r.toString());
        String first = r.err.split("\n")[0];
        assertTrue(first.startsWith("projectionnet bits-study: "), first);
        assertTrue(first.contains(messagePart), first);
    }

    private static CliRun.Result run(String... args) {
        return CliRun.run(dir, "", args);
    }
}
