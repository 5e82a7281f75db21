package io.github.dl4jprojection.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.pipeline.study.FrontierCsv;
import io.github.dl4jprojection.pipeline.study.FrontierSweep;
import io.github.dl4jprojection.pipeline.study.StudyMethod;
import io.github.dl4jprojection.runtime.model.ModelFamily;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.WeightType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * SpamAssassin sample): the CSV has, per seed, one trainer row and a float32 and an int8 row per method and sweep
 * point, the projection and sketch rows are the exported files' sizes, the baselines are sized to them, the summary has the
 * seeds' mean, the PNGs decode; wrong arguments are usage errors.
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
                "--budgets", "32,16", "--bits-per-function", "8", "--hidden", "0,4", "--epochs", "2", "--seeds", "5,6");
        assertEquals(ProjectionNetCli.EXIT_OK, r.code, r.toString());
        assertEquals(1, r.out.split(java.util.regex.Pattern.quote(images.toString()), -1).length - 1,
                "the data is named once: " + r.out);
        assertTrue(!r.out.matches("(?s).*\\d{4} parameters.*") && r.out.matches("(?s).*trainer .*, [0-9,]+ parameters.*"),
                "parameter counts are grouped: " + r.out);

        List<Map<String, String>> rows = readCsv(out.resolve("images-frontier.csv"));
        assertEquals(2 * (1 + 2 * 2 * 5 * 2), rows.size(),
                "per seed: a trainer row and 5 methods x 2 budgets x 2 hidden widths x float32, int8");
        assertEquals("trainer", rows.get(0).get("method"));
        assertEquals("5", rows.get(0).get("seed"));
        assertEquals("trainer", rows.get(1).get("method"));
        assertEquals("6", rows.get(1).get("seed"));
        for (String seed : new String[] {"5", "6"}) {
            checkPoints(seed(rows, seed), new int[] {16, 32}, new int[] {0, 4}, out, SIDE * SIDE + 1 + CLASSES, true);
        }
        checkSummary(rows, out.resolve("images-frontier-summary.csv"), 2);
        checkPng(out.resolve("images-accuracy-vs-bytes.png"));
        checkPng(out.resolve("images-accuracy-vs-latency.png"));
        checkPng(out.resolve("images-accuracy-vs-bits.png"));
    }

    @Test
    void textSweepSizesTheBagOfWordsMlpToTheProjectionFile() throws IOException {
        Path out = dir.resolve("spam-study");
        CliRun.Result r = run("bits-study", "--task", "spam", "--out", out.toString(), "--budgets", "16,32",
                "--bits-per-function", "8", "--hidden", "0,4", "--epochs", "1", "--temperature", "2");
        assertEquals(ProjectionNetCli.EXIT_OK, r.code, r.toString());

        List<Map<String, String>> rows = readCsv(out.resolve("spam-frontier.csv"));
        assertEquals(1 + 2 * 2 * 6 * 2, rows.size(), "no CNN for texts; the sketch networks (f), (g)");
        // Text baselines keep the point's hidden width and size their input: one input costs h (or K) weights.
        checkPoints(rows, new int[] {16, 32}, new int[] {0, 4}, out, 4, false);
        checkSummary(rows, out.resolve("spam-frontier-summary.csv"), 1);
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
        assertTrue(replot.out.contains("| 32 | 4 |") && replot.out.contains("of 4 points (float32).")
                && replot.out.contains("of 4 points (int8)."), replot.out);
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
        assertUsage(run("bits-study", "--task", "spam", "--out", out, "--seeds", "1,x"), "--seeds");
        assertUsage(run("bits-study", "--task", "spam", "--out", out, "--seeds", "1,1"), "--seeds must be distinct");
        assertUsage(run("bits-study", "--task", "spam", "--out", out, "--seeds", "1,2", "--seed", "3"), "--seed and --seeds");
        assertUsage(run("bits-study", "--task", "spam", "--out", out, "--methods", "mlp-alone,nope"),
                "--methods: unknown student 'nope'");
        assertUsage(run("bits-study", "--task", "spam", "--out", out, "--methods", "mlp-alone"),
                "--methods must include");
        assertUsage(run("bits-study", "--task", "spam", "--out", out, "--methods", "sketch-alone,cnn-alone"),
                "--methods cnn-alone applies to image tasks only");
        assertUsage(run("bits-study", "--task", "images", "--data", out, "--out", out, "--methods", "sketch-joint"),
                "--methods sketch-joint: sketch networks are text models");
        assertUsage(run("bits-study", "--task", "spam"), "--out");
        Path file = Files.write(dir.resolve("a-file"), new byte[] {1});
        assertUsage(run("bits-study", "--task", "spam", "--out", file.toString()), "is a file");
        assertTrue(!Files.exists(dir.resolve("never")), "nothing written on a usage error");
    }

    /**
     * Every point has the methods as float32 and int8 rows; projection and sketch bytes are the files' (a sketch file
     * has the projection file's bytes: same shape); the baselines' float32 weights are within half an input, unit or
     * channel of the projection's, carry the same file overhead, and their int8 bytes are 1 per weight plus 8 per
     * output; int8 files are smaller; MACs and times are positive.
     */
    private static void checkPoints(List<Map<String, String>> rows, int[] budgets, int[] hidden, Path out,
                                    int maxMlpStep, boolean cnn) throws IOException {
        String seed = rows.get(0).get("seed");
        for (int bits : budgets) {
            for (int h : hidden) {
                Map<String, Map<String, String>> point = new HashMap<>();
                for (Map<String, String> row : rows) {
                    if (row.get("bits").equals(Integer.toString(bits)) && row.get("hidden").equals(Integer.toString(h))) {
                        point.put(row.get("method") + "/" + row.get("weights"), row);
                    }
                }
                assertEquals(2 * (cnn ? 5 : 6), point.size(), "bits " + bits + " hidden " + h + ": " + point.keySet());
                long projectionWeightBytes = 0;
                long overhead = 0;
                List<StudyMethod> exported = new ArrayList<>(java.util.Arrays.asList(StudyMethod.PROJECTION_ALONE,
                        StudyMethod.PROJECTION_JOINT));
                if (!cnn) {
                    exported.add(StudyMethod.SKETCH_ALONE);
                    exported.add(StudyMethod.SKETCH_JOINT);
                }
                for (StudyMethod m : exported) {
                    Map<String, String> row = point.get(m.csvName() + "/float32");
                    Path model = out.resolve("models").resolve(FrontierSweep.modelFileName(row.get("task"), m, bits, h,
                            Long.parseLong(seed), WeightType.FLOAT32));
                    assertEquals(Files.size(model), Long.parseLong(row.get("exported_bytes")), row.toString());
                    if (m.sketch()) {
                        assertEquals(point.get("projection-alone/float32").get("exported_bytes"),
                                row.get("exported_bytes"), "a sketch network has the projection network's shape and bytes");
                    }
                    ProjectionModel loaded = ProjectionModel.load(model);
                    assertEquals(m.sketch() ? ModelFamily.SKETCH : ModelFamily.BAG, loaded.family());
                    assertEquals(bits, loaded.projectionSpec().numBits());
                    assertEquals(loaded.numParameters(), Long.parseLong(row.get("params")));
                    assertEquals("runtime", row.get("measured_by"));
                    projectionWeightBytes = 4 * loaded.numParameters();
                    overhead = Files.size(model) - projectionWeightBytes;
                    assertTrue(overhead > 0, "the file has a header");
                    Map<String, String> int8 = point.get(m.csvName() + "/int8");
                    Path int8File = out.resolve("models").resolve(FrontierSweep.modelFileName(row.get("task"), m, bits,
                            h, Long.parseLong(seed), WeightType.INT8));
                    assertEquals(Files.size(int8File), Long.parseLong(int8.get("exported_bytes")), int8.toString());
                    assertTrue(Files.size(int8File) < Files.size(model), "int8 is smaller: " + int8);
                    assertEquals(WeightType.INT8, ProjectionModel.load(int8File).layers().get(0).weightType());
                }
                List<StudyMethod> baselines = new ArrayList<>(java.util.Arrays.asList(StudyMethod.MLP_ALONE,
                        StudyMethod.MLP_DISTILLED));
                if (cnn) {
                    baselines.add(StudyMethod.CNN_ALONE);
                }
                for (StudyMethod m : baselines) {
                    Map<String, String> row = point.get(m.csvName() + "/float32");
                    long weightBytes = 4 * Long.parseLong(row.get("params"));
                    assertEquals(weightBytes + overhead, Long.parseLong(row.get("exported_bytes")),
                            "4 bytes per weight and bias, and the same file overhead");
                    long step = m == StudyMethod.CNN_ALONE ? 4L * (10 + 4 * CLASSES) : 4L * maxMlpStep;
                    assertTrue(Math.abs(weightBytes - projectionWeightBytes) <= step / 2 + 4,
                            "weights " + weightBytes + " bytes vs projection " + projectionWeightBytes + ": " + row);
                    assertEquals("java", row.get("measured_by"));
                    Map<String, String> int8 = point.get(m.csvName() + "/int8");
                    assertTrue(Long.parseLong(int8.get("exported_bytes")) < Long.parseLong(row.get("exported_bytes")),
                            int8.toString());
                    assertEquals(row.get("macs"), int8.get("macs"), "int8 does the same multiply-accumulates");
                }
                for (Map<String, String> row : point.values()) {
                    double accuracy = Double.parseDouble(row.get("accuracy"));
                    assertTrue(accuracy >= 0 && accuracy <= 1, row.toString());
                    assertTrue(Long.parseLong(row.get("macs")) > 0 && Double.parseDouble(row.get("us_per_example")) > 0,
                            row.toString());
                }
            }
        }
    }

    /** The rows of one seed. */
    private static List<Map<String, String>> seed(List<Map<String, String>> rows, String seed) {
        List<Map<String, String>> selected = new ArrayList<>();
        for (Map<String, String> row : rows) {
            if (row.get("seed").equals(seed)) {
                selected.add(row);
            }
        }
        return selected;
    }

    /** The summary has one line per model over the seeds, and its mean is the rows' mean. */
    private static void checkSummary(List<Map<String, String>> rows, Path summary, int seeds) throws IOException {
        List<String> lines = Files.readAllLines(summary, StandardCharsets.UTF_8);
        assertEquals(FrontierCsv.SUMMARY_HEADER, lines.get(0));
        assertEquals(rows.size() / seeds, lines.size() - 1);
        String[] header = FrontierCsv.SUMMARY_HEADER.split(",");
        String[] first = lines.get(2).split(",", -1);
        Map<String, String> s = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            s.put(header[i], first[i]);
        }
        assertEquals(Integer.toString(seeds), s.get("seeds"));
        double sum = 0;
        for (Map<String, String> row : rows) {
            if (row.get("method").equals(s.get("method")) && row.get("weights").equals(s.get("weights"))
                    && row.get("bits").equals(s.get("bits")) && row.get("hidden").equals(s.get("hidden"))) {
                sum += Double.parseDouble(row.get("accuracy"));
            }
        }
        assertEquals(sum / seeds, Double.parseDouble(s.get("accuracy_mean")), 1e-4, s.toString());
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
