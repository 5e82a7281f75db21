package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.runtime.internal.hash.XxHash64;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The text trainer's input: a vocabulary-free hashed bag of word unigrams and bigrams.
 *
 * <p>Tokens are those of the projection's featurizer ({@link TextFeaturizer#tokens}: case-folded words and
 * symbols). Unigram {@code t} goes to bucket {@code XXH64(UTF-8 of t, 1) mod B}, bigram {@code t u} to
 * {@code XXH64(UTF-8 of t + U+0000 + u, 2) mod B} (unsigned remainder); a bucket's value is
 * {@code log(1 + count)}, so long e-mails do not dominate the trainer's first layer. The trainer needs no
 * vocabulary and sees the whole text; only the projection network goes to the device.
 */
public final class HashedBagOfWords implements TrainerInput<HashedBagOfWords.SparseRow> {

    private final TextFeaturizer tokenizer;
    private final int buckets;

    /**
     * @param tokenizer gives the tokens of a text
     * @param buckets   B, the input width of the trainer
     * @throws IllegalArgumentException naming {@code buckets} when it is below 1
     */
    public HashedBagOfWords(TextFeaturizer tokenizer, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
        }
        this.tokenizer = tokenizer;
        this.buckets = buckets;
    }

    /** B, the number of buckets (the trainer's input width). */
    public int buckets() {
        return buckets;
    }

    /** The non-zero buckets of {@code text}: bucket indices (ascending) and their values. */
    @Override
    public SparseRow encode(String text) {
        List<String> tokens = tokenizer.tokens(text);
        int[] hits = new int[2 * tokens.size()];
        int n = 0;
        for (int i = 0; i < tokens.size(); i++) {
            hits[n++] = bucket(tokens.get(i), 1);
            if (i > 0) {
                hits[n++] = bucket(tokens.get(i - 1) + '\u0000' + tokens.get(i), 2);
            }
        }
        Arrays.sort(hits, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            distinct += i == 0 || hits[i] != hits[i - 1] ? 1 : 0;
        }
        int[] index = new int[distinct];
        float[] value = new float[distinct];
        int k = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || hits[i] != hits[i - 1]) {
                index[++k] = hits[i];
            }
            value[k]++;
        }
        for (int j = 0; j < distinct; j++) {
            value[j] = (float) Math.log1p(value[j]);
        }
        return new SparseRow(index, value);
    }

    @Override
    public InputType inputType() {
        return InputType.feedForward(buckets);
    }

    /** Dense rows {@code [mb, B]}; no mask. */
    @Override
    public Features batch(List<SparseRow> rows) {
        float[][] x = new float[rows.size()][buckets];
        for (int r = 0; r < x.length; r++) {
            SparseRow row = rows.get(r);
            for (int j = 0; j < row.index.length; j++) {
                x[r][row.index[j]] = row.value[j];
            }
        }
        return new Features(Nd4j.create(x), null);
    }

    private int bucket(String gram, long seed) {
        long h = XxHash64.hash(gram.getBytes(StandardCharsets.UTF_8), seed);
        return (int) Long.remainderUnsigned(h, buckets);
    }

    /** Bucket indices and values of one text. */
    public static final class SparseRow {
        final int[] index;
        final float[] value;

        SparseRow(int[] index, float[] value) {
            this.index = index;
            this.value = value;
        }

        /** Adds this row's values into {@code dense} (length B) at their buckets. */
        public void addTo(float[] dense) {
            for (int j = 0; j < index.length; j++) {
                dense[index[j]] += value[j];
            }
        }

        /** Number of non-zero buckets. */
        public int size() {
            return index.length;
        }

        /** The {@code j}-th non-zero bucket (ascending in {@code j}). */
        public int index(int j) {
            return index[j];
        }

        /** The value of the {@code j}-th non-zero bucket. */
        public float value(int j) {
            return value[j];
        }
    }
}
