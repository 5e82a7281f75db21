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
 * The loader on the real corpus, which {@code .ci/run} fetches with {@code scripts/fetch-spam-assassin.sh}
 * (so CI always runs this). Checks the figures docs/TEXT_DATA.md states for version 0.2.3. Without the
 * tarball (a developer who has not fetched it) JUnit reports the class as skipped, naming the path.
 */
@EnabledIf(value = "corpusPresent", disabledReason = "no data/spam-assassin/" + SpamAssassinCorpus.TARBALL_NAME
        + " in the repository root: run scripts/fetch-spam-assassin.sh")
class SpamAssassinFullCorpusTest {

    /** Surefire runs in the module folder; the data folder is at the repository root. */
    private static final Path TARBALL = Paths.get("..", TextDataLocator.DEFAULT_DIR, SpamAssassinCorpus.TARBALL_NAME);

    static boolean corpusPresent() {
        return Files.isRegularFile(TARBALL);
    }

    @Test
    void readsEveryMessageOfTheDocumentedGroups() throws IOException {
        List<RawMail> mails = SpamAssassinCorpus.fromTarball(TARBALL).readMessages();
        Map<String, Integer> perGroup = new TreeMap<>();
        for (RawMail m : mails) {
            perGroup.merge(m.group.replaceAll("-[0-9]+$", ""), 1, Integer::sum);
        }
        // The package's own description: 6,046 e-mails, 3,900 easy ham, 250 hard ham, 1,896 spam.
        assertEquals(Map.of("easy-ham", 3900, "hard-ham", 250, "spam", 1896), perGroup);
    }

    @Test
    void splitIsDisjointDeterministicAndAsDocumented() throws IOException {
        SpamAssassinCorpus corpus = SpamAssassinCorpus.fromTarball(TARBALL);
        TrainTestTexts first = corpus.load();
        TrainTestTexts second = corpus.load();
        assertEquals(first.train(), second.train());
        assertEquals(first.test(), second.test());
        assertEquals(List.of(SpamAssassinCorpus.HAM, SpamAssassinCorpus.SPAM), first.labelNames());

        Set<String> trainTexts = new HashSet<>();
        for (LabeledText t : first.train()) {
            assertFalse(t.text().isEmpty(), t.source());
            assertTrue(trainTexts.add(t.text()), "duplicate training text " + t.source());
        }
        for (LabeledText t : first.test()) {
            assertFalse(trainTexts.contains(t.text()), "test text also in training: " + t.source());
            assertTrue(HashSplit.isTest(t.text()), t.source());
        }
        assertEquals(5916, first.train().size() + first.test().size(), "texts kept after duplicate removal");
        assertEquals(Map.of("ham", 3292, "spam", 1434), countLabels(first.train()));
        assertEquals(Map.of("ham", 818, "spam", 372), countLabels(first.test()));
    }

    private static Map<String, Integer> countLabels(List<LabeledText> texts) {
        Map<String, Integer> counts = new TreeMap<>();
        for (LabeledText t : texts) {
            counts.merge(t.label(), 1, Integer::sum);
        }
        return counts;
    }
}
