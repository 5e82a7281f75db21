package io.github.dl4jprojection.benchmarks;

import java.util.Random;

/**
 * A deterministic English-like message: sentences of common words drawn with a fixed seed,
 * capitalized and punctuated, cut to an exact number of ASCII characters (so characters = UTF-8
 * bytes). It exercises the featurizer like a real e-mail body (word n-grams, skip-grams, character
 * n-grams of words of realistic lengths) without committing a corpus.
 */
final class SyntheticText {

    private static final String[] WORDS = {
        "the", "of", "and", "to", "a", "in", "is", "you", "that", "it", "for", "was", "on", "are", "with",
        "as", "this", "be", "at", "have", "from", "or", "your", "by", "not", "but", "what", "all", "were",
        "when", "we", "there", "can", "an", "which", "their", "said", "if", "will", "each", "about", "how",
        "up", "out", "them", "then", "she", "many", "some", "so", "these", "would", "other", "into", "has",
        "more", "her", "two", "like", "him", "see", "time", "could", "no", "make", "than", "first", "been",
        "its", "who", "now", "people", "my", "made", "over", "did", "down", "only", "way", "find", "use",
        "may", "water", "long", "little", "very", "after", "words", "called", "just", "where", "most",
        "know", "message", "meeting", "tomorrow", "account", "offer", "free", "money", "please", "attached",
        "report", "project", "schedule", "thanks", "regards", "click", "limited", "receive", "information",
        "business", "address", "software", "question", "available", "important", "customer", "service",
    };

    private SyntheticText() {
    }

    /** {@code length} ASCII characters of text, the same for the same {@code seed}. */
    static String generate(int length, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(length + 64);
        while (text.length() < length) {
            int words = 6 + random.nextInt(14);
            for (int w = 0; w < words; w++) {
                String word = WORDS[random.nextInt(WORDS.length)];
                if (w == 0) {
                    text.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
                } else {
                    text.append(random.nextInt(12) == 0 ? ", " : " ").append(word);
                }
            }
            text.append(random.nextInt(8) == 0 ? "? " : ". ");
        }
        text.setLength(length);
        return text.toString();
    }
}
