package io.github.dl4jprojection.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small three-class text task written as TSV: each class has its own 12 words, all share 30 others; a text is
 * 6 to 13 words, a third of them from its class. Learnable, but not from one word.
 */
final class SyntheticTexts {

    static final String[] LABELS = {"alpha", "beta", "gamma"};

    private SyntheticTexts() {
    }

    /** Writes {@code n} lines {@code label<TAB>text} drawn with {@code seed}; returns the texts in order. */
    static List<String[]> write(Path file, int n, long seed) throws IOException {
        Random random = new Random(seed);
        List<String[]> rows = new ArrayList<>();
        StringBuilder out = new StringBuilder("label\ttext\n");
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(LABELS.length);
            int length = 6 + random.nextInt(8);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < length; w++) {
                if (w > 0) {
                    text.append(' ');
                }
                text.append(random.nextInt(3) == 0 ? LABELS[k] + "word" + random.nextInt(12)
                        : "common" + random.nextInt(30));
            }
            rows.add(new String[] {LABELS[k], text.toString()});
            out.append(LABELS[k]).append('\t').append(text).append('\n');
        }
        Files.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
        return rows;
    }
}
