package io.github.dl4jprojection.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The LSTM trainer's vocabulary: token ids built from the <em>training</em> texts only, so no test word leaks
 * into the trainer.
 *
 * <p>Id {@value #PADDING} is padding (masked out, never a token), id {@value #UNKNOWN} every token not in the
 * vocabulary; ids {@code 2 .. size()-1} are the training tokens seen at least {@code minCount} times, at most
 * {@code maxSize - 2} of them, ordered by descending count and then by the token's {@link String#compareTo}
 * order, so the same training texts always give the same ids.
 */
final class TokenVocabulary {

    static final int PADDING = 0;
    static final int UNKNOWN = 1;
    /** Ids that are not tokens: padding and unknown. */
    static final int RESERVED = 2;

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private TokenVocabulary(List<String> tokens) {
        this.tokens = Collections.unmodifiableList(tokens);
        this.ids = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            ids.put(tokens.get(i), RESERVED + i);
        }
    }

    /**
     * @param trainingTokens the tokens of each training text
     * @param maxSize        largest number of ids, padding and unknown included (at least 3)
     * @param minCount       a token needs this many occurrences in the training texts (at least 1)
     * @throws IllegalArgumentException naming {@code maxSize} or {@code minCount} when out of range
     */
    static TokenVocabulary build(List<List<String>> trainingTokens, int maxSize, int minCount) {
        if (maxSize < RESERVED + 1) {
            throw new IllegalArgumentException("maxSize must be at least " + (RESERVED + 1) + ", got " + maxSize);
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be at least 1, got " + minCount);
        }
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> text : trainingTokens) {
            for (String token : text) {
                counts.merge(token, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> kept = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= minCount) {
                kept.add(e);
            }
        }
        kept.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                : Integer.compare(b.getValue(), a.getValue()));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < kept.size() && i < maxSize - RESERVED; i++) {
            tokens.add(kept.get(i).getKey());
        }
        return new TokenVocabulary(tokens);
    }

    /** Number of ids, padding and unknown included: the embedding layer's input size. */
    int size() {
        return RESERVED + tokens.size();
    }

    /** The id of {@code token}, or {@value #UNKNOWN} when it is not in the vocabulary. */
    int id(String token) {
        Integer id = ids.get(token);
        return id == null ? UNKNOWN : id;
    }

    /** The token of an id from {@value #RESERVED} up. */
    String token(int id) {
        if (id < RESERVED || id >= size()) {
            throw new IllegalArgumentException("id must be in [" + RESERVED + ", " + size() + "), got " + id);
        }
        return tokens.get(id - RESERVED);
    }
}
