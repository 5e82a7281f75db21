package io.github.dl4jprojection.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.DataNotFoundException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader on the committed sample: four real entries per category and three chosen for their details. */
class FortunesCorpusTest {

    @TempDir
    Path tmp;

    static Path sample() throws URISyntaxException {
        return Paths.get(FortunesCorpusTest.class.getResource("fortunes-sample/computers").toURI()).getParent();
    }

    @Test
    void readsEveryCategoryCleansAndDropsTextsOfTwoCategories() throws Exception {
        List<LabeledText> texts = new FortunesCorpus(sample()).texts();
        Map<String, Integer> perCategory = new TreeMap<>();
        for (LabeledText t : texts) {
            perCategory.merge(t.label(), 1, Integer::sum);
            assertFalse(t.text().isEmpty(), t.source());
            assertFalse(t.text().contains("\n") || t.text().contains("\b"), t.source());
        }
        // "Computers are not intelligent." is in computers and linux: dropped from both.
        Map<String, Integer> expected = new TreeMap<>();
        for (String c : FortunesCorpus.CATEGORIES) {
            expected.put(c, c.equals("computers") ? 5 : 4);
        }
        assertEquals(expected, perCategory);
        assertTrue(texts.stream().noneMatch(t -> t.text().startsWith("Computers are not intelligent")));
        assertTrue(texts.stream().anyMatch(t -> t.text().equals("Calm down, it's *only* ones and zeroes.")));
        LabeledText kirk = texts.stream().filter(t -> t.text().startsWith("A little suffering")).findFirst().get();
        assertEquals("A little suffering is good for the soul.", kirk.text());
        assertEquals("startrek#2", kirk.source());
    }

    @Test
    void splitsByTheHashOfTheTextWithTheCategoriesAsClasses() throws Exception {
        TrainTestTexts split = new FortunesCorpus(sample()).load();
        assertEquals(FortunesCorpus.CATEGORIES, split.labelNames());
        assertEquals(65, split.train().size() + split.test().size());
        for (LabeledText t : split.test()) {
            assertTrue(HashSplit.isTest(t.text()), t.source());
        }
        for (LabeledText t : split.train()) {
            assertFalse(HashSplit.isTest(t.text()), t.source());
        }
        assertTrue(split.description().contains("67 entries (16 empty ones dropped), 0 duplicates and 2 texts of two "
                + "categories removed, 65 kept"), split.description());
    }

    @Test
    void aMissingFolderOrCategoryFileIsOneLineNamingThePathAndTheAptCommand() throws Exception {
        Path none = tmp.resolve("none");
        DataNotFoundException e = assertThrows(DataNotFoundException.class, () -> new FortunesCorpus(none).load());
        assertEquals("fortune files folder not found: " + none + ". " + FortunesCorpus.HOW_TO_GET, e.getMessage());

        Path partial = Files.createDirectory(tmp.resolve("partial"));
        List<String> copied = new ArrayList<>(FortunesCorpus.CATEGORIES);
        copied.remove("law");
        for (String c : copied) {
            Files.copy(sample().resolve(c), partial.resolve(c));
        }
        e = assertThrows(DataNotFoundException.class, () -> new FortunesCorpus(partial).load());
        assertEquals("fortune file of category 'law' not found: " + partial.resolve("law") + ". "
                + FortunesCorpus.HOW_TO_GET, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getMessage().contains("apt-get install fortunes"));
    }

    @Test
    void theLocatorDefaultsToTheDebianFolder() throws IOException {
        assertEquals(Paths.get(FortunesCorpus.DEFAULT_DIR), new TextDataLocator().fortunes(null).folder());
        assertEquals(tmp, new TextDataLocator().fortunes(tmp).folder());
    }
}
