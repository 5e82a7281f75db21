package io.github.dl4jprojection.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.model.ProjectionModel;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the README's device-side lines (load an exported model, predict, name the label) verbatim, from
 * outside the runtime's packages (so only public API), against the golden model file
 * {@code golden/v1/dense-float32.pnet}. The lines read {@code model.pnet} from the working directory, so they run in a
 * child JVM started in a folder holding a copy of the golden file; on every recorded case the printed name is the one
 * of the label an earlier build recorded. A second test checks that README.md still shows these lines.
 */
class RuntimeReadmeSnippetTest {

    private static final String BEGIN = "// README snippet: begin";
    private static final String END = "// README snippet: end";
    private static final List<String> GOLDEN_LABELS = Arrays.asList("zéro", "один", "二", "\uD83D\uDE00");

    /** The README lines, in a process whose working directory holds {@code model.pnet}. */
    static final class DeviceLines {

        private DeviceLines() {
        }

        /** Prints the label name of each golden case, one per line, in UTF-8. */
        public static void main(String[] args) throws IOException {
            PrintStream out = new PrintStream(System.out, true, "UTF-8");
            for (String line : goldenCases()) {
                out.println(classify(floats(field(line, "x"))));
            }
        }

        static String classify(float[] pixels) throws IOException {
            // README snippet: begin
            ProjectionModel model = ProjectionModel.load(Paths.get("model.pnet"));
            int label = model.predict(pixels);
            String name = model.labelName(label);
            // README snippet: end
            return name;
        }
    }

    @Test
    void deviceLinesNameTheRecordedLabels(@TempDir Path dir) throws Exception {
        try (InputStream in = resource("dense-float32.pnet")) {
            Files.copy(in, dir.resolve("model.pnet"));
        }
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DeviceLines.class.getName()).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(readAll(process.getInputStream()), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the snippet's JVM did not finish");
        assertEquals(0, process.exitValue(), output);

        List<String> expected = new ArrayList<String>();
        for (String line : goldenCases()) {
            expected.add(GOLDEN_LABELS.get(Integer.parseInt(field(line, "label"))));
        }
        assertEquals(40, expected.size());
        assertEquals(expected, Arrays.asList(output.split("\\R")));
    }

    /** The lines above are the README's: the project's README.md shows them, in order, as one block. */
    @Test
    void readmeShowsTheseLines() throws IOException {
        Path source = Paths.get("src", "test", "java", RuntimeReadmeSnippetTest.class.getName().replace('.', File.separatorChar) + ".java");
        Path readme = Paths.get("..", "README.md");
        assertTrue(Files.isRegularFile(source) && Files.isRegularFile(readme),
                "run from the module folder (Maven's default): " + source.toAbsolutePath() + ", " + readme.toAbsolutePath());
        List<String> snippet = new ArrayList<String>();
        boolean inside = false;
        for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
            String t = line.trim();
            if (t.equals(BEGIN) || t.equals(END)) {
                inside = t.equals(BEGIN);
            } else if (inside) {
                snippet.add(t);
            }
        }
        assertEquals(3, snippet.size(), snippet.toString());
        List<String> readmeLines = new ArrayList<String>();
        for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
            readmeLines.add(line.trim());
        }
        assertTrue(Collections.indexOfSubList(readmeLines, snippet) >= 0, "README.md should show\n"
                + String.join("\n", snippet));
    }

    private static InputStream resource(String name) {
        InputStream in = RuntimeReadmeSnippetTest.class.getResourceAsStream("/golden/v1/" + name);
        assertNotNull(in, "missing golden file " + name);
        return in;
    }

    private static List<String> goldenCases() throws IOException {
        List<String> lines = new ArrayList<String>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource("dense-float32.expected.txt"),
                StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The value of a tab-separated {@code key=value} field of a golden case line. */
    private static String field(String line, String key) {
        for (String f : line.split("\t")) {
            if (f.startsWith(key + "=")) {
                return f.substring(key.length() + 1);
            }
        }
        throw new IllegalArgumentException("no field " + key + " in " + line);
    }

    private static float[] floats(String csv) {
        String[] parts = csv.split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Float.parseFloat(parts[i]);
        }
        return v;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
