package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps a Markdown page and the test that runs its code from drifting apart. The page's {@code ```java} blocks are
 * import lines, then code; the test holds the same imports between {@code // <tag> imports: begin} and
 * {@code // <tag> imports: end} lines, and each block's code, in page order, between {@code // <tag> snippet: begin}
 * and {@code // <tag> snippet: end} lines (indentation aside). {@link #assertSameCode} compares the two, so a
 * page edit that the test does not compile and run fails the build.
 */
final class DocSnippets {

    private static final String LAYERS_MODULE = "dl4j-projection-layers";

    private DocSnippets() {
    }

    /**
     * @param page a Markdown file relative to the repository root, for example "docs/API.md"
     * @param test the test class that runs the page's code, in this module's test sources
     * @param tag  the marker tag used in the test's source
     */
    static void assertSameCode(String page, Class<?> test, String tag) throws IOException {
        List<String> imports = new ArrayList<>();
        List<String> code = new ArrayList<>();
        for (List<String> block : javaBlocks(Files.readAllLines(repositoryFile(page), StandardCharsets.UTF_8))) {
            List<String> body = new ArrayList<>();
            for (String line : block) {
                (line.startsWith("import ") && body.isEmpty() ? imports : body).add(line);
            }
            String text = String.join("\n", body).trim();
            if (!text.isEmpty()) {
                code.add(text);
            }
        }
        List<String> source = Files.readAllLines(testSource(test), StandardCharsets.UTF_8);
        List<String> testImports = new ArrayList<>();
        for (String region : regions(source, tag + " imports")) {
            testImports.addAll(Arrays.asList(region.split("\n")));
        }
        assertEquals(String.join("\n", sorted(imports)), String.join("\n", sorted(testImports)),
                "the imports of " + page + "'s Java blocks and of " + test.getSimpleName() + "'s \"" + tag
                        + " imports\" markers");
        List<String> snippets = regions(source, tag + " snippet");
        assertEquals(code.size(), snippets.size(), page + " has " + code.size() + " Java code blocks, "
                + test.getSimpleName() + " " + snippets.size() + " \"" + tag + " snippet\" regions");
        for (int i = 0; i < code.size(); i++) {
            assertEquals(code.get(i), snippets.get(i), "Java code block " + (i + 1) + " of " + page);
        }
    }

    /** The file at {@code relative} from the repository root (found from the working directory up). */
    static Path repositoryFile(String relative) throws IOException {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(LAYERS_MODULE)) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolve(relative);
            }
        }
        throw new IOException("no repository root (a folder holding " + LAYERS_MODULE + " and pom.xml) above "
                + Paths.get("").toAbsolutePath());
    }

    private static Path testSource(Class<?> test) throws IOException {
        return repositoryFile(LAYERS_MODULE + "/src/test/java/" + test.getName().replace('.', '/') + ".java");
    }

    private static List<List<String>> javaBlocks(List<String> markdown) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : markdown) {
            if (current == null && line.trim().equals("```java")) {
                current = new ArrayList<>();
            } else if (current != null && line.trim().equals("```")) {
                blocks.add(current);
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return blocks;
    }

    /** Each region between "// tag: begin" and "// tag: end" lines, its common indentation removed. */
    private static List<String> regions(List<String> source, String tag) {
        List<String> out = new ArrayList<>();
        List<String> current = null;
        for (String line : source) {
            String trimmed = line.trim();
            if (trimmed.equals("// " + tag + ": begin")) {
                current = new ArrayList<>();
            } else if (trimmed.equals("// " + tag + ": end") && current != null) {
                out.add(String.join("\n", dedent(current)).trim());
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return out;
    }

    private static List<String> dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.trim().isEmpty()) {
                indent = Math.min(indent, line.length() - line.replaceAll("^ +", "").length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.trim().isEmpty() ? "" : line.substring(indent));
        }
        return out;
    }

    private static Set<String> sorted(List<String> lines) {
        return new TreeSet<>(lines);
    }
}
