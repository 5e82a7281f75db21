package io.github.dl4jprojection.data.text;

import io.github.dl4jprojection.runtime.internal.hash.XxHash64;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Regenerates the bundled SpamAssassin sample from the full corpus: per label, the
 * {@value #PER_LABEL} texts (after extraction and duplicate removal) with the smallest
 * {@code XXH64(UTF-8 text, }{@value #SEED}{@code )} as unsigned integers (a fixed pseudo-random
 * choice that does not depend on file order), each cut to at most {@value #MAX_CHARS} characters at
 * a space, written in corpus order as gzip TSV ({@code label<TAB>text}). The same corpus always gives
 * byte-identical output.
 *
 * <p>Usage (from the repository root, after {@code ./projectionnet --help} has built the jar):
 * <pre>
 * java -cp dl4j-projection-examples/target/dl4j-projection-examples-*-all.jar \
 *     io.github.dl4jprojection.data.text.SpamAssassinSampleWriter [CORPUS [OUT_DIR]]
 * </pre>
 * CORPUS is the tarball or folder ({@link TextDataLocator}; default {@value TextDataLocator#DEFAULT_DIR}),
 * OUT_DIR defaults to {@value #DEFAULT_OUT_DIR}.
 */
public final class SpamAssassinSampleWriter {

    /** Texts kept per label (ham, spam). */
    public static final int PER_LABEL = 300;
    /** Longest text kept, in UTF-16 characters, so the sample stays small. */
    public static final int MAX_CHARS = 2000;
    /** Seed of the selection hash (the split uses {@link HashSplit#SEED}, a different one). */
    public static final long SEED = 1L;
    /** The sample's file name. */
    public static final String FILE_NAME = "spam-assassin-sample.tsv.gz";
    /** The module's resource folder of the sample, relative to the repository root. */
    public static final String DEFAULT_OUT_DIR =
            "dl4j-projection-data/src/main/resources/io/github/dl4jprojection/data/text/spam-assassin-sample";

    private SpamAssassinSampleWriter() {
    }

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        if (args.length > 2) {
            System.err.println("usage: SpamAssassinSampleWriter [CORPUS [OUT_DIR]]");
            System.exit(2);
        }
        SpamAssassinCorpus corpus = new TextDataLocator().requireSpamAssassin(args.length > 0 ? Paths.get(args[0]) : null);
        Path out = Paths.get(args.length > 1 ? args[1] : DEFAULT_OUT_DIR).resolve(FILE_NAME);
        List<LabeledText> sample = select(corpus.texts());
        Files.createDirectories(out.getParent());
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(out))) {
            LabeledTextWriter.writeTsv(os, sample);
        }
        System.out.println("Wrote " + sample.size() + " texts to " + out.toAbsolutePath());
    }

    /**
     * The sample of {@code texts} (see the class comment), in the order of {@code texts}.
     *
     * @throws IllegalArgumentException when a label has fewer than {@value #PER_LABEL} distinct texts
     */
    public static List<LabeledText> select(List<LabeledText> texts) {
        List<LabeledText> chosen = new ArrayList<>();
        for (String label : new String[] {SpamAssassinCorpus.HAM, SpamAssassinCorpus.SPAM}) {
            List<LabeledText> candidates = new ArrayList<>();
            for (LabeledText t : texts) {
                if (t.label().equals(label)) {
                    candidates.add(t);
                }
            }
            candidates.sort(Comparator.comparing((LabeledText t) -> hash(t.text()), Long::compareUnsigned)
                    .thenComparing(LabeledText::source));
            Set<String> seen = new HashSet<>();
            int taken = 0;
            for (LabeledText t : candidates) {
                if (taken == PER_LABEL) {
                    break;
                }
                String cut = truncate(t.text());
                // Two texts may become equal once cut; the sample keeps distinct ones only.
                if (seen.add(cut)) {
                    chosen.add(new LabeledText(label, cut, t.source()));
                    taken++;
                }
            }
            if (taken < PER_LABEL) {
                throw new IllegalArgumentException("texts: only " + taken + " distinct " + label + " texts, "
                        + PER_LABEL + " needed");
            }
        }
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            position.putIfAbsent(texts.get(i).source(), i);
        }
        chosen.sort(Comparator.comparingInt((LabeledText t) -> position.get(t.source())));
        return chosen;
    }

    static long hash(String text) {
        return XxHash64.hash(text.getBytes(StandardCharsets.UTF_8), SEED);
    }

    /** The first {@value #MAX_CHARS} characters, cut back to the last space (or a whole code point). */
    static String truncate(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int space = text.lastIndexOf(' ', MAX_CHARS);
        int end = space > MAX_CHARS / 2 ? space : MAX_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
