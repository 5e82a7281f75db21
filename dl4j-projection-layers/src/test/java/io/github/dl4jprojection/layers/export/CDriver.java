package io.github.dl4jprojection.layers.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.model.ProjectionModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Exports a model as C, compiles it with the test driver ({@code pnet_driver.c}) using
 * {@code gcc -std=c99 -pedantic -Wall -Wextra -Werror -O2}, runs it on given input lines and parses
 * what it prints. Tests that use it are skipped, with a visible message, only when there is no gcc.
 * Public, with the test jar of this module, so the examples module's end-to-end tests drive the
 * same harness.
 */
public final class CDriver {

    /** The compiler flags of every parity build. */
    public static final List<String> FLAGS = Arrays.asList("-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-O2");
    private static final String COMPILER = System.getenv().getOrDefault("CC_FOR_PARITY_TESTS", "gcc");

    private final Path executable;
    private final Path dir;

    /** One case's result as the C program printed it. */
    public static final class Result {
        /** 0, or the {@code PNET_ERR_*} code the C returned (then the other fields are null or -1). */
        public final int status;
        /** The packed projection bits, {@code ceil(T*d / 64)} words. */
        public final long[] bits;
        /** The predicted label index. */
        public final int label;
        /** The logits (last layer outputs). */
        public final float[] logits;
        /** The softmax probabilities. */
        public final float[] probabilities;

        Result(int status, long[] bits, int label, float[] logits, float[] probabilities) {
            this.status = status;
            this.bits = bits;
            this.label = label;
            this.logits = logits;
            this.probabilities = probabilities;
        }
    }

    private CDriver(Path dir, Path executable) {
        this.dir = dir;
        this.executable = executable;
    }

    /** Skips the calling test, with a message in the test report and on stderr, if there is no gcc. */
    public static void assumeCompiler() {
        boolean found;
        try {
            Process p = new ProcessBuilder(COMPILER, "--version").redirectErrorStream(true).start();
            drain(p.getInputStream());
            found = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            found = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            found = false;
        }
        if (!found) {
            System.err.println("SKIPPED: no C compiler '" + COMPILER + "' on the PATH; the C parity tests did not run");
        }
        Assumptions.assumeTrue(found, "no C compiler '" + COMPILER + "' on the PATH: C parity test skipped");
    }

    /** Exports {@code model} as {@code testnet} into {@code dir} and compiles it with the driver. */
    public static CDriver build(ProjectionModel model, Path dir) throws IOException, InterruptedException {
        return build(model, dir, "pnet_driver.c", true);
    }

    /**
     * Exports {@code model} as {@code testnet} into {@code dir} and compiles the test resource {@code driver} with
     * it: with the runtime as a separate translation unit ({@code linkRuntime}), or alone (a driver that includes
     * {@code pnet_runtime.c} to reach its static functions).
     */
    public static CDriver build(ProjectionModel model, Path dir, String driver, boolean linkRuntime)
            throws IOException, InterruptedException {
        CExporter.export(model, dir, "testnet");
        try (InputStream in = CDriver.class.getResourceAsStream(driver)) {
            Files.copy(in, dir.resolve(driver), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path exe = dir.resolve(driver.replaceFirst("\\.c$", ""));
        List<String> command = new ArrayList<>();
        command.add(COMPILER);
        command.addAll(FLAGS);
        command.addAll(Arrays.asList("-o", exe.toString(), dir.resolve(driver).toString()));
        if (linkRuntime) {
            command.add(dir.resolve("pnet_runtime.c").toString());
        }
        command.add("-lm");
        Process gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String messages = new String(drain(gcc.getInputStream()), StandardCharsets.UTF_8);
        assertTrue(gcc.waitFor(300, TimeUnit.SECONDS), "gcc did not finish");
        assertEquals(0, gcc.exitValue(), "gcc " + String.join(" ", command) + " failed:\n" + messages);
        assertTrue(messages.trim().isEmpty(), "gcc printed diagnostics:\n" + messages);
        return new CDriver(dir, exe);
    }

    /** Runs the program on {@code lines} (ASCII) and returns every line it printed. */
    public List<String> runLines(List<String> lines) throws IOException, InterruptedException {
        Path in = Files.write(dir.resolve("input.txt"), lines, StandardCharsets.US_ASCII);
        Path out = dir.resolve("output.txt");
        Process p = new ProcessBuilder(executable.toString()).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the C driver did not finish");
        assertEquals(0, p.exitValue(), "the C driver failed");
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    /** Runs the program on {@code lines}; returns the label names it printed and one result per line. */
    public List<Result> run(List<String> lines, List<String> labelsOut) throws IOException, InterruptedException {
        List<String> printed = runLines(lines);
        String[] labels = printed.get(0).split("\t", -1);
        assertEquals("labels", labels[0]);
        labelsOut.addAll(Arrays.asList(labels).subList(1, labels.length));
        List<Result> results = new ArrayList<>();
        for (String line : printed.subList(1, printed.size())) {
            results.add(parse(line));
        }
        assertEquals(lines.size(), results.size(), "one output line per input line");
        return results;
    }

    /** Parses one result line ({@code ok ...} or {@code error <code>}) of the driver. */
    public static Result parse(String line) {
        if (line.startsWith("error ")) {
            return new Result(Integer.parseInt(line.substring(6).trim()), null, -1, null, null);
        }
        String[] parts = line.substring(2).split("\\|");
        String[] words = parts[0].trim().split(" ");
        long[] bits = new long[words.length];
        for (int w = 0; w < words.length; w++) {
            bits[w] = Long.parseUnsignedLong(words[w], 16);
        }
        return new Result(0, bits, Integer.parseInt(parts[1].trim()), hexFloats(parts[2]), hexFloats(parts[3]));
    }

    private static float[] hexFloats(String s) {
        String[] tokens = s.trim().split(" ");
        float[] v = new float[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            v[i] = (float) Double.parseDouble(tokens[i]);
        }
        return v;
    }

    /** A dense input line: hex floats, exact. */
    public static String denseLine(float[] x) {
        StringBuilder s = new StringBuilder();
        for (float v : x) {
            s.append(s.length() == 0 ? "" : " ").append(Float.isNaN(v) ? "nan" : Float.toHexString(v));
        }
        return s.toString();
    }

    /**
     * A text input line for a text model: {@code command} {@code 't'} (project and forward: an {@code ok} line) or
     * {@code 'b'} (the bag: {@code bag <n> <key hex>:<count> ...}), then the bytes in hex.
     */
    public static String textLine(char command, byte[] utf8) {
        StringBuilder s = new StringBuilder(2 + 2 * utf8.length).append(command).append(' ');
        for (byte b : utf8) {
            s.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return s.toString();
    }

    /** A feature-bag input line. */
    public static String featureLine(long[] keys, float[] weights, int count) {
        StringBuilder s = new StringBuilder().append(count);
        for (int j = 0; j < count; j++) {
            s.append(' ').append(Long.toHexString(keys[j])).append(' ')
                    .append(Float.isNaN(weights[j]) ? "nan" : Float.isInfinite(weights[j]) ? "inf"
                            : Float.toHexString(weights[j]));
        }
        return s.toString();
    }

    /**
     * Asserts that the C result equals the Java runtime's: status ok, identical bits and label, probabilities within
     * 1e-5, and logits bit-identical ({@code exactLogits}, for networks without tanh/sigmoid, whose last bit depends
     * on the math library) or within 1e-5 relative; {@code logits} may be null to skip them.
     */
    public static void assertMatches(Result c, long[] bits, int label, float[] logits, float[] p, boolean exactLogits,
                                     String where) {
        assertEquals(0, c.status, where + ": C returned an error");
        assertArrayEquals(bits, c.bits, where + ": bits");
        assertEquals(label, c.label, where + ": label");
        for (int j = 0; j < p.length; j++) {
            if (logits != null) {
                if (exactLogits) {
                    assertEquals(Float.floatToIntBits(logits[j]), Float.floatToIntBits(c.logits[j]),
                            where + ": logit " + j + " Java " + logits[j] + ", C " + c.logits[j]);
                } else {
                    assertEquals(logits[j], c.logits[j], 1e-5f * Math.max(1f, Math.abs(logits[j])),
                            where + ": logit " + j);
                }
            }
            assertEquals(p[j], c.probabilities[j], 1e-5f, where + ": probability " + j);
        }
    }

    private static byte[] drain(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
