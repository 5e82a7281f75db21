package io.github.dl4jprojection.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.hash.XxHash64;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashSplitTest {

    private static List<LabeledText> texts(int n) {
        List<LabeledText> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            texts.add(new LabeledText(i % 3 == 0 ? "spam" : "ham", "message number " + i, "s" + i));
        }
        return texts;
    }

    @Test
    void testTextsAreThoseWhoseHashIsDivisibleByFive() {
        for (LabeledText t : texts(200)) {
            long h = XxHash64.hash(t.text().getBytes(StandardCharsets.UTF_8), 0L);
            assertEquals(Long.remainderUnsigned(h, 5) == 0, HashSplit.isTest(t.text()));
        }
    }

    @Test
    void splitsAboutOneInFiveAndIndependentlyOfOrder() {
        List<LabeledText> texts = texts(5000);
        TrainTestTexts split = HashSplit.split(texts, "d");
        int test = split.test().size();
        assertEquals(5000, test + split.train().size());
        assertTrue(test > 900 && test < 1100, "test size " + test);
        assertEquals(List.of("ham", "spam"), split.labelNames());
        assertEquals("d", split.description());

        List<LabeledText> shuffled = new ArrayList<>(texts);
        Collections.shuffle(shuffled, new Random(1));
        TrainTestTexts again = HashSplit.split(shuffled, "d");
        assertEquals(new java.util.HashSet<>(split.test()), new java.util.HashSet<>(again.test()));
        // Order within a side follows the input.
        assertEquals(split.test().get(0), firstOf(texts, split.test()));
    }

    private static LabeledText firstOf(List<LabeledText> order, List<LabeledText> subset) {
        for (LabeledText t : order) {
            if (subset.contains(t)) {
                return t;
            }
        }
        throw new AssertionError("empty subset");
    }
}
