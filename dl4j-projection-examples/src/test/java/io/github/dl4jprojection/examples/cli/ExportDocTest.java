package io.github.dl4jprojection.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.ImageDataLocator;
import io.github.dl4jprojection.layers.export.CDriver;
import io.github.dl4jprojection.pipeline.DefaultBackends;
import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs docs/EXPORT.md section 3 as written: its {@code export-c} command on a 28x28 model named
 * {@code fashion.pnet} (the files it prints), then its {@code classify.c} and its {@code gcc} line, taken
 * from the page, and checks the printed label and probability against the Java runtime's.
 */
class ExportDocTest {

    private static final String PAGE = "docs/EXPORT.md";

    @TempDir
    Path dir;

    @Test
    void theExportPageProgramCompilesAndAgreesWithTheRuntime() throws Exception {
        String page = new String(Files.readAllBytes(repositoryFile(PAGE)), StandardCharsets.UTF_8);
        Path modelFile = dir.resolve("fashion.pnet");
        ProjectionModel model = model();
        ModelWriter.write(model, modelFile);

        String command = block(page, "sh", "projectionnet export-c");
        assertEquals("projectionnet export-c fashion.pnet --out out", command);
        CommandLine cli = ProjectionNetCli.create(new CliContext(DefaultBackends.create(),
                new ImageDataLocator(dir.resolve("no-images")), false));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] args = command.substring("projectionnet ".length()).split(" ");
        args[1] = modelFile.toString();
        args[3] = dir.resolve("out").toString();
        assertEquals(ProjectionNetCli.EXIT_OK, cli.execute(args), err.toString());
        assertEquals(block(page, "", "Wrote "), out.toString().trim().replace(dir + "/", ""),
                "the files export-c prints, as the page shows them");

        CDriver.assumeCompiler();
        Files.write(dir.resolve("classify.c"), (block(page, "c", "/* classify.c") + "\n").getBytes(StandardCharsets.US_ASCII));
        String[] build = block(page, "sh", "gcc ").split("\n");
        List<String> gcc = new ArrayList<>(Arrays.asList(build[0].split(" ")));
        gcc.set(0, System.getenv().getOrDefault("CC_FOR_PARITY_TESTS", "gcc"));
        Process compile = new ProcessBuilder(gcc).directory(dir.toFile()).redirectErrorStream(true).start();
        String messages = new String(readAll(compile.getInputStream()), StandardCharsets.UTF_8);
        assertTrue(compile.waitFor(300, TimeUnit.SECONDS) && compile.exitValue() == 0 && messages.isEmpty(),
                String.join(" ", gcc) + "\n" + messages);
        assertEquals("./classify < image.txt", build[1]);

        Random random = new Random(13);
        for (int image = 0; image < 5; image++) {
            float[] pixels = new float[model.input().nIn()];
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = random.nextInt(4) == 0 ? random.nextInt(256) : 0;
                text.append((int) pixels[i]).append(i % 28 == 27 ? "\n" : " ");
            }
            Files.write(dir.resolve("image.txt"), text.toString().getBytes(StandardCharsets.US_ASCII));
            Process run = new ProcessBuilder("./classify").directory(dir.toFile())
                    .redirectInput(dir.resolve("image.txt").toFile()).redirectErrorStream(true).start();
            String printed = new String(readAll(run.getInputStream()), StandardCharsets.UTF_8).trim();
            assertTrue(run.waitFor(60, TimeUnit.SECONDS) && run.exitValue() == 0, printed);
            float[] p = new float[model.numLabels()];
            int label = model.scores(pixels, p);
            int space = printed.lastIndexOf(' ');
            assertEquals(model.labelName(label), printed.substring(0, Math.max(space, 0)), "image " + image);
            // %.4f in C and in Java may round a tie apart: compare the value, not the digits.
            assertEquals(p[label], Float.parseFloat(printed.substring(space + 1)), 1e-4, "image " + image);
        }
    }

    /** A 28x28 image model with random weights and the Fashion-MNIST label names. */
    static ProjectionModel model() {
        ProjectionSpec spec = ProjectionSpec.builder().numFunctions(8).bitsPerFunction(8).seed(5).density(0.25).build();
        Random random = new Random(5);
        String[] labels = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
            "Bag", "Ankle boot"};
        float[] w = new float[spec.numBits() * labels.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) random.nextGaussian() * 0.3f;
        }
        return ProjectionModel.builder().projection(spec).encoding(BitEncoding.PLUS_MINUS_ONE)
                .input(InputSpec.image(28, 28, 1))
                .addLayer(DenseBlock.float32(spec.numBits(), labels.length, w, new float[labels.length],
                        Nonlinearity.IDENTITY))
                .labels(labels).build();
    }

    /** The first fenced block of {@code language} ("" for none) whose text starts with {@code start}. */
    private static String block(String page, String language, String start) {
        String[] lines = page.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith("```")) {
                continue;
            }
            // Every fenced block is skipped as a whole, so a closing fence never opens the next block.
            StringBuilder body = new StringBuilder();
            int j = i + 1;
            for (; j < lines.length && !lines[j].equals("```"); j++) {
                body.append(lines[j]).append('\n');
            }
            if (lines[i].equals("```" + language) && body.toString().startsWith(start)) {
                return body.toString().trim();
            }
            i = j;
        }
        throw new AssertionError(PAGE + " has no ```" + language + " block starting with " + start);
    }

    private static Path repositoryFile(String name) {
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(name))) {
                return d.resolve(name);
            }
        }
        throw new AssertionError(name + " not found above " + Paths.get("").toAbsolutePath());
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            bytes.write(buffer, 0, n);
        }
        return bytes.toByteArray();
    }
}
