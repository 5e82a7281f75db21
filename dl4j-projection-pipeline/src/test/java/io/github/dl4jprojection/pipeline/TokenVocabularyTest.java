package io.github.dl4jprojection.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LSTM trainer's vocabulary: training tokens only, reserved ids, a deterministic order, the caps. */
class TokenVocabularyTest {

    private static final List<List<String>> TRAINING = Arrays.asList(
            Arrays.asList("the", "cat", "sat", "on", "the", "mat"),
            Arrays.asList("the", "dog", "sat"),
            Arrays.asList("a", "cat", "!"));

    @Test
    void idsFollowDescendingCountThenTokenOrderAfterPaddingAndUnknown() {
        TokenVocabulary v = TokenVocabulary.build(TRAINING, 100, 1);
        // the: 3; cat, sat: 2; !, a, dog, mat, on: 1 (String order among equal counts).
        List<String> expected = Arrays.asList("the", "cat", "sat", "!", "a", "dog", "mat", "on");
        assertEquals(2 + expected.size(), v.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), v.token(2 + i));
            assertEquals(2 + i, v.id(expected.get(i)));
        }
        assertEquals(0, TokenVocabulary.PADDING);
        assertEquals(1, TokenVocabulary.UNKNOWN);
    }

    @Test
    void theOrderOfTheTrainingTextsDoesNotChangeTheIds() {
        List<List<String>> shuffled = new ArrayList<>(TRAINING);
        Collections.reverse(shuffled);
        TokenVocabulary a = TokenVocabulary.build(TRAINING, 100, 1);
        TokenVocabulary b = TokenVocabulary.build(shuffled, 100, 1);
        for (int id = TokenVocabulary.RESERVED; id < a.size(); id++) {
            assertEquals(a.token(id), b.token(id));
        }
    }

    @Test
    void tokensOutsideTheTrainingTextsAreUnknown() {
        TokenVocabulary v = TokenVocabulary.build(TRAINING, 100, 1);
        assertEquals(TokenVocabulary.UNKNOWN, v.id("zebra"));
        assertEquals(TokenVocabulary.UNKNOWN, v.id("The"), "tokens are matched exactly (the tokenizer folds case)");
    }

    @Test
    void minCountAndMaxSizeCutTheRareTokens() {
        TokenVocabulary frequent = TokenVocabulary.build(TRAINING, 100, 2);
        assertEquals(2 + 3, frequent.size(), "the, cat, sat");
        assertEquals(TokenVocabulary.UNKNOWN, frequent.id("dog"));
        TokenVocabulary small = TokenVocabulary.build(TRAINING, 4, 1);
        assertEquals(4, small.size());
        assertEquals(3, small.id("cat"));
        assertEquals(TokenVocabulary.UNKNOWN, small.id("sat"));
    }

    @Test
    void badSettingsAreRejectedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TokenVocabulary.build(TRAINING, 2, 1))
                .getMessage().startsWith("maxSize"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TokenVocabulary.build(TRAINING, 10, 0))
                .getMessage().startsWith("minCount"));
    }
}
