package io.github.dl4jprojection.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
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
        TrainTestTexts first = SplitAssertions.deterministicDisjointHashSplit(new FortunesCorpus(DIR));
        assertEquals(FortunesCorpus.CATEGORIES, first.labelNames());
        assertTrue(first.description().endsWith("7019 entries (14 empty ones dropped), 3 duplicates and 26 texts of "
                + "two categories removed, 6990 kept"), first.description());
        assertEquals(5606, first.train().size());
        assertEquals(1384, first.test().size());
        assertEquals(counts(852, 959, 170, 158, 153, 120, 172, 273, 202, 119, 580, 481, 572, 111, 191, 493),
                SplitAssertions.countLabels(first.train()));
        assertEquals(counts(196, 241, 36, 45, 44, 30, 31, 60, 59, 31, 121, 142, 142, 35, 35, 136),
                SplitAssertions.countLabels(first.test()));
    }

    private static Map<String, Integer> counts(int... perCategory) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < perCategory.length; i++) {
            counts.put(FortunesCorpus.CATEGORIES.get(i), perCategory[i]);
        }
        return counts;
    }
}
