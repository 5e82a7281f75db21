package io.github.dl4jprojection.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Checks of a corpus's train/test split shared by the full-corpus tests. */
final class SplitAssertions {

    private SplitAssertions() {
    }

    /**
     * Loads {@code source} twice and checks that the split is the same both times, that no text is empty or
     * repeated, and that every test text, and no training text, is a test text by {@link HashSplit}.
     *
     * @return the split
     */
    static TrainTestTexts deterministicDisjointHashSplit(TextDataSource source) throws IOException {
        TrainTestTexts first = source.load();
        TrainTestTexts second = source.load();
        assertEquals(first.train(), second.train());
        assertEquals(first.test(), second.test());
        Set<String> trainTexts = new HashSet<>();
        for (LabeledText t : first.train()) {
            assertFalse(t.text().isEmpty(), t.source());
            assertTrue(trainTexts.add(t.text()), "duplicate training text " + t.source());
        }
        for (LabeledText t : first.test()) {
            assertFalse(trainTexts.contains(t.text()), "test text also in training: " + t.source());
            assertTrue(HashSplit.isTest(t.text()), t.source());
        }
        return first;
    }

    /** Texts per label. */
    static Map<String, Integer> countLabels(List<LabeledText> texts) {
        Map<String, Integer> counts = new TreeMap<>();
        for (LabeledText t : texts) {
            counts.merge(t.label(), 1, Integer::sum);
        }
        return counts;
    }
}
