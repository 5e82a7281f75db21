package io.github.dl4jprojection.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The loader on the real fortune files of the Debian package {@code fortunes} ({@value FortunesCorpus#DEBIAN_VERSION}),
 * which {@code .ci/run} installs: runs when {@value FortunesCorpus#DEFAULT_DIR} is there, and when {@code CI} is set
 * (where a missing package fails the test instead of skipping it). Checks the counts docs/TEXT_DATA.md states.
 */
@EnabledIf(value = "installedOrCi", disabledReason = "no " + FortunesCorpus.DEFAULT_DIR
        + ": apt-get install fortunes")
class FortunesFullCorpusTest {

    private static final Path DIR = Paths.get(FortunesCorpus.DEFAULT_DIR);

    static boolean installedOrCi() {
        return Files.isDirectory(DIR) || System.getenv("CI") != null;
    }

    @Test
    void splitIsDisjointDeterministicAndAsDocumented() throws IOException {
        assertTrue(Files.isDirectory(DIR), DIR + " is missing: CI installs the Debian package fortunes");
        FortunesCorpus corpus = new FortunesCorpus(DIR);
        TrainTestTexts first = corpus.load();
        TrainTestTexts second = corpus.load();
        assertEquals(first.train(), second.train());
        assertEquals(first.test(), second.test());
        assertEquals(FortunesCorpus.CATEGORIES, first.labelNames());
        assertTrue(first.description().endsWith("7019 entries (14 empty ones dropped), 3 duplicates and 26 texts of "
                + "two categories removed, 6990 kept"), first.description());

        Set<String> trainTexts = new HashSet<>();
        for (LabeledText t : first.train()) {
            assertFalse(t.text().isEmpty(), t.source());
            assertTrue(trainTexts.add(t.text()), "duplicate training text " + t.source());
        }
        for (LabeledText t : first.test()) {
            assertFalse(trainTexts.contains(t.text()), "test text also in training: " + t.source());
            assertTrue(HashSplit.isTest(t.text()), t.source());
        }
        assertEquals(5606, first.train().size());
        assertEquals(1384, first.test().size());
        assertEquals(counts(852, 959, 170, 158, 153, 120, 172, 273, 202, 119, 580, 481, 572, 111, 191, 493),
                countLabels(first.train()));
        assertEquals(counts(196, 241, 36, 45, 44, 30, 31, 60, 59, 31, 121, 142, 142, 35, 35, 136),
                countLabels(first.test()));
    }

    private static Map<String, Integer> counts(int... perCategory) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < perCategory.length; i++) {
            counts.put(FortunesCorpus.CATEGORIES.get(i), perCategory[i]);
        }
        return counts;
    }

    private static Map<String, Integer> countLabels(List<LabeledText> texts) {
        Map<String, Integer> counts = new TreeMap<>();
        for (LabeledText t : texts) {
            counts.merge(t.label(), 1, Integer::sum);
        }
        return counts;
    }
}
