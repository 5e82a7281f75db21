package io.github.dl4jprojection.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.dl4jprojection.runtime.model.ProjectionModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the README's device-side lines (load an exported model, predict, name the label), verbatim
 * between the markers, from outside the runtime's packages (so only public API), against the golden model file
 * {@code golden/v1/dense-float32.pnet}: on every recorded case the name is the one of the label an earlier build
 * recorded.
 */
class RuntimeReadmeSnippetTest {

    @Test
    void loadPredictAndNameTheLabel(@TempDir Path dir) throws IOException {
        Path modelFile = dir.resolve("model.pnet");
        try (InputStream in = resource("dense-float32.pnet")) {
            Files.copy(in, modelFile);
        }
        List<String> expectedNames = Arrays.asList("zéro", "один", "二", "\uD83D\uDE00");
        List<String> cases = expectedLines();
        assertEquals(40, cases.size());
        for (String line : cases) {
            float[] pixels = floats(field(line, "x"));
            String expected = expectedNames.get(Integer.parseInt(field(line, "label")));

            // README snippet: begin
            ProjectionModel model = ProjectionModel.load(modelFile);
            int label = model.predict(pixels);
            String name = model.labelName(label);
            // README snippet: end

            assertEquals(expected, name, line);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = RuntimeReadmeSnippetTest.class.getResourceAsStream("/golden/v1/" + name);
        assertNotNull(in, "missing golden file " + name);
        return in;
    }

    private static List<String> expectedLines() throws IOException {
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
        throw new AssertionError("no field " + key + " in " + line);
    }

    private static float[] floats(String csv) {
        String[] parts = csv.split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Float.parseFloat(parts[i]);
        }
        return v;
    }
}
