package io.github.dl4jprojection.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.data.text.TrainTestTexts;
import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.internal.text.TextProjection;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** The text minibatches: every text once per epoch, a seed-determined order, rows that match their text. */
class TextBatchIteratorTest {

    private static final FeaturizerConfig CONFIG = FeaturizerConfig.defaults();
    private static final ProjectionSpec SPEC = ProjectionSpec.builder().numFunctions(4).bitsPerFunction(8).seed(3)
            .build();

    private final List<LabeledText> texts = new ArrayList<>();
    private final TrainTestTexts data;
    private final EncodedTexts<?> encoded;

    TextBatchIteratorTest() {
        for (int i = 0; i < 23; i++) {
            texts.add(new LabeledText(i % 3 == 0 ? "spam" : "ham", "text number " + i + " says " + (i * 7919 % 101),
                    "t:" + i));
        }
        data = new TrainTestTexts(texts, texts.subList(0, 2), Arrays.asList("ham", "spam"), "synthetic");
        encoded = new EncodedTexts<>(texts, data, new HashedBagOfWords(new TextFeaturizer(CONFIG), 64),
                new TextProjectionInput.Bag(new TextProjection(CONFIG, SPEC)));
    }

    @Test
    void eachEpochVisitsEveryTextOnceInAnOrderSetBySeedAndEpoch() {
        int[] first = order(new TextBatchIterator(encoded, 5, 11L), 0);
        assertArrayEquals(first, order(new TextBatchIterator(encoded, 5, 11L), 0), "same seed and epoch");
        assertNotEquals(Arrays.toString(first), Arrays.toString(order(new TextBatchIterator(encoded, 5, 11L), 1)));
        assertNotEquals(Arrays.toString(first), Arrays.toString(order(new TextBatchIterator(encoded, 5, 12L), 0)));
        int[] sorted = first.clone();
        Arrays.sort(sorted);
        int[] all = new int[texts.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        assertArrayEquals(all, sorted, "a permutation");
        assertArrayEquals(all, order(new TextBatchIterator(encoded, 5, null), 4), "unshuffled keeps the order");
    }

    /** Identifies rows by their bits and labels, which the row's text determines. */
    private int[] order(TextBatchIterator it, int epoch) {
        it.setEpoch(epoch);
        TextProjection projection = new TextProjection(CONFIG, SPEC);
        List<float[]> expectedBits = new ArrayList<>();
        for (LabeledText t : texts) {
            float[] b = new float[SPEC.numBits()];
            PackedBits.unpack(projection.project(t.text()), SPEC.numBits(), BitEncoding.ZERO_ONE, b, 0);
            expectedBits.add(b);
        }
        int[] order = new int[texts.size()];
        int n = 0;
        while (it.hasNext()) {
            MultiDataSet batch = it.next();
            INDArray[] features = batch.getFeatures();
            assertEquals(2, features.length, "[bag, bits]");
            assertTrue(features[0].rows() <= 5);
            for (int r = 0; r < features[1].rows(); r++) {
                float[] bits = features[1].getRow(r).toFloatVector();
                int match = -1;
                for (int i = 0; i < texts.size() && match < 0; i++) {
                    if (Arrays.equals(bits, expectedBits.get(i))
                            && batch.getLabels(0).getFloat(r, data.labelIndex(texts.get(i))) == 1f
                            && !contains(order, n, i)) {
                        match = i;
                    }
                }
                assertTrue(match >= 0, "row " + r + " is some text's bits and label");
                assertTrue(features[0].getRow(r).sumNumber().doubleValue() > 0, "non-empty bag");
                order[n++] = match;
            }
        }
        assertEquals(texts.size(), n);
        assertFalse(it.hasNext());
        return order;
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }
}
