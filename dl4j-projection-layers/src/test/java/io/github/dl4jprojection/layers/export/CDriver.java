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
 *
 * <p>The same driver also runs on a Cortex-M4 ({@link Target#CORTEX_M4_HARD_FLOAT},
 * {@link Target#CORTEX_M4_SOFT_FLOAT}): cross-compiled with {@code arm-none-eabi-gcc -Os}, started in
 * {@code qemu-system-arm -M mps2-an386}, reading its input lines and writing its output over semihosting
 * ({@code pnet_mcu_startup.c}, {@code pnet_mcu_mps2_an386.ld}); its result lines then also carry the
 * instructions and stack bytes of each prediction ({@link Result#instructions}, {@link Result#stackBytes}).
 */
public final class CDriver {

    /** The compiler flags of every parity build. */
    public static final List<String> FLAGS = Arrays.asList("-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-O2");
    private static final String COMPILER = System.getenv().getOrDefault("CC_FOR_PARITY_TESTS", "gcc");

    /** Where the emitted C is compiled and run. */
    public enum Target {
        /** The host compiler ({@code CC_FOR_PARITY_TESTS}, default gcc) with {@link #FLAGS}. */
        HOST(null),
        /** The host build of a model exported with precomputed projection columns. */
        HOST_PRECOMPUTED_COLUMNS(null),
        /** Cortex-M4 with its single-precision FPU ({@code -mfloat-abi=hard -mfpu=fpv4-sp-d16}), in QEMU. */
        CORTEX_M4_HARD_FLOAT(Arrays.asList("-mfloat-abi=hard", "-mfpu=fpv4-sp-d16")),
        /** Cortex-M4 without FPU use ({@code -mfloat-abi=soft}: libgcc's float routines), in QEMU. */
        CORTEX_M4_SOFT_FLOAT(Arrays.asList("-mfloat-abi=soft")),
        /**
         * Cortex-M4 with FPU and the small-flash options of pnet_runtime.h: no tanh, no sigmoid, a float
         * {@code expf} softmax.
         */
        CORTEX_M4_SMALL_FLASH(Arrays.asList("-mfloat-abi=hard", "-mfpu=fpv4-sp-d16", "-DPNET_NO_TANH",
                "-DPNET_NO_SIGMOID", "-DPNET_FLOAT_EXP"));

        /** The cross compiler, C library and emulator of the Cortex-M targets, with the Debian package of each. */
        private static final String[][] MCU_TOOLS = {
                {"arm-none-eabi-gcc", "gcc-arm-none-eabi"}, {"qemu-system-arm", "qemu-system-arm"}};

        private final List<String> floatFlags;

        Target(List<String> floatFlags) {
            this.floatFlags = floatFlags;
        }

        /**
         * The flags of a Cortex-M4 build of the model code: {@link #FLAGS} with {@code -Os} for {@code -O2}, the CPU
         * and float ABI, and one section per function and object (for {@code --gc-sections} and size accounting).
         */
        public List<String> mcuFlags() {
            if (isHost()) {
                throw new IllegalStateException(this + " builds with FLAGS, not Cortex-M flags");
            }
            List<String> flags = new ArrayList<>();
            for (String flag : FLAGS) {
                flags.add(flag.equals("-O2") ? "-Os" : flag);
            }
            flags.addAll(Arrays.asList("-mcpu=cortex-m4", "-mthumb"));
            flags.addAll(floatFlags);
            flags.addAll(Arrays.asList("-ffunction-sections", "-fdata-sections"));
            return flags;
        }

        /** Whether this target builds with the host compiler (and runs the driver directly, not in QEMU). */
        public boolean isHost() {
            return floatFlags == null;
        }

        /**
         * Skips the calling test, with a message naming what is missing, when this target cannot run here; under CI
         * (the environment variable {@code CI} set) a missing Cortex-M toolchain fails the test instead, so that the
         * device check is never silently skipped.
         */
        public void assumeAvailable() {
            if (isHost()) {
                assumeCompiler();
                return;
            }
            List<String> missing = new ArrayList<>();
            for (String[] tool : MCU_TOOLS) {
                if (!runs(tool[0], "--version")) {
                    missing.add(tool[0] + " (Debian package " + tool[1] + ")");
                }
            }
            if (missing.isEmpty() && !newlibInstalled(floatFlags)) {
                missing.add("newlib's libc.a for " + this + " (Debian package libnewlib-arm-none-eabi)");
            }
            if (missing.isEmpty()) {
                return;
            }
            String message = "missing " + String.join(", ", missing) + ": the " + this + " C test cannot run;"
                    + " apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm";
            if (System.getenv("CI") != null) {
                throw new AssertionError(message + " (CI is set, so this is a failure, not a skip)");
            }
            System.err.println("SKIPPED: " + message);
            Assumptions.assumeTrue(false, message);
        }

        private static boolean newlibInstalled(List<String> floatFlags) {
            List<String> command = new ArrayList<>(Arrays.asList("arm-none-eabi-gcc", "-mcpu=cortex-m4", "-mthumb"));
            command.addAll(floatFlags);
            command.add("-print-file-name=libc.a");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String path = new String(drain(p.getInputStream()), StandardCharsets.UTF_8).trim();
                // gcc echoes the bare name when it finds no such file.
                return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && path.contains("/")
                        && Files.isRegularFile(java.nio.file.Paths.get(path));
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private final List<String> command;
    private final Path dir;
    /** Host programs get 300 s; QEMU runs the same cases in seconds, so a hung guest fails sooner. */
    private final int timeoutSeconds;

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
        /** The logits' 32 bits as printed: an integer-only model's int32 logits. */
        public final int[] logitWords;
        /** The softmax probabilities. */
        public final float[] probabilities;
        /** Guest instructions of the projection and forward pass (Cortex-M targets; else -1). */
        public final long instructions;
        /** Stack bytes the projection and forward pass used (Cortex-M targets; else -1). */
        public final long stackBytes;

        Result(int status, long[] bits, int label, int[] logitWords, float[] probabilities, long instructions,
               long stackBytes) {
            float[] logits = logitWords == null ? null : new float[logitWords.length];
            for (int j = 0; logits != null && j < logits.length; j++) {
                logits[j] = Float.intBitsToFloat(logitWords[j]);
            }
            this.status = status;
            this.bits = bits;
            this.label = label;
            this.logits = logits;
            this.logitWords = logitWords;
            this.probabilities = probabilities;
            this.instructions = instructions;
            this.stackBytes = stackBytes;
        }
    }

    private CDriver(Path dir, List<String> command, int timeoutSeconds) {
        this.dir = dir;
        this.command = command;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Skips the calling test, with a message in the test report and on stderr, if there is no gcc. */
    public static void assumeCompiler() {
        boolean found = runs(COMPILER, "--version");
        if (!found) {
            System.err.println("SKIPPED: no C compiler '" + COMPILER + "' on the PATH; the C parity tests did not run");
        }
        Assumptions.assumeTrue(found, "no C compiler '" + COMPILER + "' on the PATH: C parity test skipped");
    }

    private static boolean runs(String program, String argument) {
        try {
            Process p = new ProcessBuilder(program, argument).redirectErrorStream(true).start();
            drain(p.getInputStream());
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Exports {@code model} as {@code testnet} into {@code dir} and compiles it with the driver. */
    public static CDriver build(ProjectionModel model, Path dir) throws IOException, InterruptedException {
        return build(model, dir, "pnet_driver.c", true);
    }

    /**
     * Exports {@code model} as {@code testnet} into {@code dir} and builds the driver for {@code target}; for a
     * Cortex-M target, {@code dir} also gets {@code pnet_driver.elf} and its link map {@code pnet_driver.map}.
     */
    public static CDriver build(ProjectionModel model, Path dir, Target target)
            throws IOException, InterruptedException {
        if (target.isHost()) {
            return build(model, dir, "pnet_driver.c", true, target == Target.HOST_PRECOMPUTED_COLUMNS);
        }
        CExporter.export(model, dir, "testnet");
        List<String> command = new ArrayList<>();
        command.add("arm-none-eabi-gcc");
        command.addAll(target.mcuFlags());
        command.add("-DPNET_DRIVER_COST");
        for (String file : new String[] {"pnet_driver.c", "pnet_mcu_startup.c", "pnet_mcu_mps2_an386.ld"}) {
            copyResource(file, dir);
        }
        Path elf = dir.resolve("pnet_driver.elf");
        command.addAll(Arrays.asList("-nostartfiles", "-T", dir.resolve("pnet_mcu_mps2_an386.ld").toString(),
                "-Wl,--gc-sections", "-Wl,-Map=" + dir.resolve("pnet_driver.map"), "-o", elf.toString(),
                dir.resolve("pnet_driver.c").toString(), dir.resolve("pnet_runtime.c").toString(),
                dir.resolve("pnet_mcu_startup.c").toString(), "-lm"));
        compile(command);
        return new CDriver(dir, Arrays.asList("qemu-system-arm", "-M", "mps2-an386", "-nographic", "-monitor", "none",
                "-serial", "none", "-icount", "shift=0", "-semihosting-config", "enable=on,target=native",
                "-kernel", elf.toString()), 120);
    }

    private static void copyResource(String file, Path dir) throws IOException {
        try (InputStream in = CDriver.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + file + " is missing");
            }
            Files.copy(in, dir.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void compile(List<String> command) throws IOException, InterruptedException {
        Process gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String messages = new String(drain(gcc.getInputStream()), StandardCharsets.UTF_8);
        assertTrue(gcc.waitFor(300, TimeUnit.SECONDS), "the compiler did not finish");
        assertEquals(0, gcc.exitValue(), String.join(" ", command) + " failed:\n" + messages);
        assertTrue(messages.trim().isEmpty(), "the compiler printed diagnostics:\n" + messages);
    }

    /**
     * Exports {@code model} as {@code testnet} into {@code dir} and compiles the test resource {@code driver} with
     * it: with the runtime as a separate translation unit ({@code linkRuntime}), or alone (a driver that includes
     * {@code pnet_runtime.c} to reach its static functions).
     */
    public static CDriver build(ProjectionModel model, Path dir, String driver, boolean linkRuntime)
            throws IOException, InterruptedException {
        return build(model, dir, driver, linkRuntime, false);
    }

    private static CDriver build(ProjectionModel model, Path dir, String driver, boolean linkRuntime,
                                 boolean precomputeColumns) throws IOException, InterruptedException {
        CExporter.export(model, dir, "testnet", precomputeColumns);
        copyResource(driver, dir);
        Path exe = dir.resolve(driver.replaceFirst("\\.c$", ""));
        List<String> command = new ArrayList<>();
        command.add(COMPILER);
        command.addAll(FLAGS);
        command.addAll(Arrays.asList("-o", exe.toString(), dir.resolve(driver).toString()));
        if (linkRuntime) {
            command.add(dir.resolve("pnet_runtime.c").toString());
        }
        command.add("-lm");
        compile(command);
        return new CDriver(dir, Arrays.asList(exe.toString()), 300);
    }

    /**
     * Runs the program on {@code lines} (ASCII) and returns every line it printed. The lines go through
     * {@code input.txt} and {@code output.txt} in the build folder: the host program's stdin and stdout, or the files
     * a Cortex-M program opens over semihosting (QEMU runs in that folder).
     */
    public List<String> runLines(List<String> lines) throws IOException, InterruptedException {
        Path in = Files.write(dir.resolve("input.txt"), lines, StandardCharsets.US_ASCII);
        Path out = dir.resolve("output.txt");
        Files.deleteIfExists(out);
        boolean semihosted = command.get(0).equals("qemu-system-arm");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectInput(in.toFile())
                .redirectOutput(semihosted ? dir.resolve("console.txt").toFile() : out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the C driver did not finish: " + String.join(" ", command));
        }
        assertEquals(0, p.exitValue(), "the C driver failed: " + String.join(" ", command));
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

    /**
     * Parses one result line ({@code ok ...} or {@code error <code>}) of the driver: floats are the hex digits of
     * their IEEE bits; a Cortex-M driver's line ends with {@code | cost <instructions> <stack bytes>}.
     */
    public static Result parse(String line) {
        if (line.startsWith("error ")) {
            return new Result(Integer.parseInt(line.substring(6).trim()), null, -1, null, null, -1, -1);
        }
        String[] parts = line.substring(2).split("\\|");
        String[] words = parts[0].trim().split(" ");
        long[] bits = new long[words.length];
        for (int w = 0; w < words.length; w++) {
            bits[w] = Long.parseUnsignedLong(words[w], 16);
        }
        long instructions = -1;
        long stackBytes = -1;
        if (parts.length > 4) {
            String[] cost = parts[4].trim().split(" ");
            assertEquals("cost", cost[0], "the fifth part of " + line);
            instructions = Long.parseLong(cost[1]);
            stackBytes = Long.parseLong(cost[2]);
        }
        return new Result(0, bits, Integer.parseInt(parts[1].trim()), words(parts[2]), floatBits(parts[3]),
                instructions, stackBytes);
    }

    /** The 32-bit words of hex tokens, kept as ints: an int32 logit's bits may spell a float NaN. */
    private static int[] words(String s) {
        String[] tokens = s.trim().split(" ");
        int[] v = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            v[i] = Integer.parseUnsignedInt(tokens[i], 16);
        }
        return v;
    }

    private static float[] floatBits(String s) {
        String[] tokens = s.trim().split(" ");
        float[] v = new float[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            v[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(tokens[i], 16));
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
