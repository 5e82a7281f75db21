package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The LSTM trainer's input: the text's tokens as ids of a {@link TokenVocabulary}, with a mask.
 *
 * <p>Tokens are the projection featurizer's own ({@link TextFeaturizer#tokens}: case-folded words and single
 * symbols of the first {@code maxCodePoints} code points, docs/TEXT.md section 4), so trainer and projection
 * read the same words. Only the <b>first {@code maxTokens} tokens</b> of a text are kept (truncation: an
 * LSTM's cost grows with the sequence length); a text without any token is one unknown token, so every row has
 * at least one step to pool over.
 *
 * <p>A minibatch is padded to its longest row (not to {@code maxTokens}, which saves the LSTM steps that
 * would see padding only): features {@code [mb, L]} of ids as floats (exact below 2^24), padding id
 * {@value TokenVocabulary#PADDING}, and a mask {@code [mb, L]} with 1 on tokens and 0 on padding. Padding sits
 * at the end of a row, so a forward LSTM reaches every real token before any padding, and the masked pooling
 * ignores the padded steps: the trainer's output does not depend on how much padding a row gets.
 */
final class TokenSequenceInput implements TrainerInput<int[]> {

    private final TextFeaturizer tokenizer;
    private final TokenVocabulary vocabulary;
    private final int maxTokens;

    TokenSequenceInput(TextFeaturizer tokenizer, TokenVocabulary vocabulary, int maxTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
        }
        this.tokenizer = tokenizer;
        this.vocabulary = vocabulary;
        this.maxTokens = maxTokens;
    }

    /**
     * The input whose vocabulary is built from {@code training} (the training texts only), counting the first
     * {@code maxTokens} tokens of each, which are all the trainer ever sees.
     */
    static TokenSequenceInput fromTraining(TextFeaturizer tokenizer, List<LabeledText> training, int maxTokens,
                                           int maxVocabulary, int minCount) {
        List<List<String>> tokens = new ArrayList<>(training.size());
        for (LabeledText t : training) {
            List<String> all = tokenizer.tokens(t.text());
            tokens.add(all.subList(0, Math.min(all.size(), maxTokens)));
        }
        return new TokenSequenceInput(tokenizer, TokenVocabulary.build(tokens, maxVocabulary, minCount), maxTokens);
    }

    TokenVocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public int[] encode(String text) {
        List<String> tokens = tokenizer.tokens(text);
        int n = Math.min(tokens.size(), maxTokens);
        if (n == 0) {
            return new int[] {TokenVocabulary.UNKNOWN};
        }
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = vocabulary.id(tokens.get(i));
        }
        return ids;
    }

    @Override
    public InputType inputType() {
        return InputType.recurrent(vocabulary.size());
    }

    @Override
    public Features batch(List<int[]> rows) {
        int length = 1;
        for (int[] row : rows) {
            length = Math.max(length, row.length);
        }
        float[][] ids = new float[rows.size()][length];
        float[][] mask = new float[rows.size()][length];
        for (int r = 0; r < rows.size(); r++) {
            int[] row = rows.get(r);
            for (int t = 0; t < row.length; t++) {
                ids[r][t] = row[t];
                mask[r][t] = 1f;
            }
        }
        return new Features(Nd4j.create(ids), Nd4j.create(mask));
    }
}
