package io.github.dl4jprojection.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.text.FeaturizerScratch;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BundledSpamAssassinSampleTest {

    @Test
    void holdsThreeHundredDistinctTextsPerLabelWithinTheLengthLimit() throws IOException {
        List<LabeledText> texts = new BundledSpamAssassinSample().texts();
        int ham = 0;
        Set<String> distinct = new HashSet<>();
        for (LabeledText t : texts) {
            ham += t.label().equals("ham") ? 1 : 0;
            assertTrue(t.text().length() <= SpamAssassinSampleWriter.MAX_CHARS, t.source());
            assertTrue(!t.text().isEmpty() && t.text().equals(t.text().trim()), t.source());
            distinct.add(t.text());
        }
        assertEquals(600, texts.size());
        assertEquals(300, ham);
        assertEquals(600, distinct.size());
    }

    @Test
    void splitsIntoBothLabelsOnBothSidesAndEveryTextHasFeatures() throws IOException {
        TrainTestTexts split = new BundledSpamAssassinSample().load();
        assertEquals(List.of("ham", "spam"), split.labelNames());
        int[] testPerLabel = new int[2];
        for (LabeledText t : split.test()) {
            testPerLabel[split.labelIndex(t)]++;
        }
        assertTrue(testPerLabel[0] > 30 && testPerLabel[1] > 30, testPerLabel[0] + " / " + testPerLabel[1]);
        assertTrue(split.train().size() > 420 && split.train().size() < 540, "train " + split.train().size());

        TextFeaturizer f = new TextFeaturizer(FeaturizerConfig.defaults());
        FeaturizerScratch s = f.newScratch();
        for (LabeledText t : split.train()) {
            assertTrue(f.featurize(t.text(), s) > 0, t.source());
        }
    }

    @Test
    void selectionTakesTheSmallestHashesPerLabelCutsLongTextsAndKeepsCorpusOrder() {
        List<LabeledText> corpus = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            String label = i % 2 == 0 ? "ham" : "spam";
            String text = i == 1 ? "word ".repeat(1000) + "end" : label + " message " + i;
            corpus.add(new LabeledText(label, text, "g/" + i));
        }
        List<LabeledText> sample = SpamAssassinSampleWriter.select(corpus);
        assertEquals(600, sample.size());
        Set<String> chosen = new HashSet<>();
        int previous = -1;
        for (LabeledText t : sample) {
            int index = Integer.parseInt(t.source().substring(2));
            assertTrue(index > previous, "corpus order");
            previous = index;
            chosen.add(t.source());
            assertTrue(t.text().length() <= SpamAssassinSampleWriter.MAX_CHARS);
        }
        // Every ham text left out hashes above every ham text taken.
        long maxTakenHam = 0L; // the unsigned minimum
        long minLeftHam = -1L; // the unsigned maximum
        for (LabeledText t : corpus) {
            if (!t.label().equals("ham")) {
                continue;
            }
            long h = SpamAssassinSampleWriter.hash(t.text());
            if (chosen.contains(t.source())) {
                if (Long.compareUnsigned(h, maxTakenHam) > 0) {
                    maxTakenHam = h;
                }
            } else if (Long.compareUnsigned(h, minLeftHam) < 0) {
                minLeftHam = h;
            }
        }
        assertTrue(Long.compareUnsigned(maxTakenHam, minLeftHam) < 0);
        assertEquals("word word", SpamAssassinSampleWriter.truncate("word ".repeat(1000)).substring(0, 9));
        assertTrue(SpamAssassinSampleWriter.truncate("word ".repeat(1000)).endsWith("word"));
        assertThrows(IllegalArgumentException.class, () -> SpamAssassinSampleWriter.select(corpus.subList(0, 500)));
    }
}
