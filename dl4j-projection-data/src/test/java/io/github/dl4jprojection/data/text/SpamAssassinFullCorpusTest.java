package io.github.dl4jprojection.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
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
        TrainTestTexts split = SplitAssertions.deterministicDisjointHashSplit(SpamAssassinCorpus.fromTarball(TARBALL));
        assertEquals(List.of(SpamAssassinCorpus.HAM, SpamAssassinCorpus.SPAM), split.labelNames());
        assertEquals(5916, split.train().size() + split.test().size(), "texts kept after duplicate removal");
        assertEquals(Map.of("ham", 3292, "spam", 1434), SplitAssertions.countLabels(split.train()));
        assertEquals(Map.of("ham", 818, "spam", 372), SplitAssertions.countLabels(split.test()));
    }
}
