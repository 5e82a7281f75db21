package io.github.dl4jprojection.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token ids for the LSTM trainer: the featurizer's tokens, training vocabulary, truncation, padding and mask. */
class TokenSequenceInputTest {

    private static final TextFeaturizer TOKENIZER = new TextFeaturizer(FeaturizerConfig.defaults());
    private static final List<LabeledText> TRAINING = Arrays.asList(
            new LabeledText("ham", "Hello, World! Hello again.", "a"),
            new LabeledText("spam", "WIN money now: hello!!", "b"));

    @Test
    void idsAreThoseOfTheRuntimeFeaturizersTokens() {
        TokenSequenceInput input = TokenSequenceInput.fromTraining(TOKENIZER, TRAINING, 100, 1000, 1);
        String text = "HELLO money, Zebra";
        List<String> tokens = TOKENIZER.tokens(text);
        assertEquals(Arrays.asList("hello", "money", ",", "zebra"), tokens, "folded words and single symbols");
        int[] ids = input.encode(text);
        assertEquals(tokens.size(), ids.length);
        for (int i = 0; i < ids.length; i++) {
            assertEquals(input.vocabulary().id(tokens.get(i)), ids[i]);
        }
        assertEquals("hello", input.vocabulary().token(ids[0]));
        assertEquals(TokenVocabulary.UNKNOWN, ids[3], "zebra is not in the training texts");
    }

    @Test
    void onlyTheFirstMaxTokensAreKeptAndAnEmptyTextIsOneUnknownToken() {
        TokenSequenceInput input = TokenSequenceInput.fromTraining(TOKENIZER, TRAINING, 3, 1000, 1);
        int[] ids = input.encode("hello world hello again");
        assertEquals(3, ids.length);
        assertEquals(input.vocabulary().id("again"), TokenVocabulary.UNKNOWN,
                "the vocabulary counts only the tokens the trainer reads");
        assertArrayEquals(new int[] {TokenVocabulary.UNKNOWN}, input.encode(" \t "));
    }

    @Test
    void aBatchIsPaddedToItsLongestRowWithAMaskOverTheTokens() {
        TokenSequenceInput input = TokenSequenceInput.fromTraining(TOKENIZER, TRAINING, 100, 1000, 1);
        TrainerInput.Features f = input.batch(Arrays.asList(new int[] {5, 6}, new int[] {7, 8, 9, 4}));
        assertArrayEquals(new long[] {2, 4}, f.values.shape());
        assertArrayEquals(new float[] {5, 6, TokenVocabulary.PADDING, TokenVocabulary.PADDING},
                f.values.getRow(0).toFloatVector());
        assertArrayEquals(new float[] {7, 8, 9, 4}, f.values.getRow(1).toFloatVector());
        assertArrayEquals(new float[] {1, 1, 0, 0}, f.mask.getRow(0).toFloatVector());
        assertArrayEquals(new float[] {1, 1, 1, 1}, f.mask.getRow(1).toFloatVector());
    }
}
