package io.github.dl4jprojection.data.text;

import io.github.dl4jprojection.runtime.internal.hash.XxHash64;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The deterministic 80/20 train/test split of texts: a text is a test text when
 * {@code XXH64(UTF-8 of the text, }{@value #SEED}{@code )}, read as an unsigned 64-bit integer, is
 * divisible by 5. It depends on the text alone, not on file order or on the other texts, so adding
 * data never moves a text from one side to the other, and exact duplicates (removed anyway) could
 * never straddle the split.
 */
public final class HashSplit {

    /** The seed of the split hash. */
    public static final long SEED = 0L;
    /** One text in this many goes to the test set. */
    public static final int TEST_ONE_IN = 5;

    private HashSplit() {
    }

    /** Whether {@code text} belongs to the test set. */
    public static boolean isTest(String text) {
        long h = XxHash64.hash(text.getBytes(StandardCharsets.UTF_8), SEED);
        return Long.remainderUnsigned(h, TEST_ONE_IN) == 0;
    }

    /**
     * Splits {@code texts}, keeping their order within each side; the class names are the sorted
     * distinct labels.
     */
    public static TrainTestTexts split(List<LabeledText> texts, String description) {
        List<LabeledText> train = new ArrayList<>();
        List<LabeledText> test = new ArrayList<>();
        TreeSet<String> labels = new TreeSet<>();
        for (LabeledText t : texts) {
            (isTest(t.text()) ? test : train).add(t);
            labels.add(t.label());
        }
        return new TrainTestTexts(train, test, new ArrayList<>(labels), description);
    }
}
