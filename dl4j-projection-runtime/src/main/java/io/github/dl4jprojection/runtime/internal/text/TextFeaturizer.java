package io.github.dl4jprojection.runtime.internal.text;

import io.github.dl4jprojection.runtime.internal.hash.SplitMix64;
import io.github.dl4jprojection.runtime.internal.hash.XxHash64;
import io.github.dl4jprojection.runtime.text.FeatureWeighting;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reference text featurizer of SGNN-style text projection (Ravi and Kozareva, EMNLP 2018):
 * text in, a bag of 64-bit feature hashes with integer counts out, ready for
 * {@link io.github.dl4jprojection.runtime.internal.projection.LshProjection#projectFeatures}. Training, the
 * Java runtime and the emitted C all follow this class; docs/TEXT.md specifies it byte for byte.
 *
 * <h2>Pipeline</h2>
 * <ol>
 *   <li>Decode to code points, the first {@code maxCodePoints} only; ill-formed UTF-16 or UTF-8
 *       becomes U+FFFD.</li>
 *   <li>Classify each code point (fixed tables): word character, space (including all control
 *       characters), ignored (soft hyphen, joiners, variation selectors), or symbol.</li>
 *   <li>Tokens: maximal runs of word characters (case-folded when {@code caseFold}), and each symbol
 *       alone. Tokens are UTF-8 in one buffer {@code FF t0 FF t1 FF ...}.</li>
 *   <li>Features, token by token: the unigram, the word n-grams ending at the token
 *       ({@code t[i-n+1] FF .. FF t[i]}), the skip-grams ending at it ({@code t[i-k-1] FF t[i]}) and,
 *       for words, the character n-grams of {@code FF word FF} (the FF bytes are the boundary marks).</li>
 *   <li>Hash: {@code XXH64(feature bytes, typeSeed)}, {@code typeSeed = SplitMix64.output(hashSeed, tag)}
 *       with tag 1, 2, 3 for word 1-, 2-, 3-grams, 8 + k for skip-grams skipping k tokens, 16 for
 *       character n-grams.</li>
 *   <li>Bag: distinct hashes in order of first occurrence with their counts; at most
 *       {@code maxFeatures} distinct ones are kept.</li>
 * </ol>
 *
 * <p>Empty or whitespace-only text gives an empty bag (and a projection of all-zero bits). Instances
 * are immutable and thread-safe; the {@link FeaturizerScratch} is per caller, and with it a call
 * allocates nothing. The work is linear in {@code min(text length, maxCodePoints)}.
 */
public final class TextFeaturizer {

    static final int TAG_UNIGRAM = 1;
    static final int TAG_BIGRAM = 2;
    static final int TAG_TRIGRAM = 3;
    static final int TAG_SKIP_BASE = 8;
    static final int TAG_CHAR_NGRAM = 16;

    private final FeaturizerConfig config;
    /** Seeds of word n-grams by n (index 0 unused). */
    private final long[] wordSeeds = new long[4];
    /** Seeds of skip-grams by k (index 0 unused). */
    private final long[] skipSeeds = new long[5];
    private final long charSeed;

    /**
     * @throws IllegalArgumentException when {@code config} is null
     */
    public TextFeaturizer(FeaturizerConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
        long seed = config.hashSeed();
        wordSeeds[1] = typeSeed(seed, TAG_UNIGRAM);
        wordSeeds[2] = typeSeed(seed, TAG_BIGRAM);
        wordSeeds[3] = typeSeed(seed, TAG_TRIGRAM);
        for (int k = 1; k < skipSeeds.length; k++) {
            skipSeeds[k] = typeSeed(seed, TAG_SKIP_BASE + k);
        }
        charSeed = typeSeed(seed, TAG_CHAR_NGRAM);
    }

    /** The seed of the XXH64 hashes of one feature type: output number {@code tag} of SplitMix64 started at {@code hashSeed}. */
    static long typeSeed(long hashSeed, int tag) {
        return SplitMix64.output(hashSeed, tag);
    }

    public FeaturizerConfig config() {
        return config;
    }

    /** New working memory for this featurizer's configuration; keep one per thread. */
    public FeaturizerScratch newScratch() {
        return new FeaturizerScratch(config);
    }

    /**
     * Featurizes {@code text} into {@code scratch} without allocating.
     *
     * @return the number of distinct features, {@code scratch.size()}
     * @throws IllegalArgumentException when {@code text} is null or {@code scratch} was made for another configuration
     */
    public int featurize(CharSequence text, FeaturizerScratch scratch) {
        tokenize(text, scratch);
        return generate(scratch);
    }

    /**
     * Featurizes the UTF-8 text {@code utf8[offset, offset + length)} into {@code scratch} without
     * allocating. Well-formed UTF-8 gives the same features as the decoded String.
     *
     * @return the number of distinct features
     * @throws IllegalArgumentException on a null array, a range outside it, or a scratch of another configuration
     */
    public int featurizeUtf8(byte[] utf8, int offset, int length, FeaturizerScratch scratch) {
        tokenizeUtf8(utf8, offset, length, scratch);
        return generate(scratch);
    }

    /** Allocating convenience form of {@link #featurize(CharSequence, FeaturizerScratch)}. */
    public FeatureBag featurize(CharSequence text) {
        FeaturizerScratch scratch = newScratch();
        int n = featurize(text, scratch);
        return new FeatureBag(Arrays.copyOf(scratch.keys(), n), Arrays.copyOf(scratch.counts(), n), config.weighting());
    }

    /**
     * The normalized tokens of {@code text}, for inspection and tests (allocating). They are what
     * the features are built from: case-folded words and single symbols.
     */
    public List<String> tokens(CharSequence text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        TokenBuffer tokens = new TokenBuffer(config.maxCodePoints(), config.caseFold());
        CodePointDecoder.utf16(text, config.maxCodePoints(), tokens);
        tokens.finish();
        List<String> out = new ArrayList<>(tokens.tokens);
        for (int t = 0; t < tokens.tokens; t++) {
            out.add(new String(tokens.bytes, tokens.tokenStart[t], tokens.tokenEnd[t] - tokens.tokenStart[t],
                    StandardCharsets.UTF_8));
        }
        return out;
    }

    private void checkScratch(FeaturizerScratch scratch) {
        if (scratch == null) {
            throw new IllegalArgumentException("scratch must not be null");
        }
        if (scratch.config != config && !scratch.config.equals(config)) {
            throw new IllegalArgumentException("scratch was made for another featurizer configuration: "
                    + scratch.config + ", this featurizer has " + config);
        }
    }

    /**
     * Tokenizes {@code text} into {@code scratch} without generating features, for the per-token models
     * (docs/TEXT.md, "Tokens"; the same first {@code maxCodePoints} code points as {@link #featurize}).
     *
     * @return the number of tokens, {@code scratch.tokenCount()}
     * @throws IllegalArgumentException when {@code text} is null or {@code scratch} was made for another configuration
     */
    public int tokenize(CharSequence text, FeaturizerScratch scratch) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        checkScratch(scratch);
        TokenBuffer tokens = scratch.tokens;
        tokens.reset();
        CodePointDecoder.utf16(text, config.maxCodePoints(), tokens);
        tokens.finish();
        return tokens.tokens;
    }

    /** {@link #tokenize(CharSequence, FeaturizerScratch)} for UTF-8 bytes {@code utf8[offset, offset + length)}. */
    public int tokenizeUtf8(byte[] utf8, int offset, int length, FeaturizerScratch scratch) {
        if (utf8 == null) {
            throw new IllegalArgumentException("utf8 must not be null");
        }
        if (offset < 0 || length < 0 || offset > utf8.length - length) {
            throw new IllegalArgumentException("utf8 range [" + offset + ", " + offset + " + " + length
                    + ") is outside an array of " + utf8.length + " bytes");
        }
        checkScratch(scratch);
        TokenBuffer tokens = scratch.tokens;
        tokens.reset();
        CodePointDecoder.utf8(utf8, offset, length, config.maxCodePoints(), tokens);
        tokens.finish();
        return tokens.tokens;
    }

    /**
     * The bag of the features generated <em>at</em> token {@code token} of the last tokenized text (its word
     * n-grams and skip-grams ending there and its character n-grams, the features {@link #featurize} generates
     * for that token, in the same order), into {@code scratch.keys()}/{@code counts()}: distinct keys in order
     * of first occurrence with their counts, at most {@code maxFeatures} of them. Allocation-free.
     *
     * @return the number of distinct features of the token
     * @throws IllegalArgumentException when {@code token} is not in {@code [0, scratch.tokenCount())}
     */
    public int tokenFeatures(FeaturizerScratch scratch, int token) {
        checkScratch(scratch);
        if (token < 0 || token >= scratch.tokens.tokens) {
            throw new IllegalArgumentException("token must be in [0, " + scratch.tokens.tokens + "), got " + token);
        }
        FeatureCounter out = scratch.features;
        out.reset();
        emit(scratch, token, out);
        return out.size;
    }

    /** Generates every feature of the tokens in {@code scratch}, token by token (docs/TEXT.md, "Features"). */
    private int generate(FeaturizerScratch scratch) {
        FeatureCounter out = scratch.features;
        out.reset();
        for (int i = 0; i < scratch.tokens.tokens; i++) {
            emit(scratch, i, out);
        }
        return out.size;
    }

    /** Adds the features generated at token {@code i} to {@code out}, in the order of docs/TEXT.md, "Features". */
    private void emit(FeaturizerScratch scratch, int i, FeatureCounter out) {
        TokenBuffer tb = scratch.tokens;
        byte[] buf = tb.bytes;
        int wordMax = config.wordNgramMax();
        int maxSkip = config.maxSkip();
        int charMin = config.charNgramMin();
        int charMax = config.charNgramMax();
        int end = tb.tokenEnd[i];
        for (int n = 1; n <= wordMax && n <= i + 1; n++) {
            int start = tb.tokenStart[i - n + 1];
            out.add(XxHash64.hash(buf, start, end - start, wordSeeds[n]));
        }
        for (int k = 1; k <= maxSkip && i - k - 1 >= 0; k++) {
            int len = pair(tb, i - k - 1, i, scratch.pair);
            out.add(XxHash64.hash(scratch.pair, 0, len, skipSeeds[k]));
        }
        if (charMax > 0 && tb.tokenIsWord[i]) {
            int symbols = tb.tokenCpEnd[i] - tb.tokenCpStart[i] + 2;
            for (int n = charMin; n <= charMax; n++) {
                for (int s = 0; s + n <= symbols; s++) {
                    int from = tb.symbolStart(i, s);
                    int to = tb.symbolEnd(i, s + n - 1);
                    out.add(XxHash64.hash(buf, from, to - from, charSeed));
                }
            }
        }
    }

    /** The projection weights of {@code n} features with {@code counts}: the counts, or 1 (docs/TEXT.md, "Weights"). */
    public static void weights(FeatureWeighting weighting, int[] counts, int n, float[] out) {
        boolean binary = weighting == FeatureWeighting.BINARY;
        for (int j = 0; j < n; j++) {
            out[j] = binary ? 1f : counts[j];
        }
    }

    /** Writes {@code t[a] FF t[b]} to {@code dst}; returns its length. */
    private static int pair(TokenBuffer tb, int a, int b, byte[] dst) {
        int lenA = tb.tokenEnd[a] - tb.tokenStart[a];
        System.arraycopy(tb.bytes, tb.tokenStart[a], dst, 0, lenA);
        dst[lenA] = TokenBuffer.SEPARATOR;
        int lenB = tb.tokenEnd[b] - tb.tokenStart[b];
        System.arraycopy(tb.bytes, tb.tokenStart[b], dst, lenA + 1, lenB);
        return lenA + 1 + lenB;
    }
}
