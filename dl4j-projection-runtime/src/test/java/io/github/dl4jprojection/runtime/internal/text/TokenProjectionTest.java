package io.github.dl4jprojection.runtime.internal.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TokenProjectionTest {

    private static final ProjectionSpec SPEC = ProjectionSpec.builder().numFunctions(3).bitsPerFunction(30).seed(9)
            .density(0.25).build();
    private static final FeaturizerConfig CONFIG = FeaturizerConfig.builder().wordNgramMax(2).maxSkip(1)
            .charNgrams(3, 4).build();

    /** Token t's bits are the LSH of exactly the features the featurizer generates at t, written out here. */
    @Test
    void eachTokenIsTheProjectionOfItsOwnFeatures() {
        TokenProjection p = new TokenProjection(CONFIG, SPEC, 8);
        long[] bits = new long[8 * p.numWords()];
        String text = "Hi, Bob! la la";
        assertEquals(6, p.project(text, p.newScratch(), bits));
        TextFeaturizer f = new TextFeaturizer(CONFIG);
        // Token 2 ("bob"): unigram, bigram ", bob", skip-gram "hi bob", char 3- and 4-grams of ^bob$.
        long[] keys = {
            hash("bob", TextFeaturizer.TAG_UNIGRAM), hash(",\u00FFbob", TextFeaturizer.TAG_BIGRAM),
            hash("hi\u00FFbob", TextFeaturizer.TAG_SKIP_BASE + 1), hash("\u00FFbo", TextFeaturizer.TAG_CHAR_NGRAM),
            hash("bob", TextFeaturizer.TAG_CHAR_NGRAM), hash("ob\u00FF", TextFeaturizer.TAG_CHAR_NGRAM),
            hash("\u00FFbob", TextFeaturizer.TAG_CHAR_NGRAM), hash("bob\u00FF", TextFeaturizer.TAG_CHAR_NGRAM)};
        float[] ones = new float[keys.length];
        Arrays.fill(ones, 1f);
        long[] expected = new long[p.numWords()];
        LshProjection.forFeatures(SPEC).projectFeatures(keys, ones, keys.length, new float[SPEC.numBits()],
                new long[LshProjection.featureScratchLength(SPEC)], expected);
        assertArrayEquals(expected, Arrays.copyOfRange(bits, 2 * p.numWords(), 3 * p.numWords()));
        // And the featurizer's own per-token bag agrees with the list.
        FeaturizerScratch s = f.newScratch();
        f.tokenize(text, s);
        assertEquals(keys.length, f.tokenFeatures(s, 2));
        assertArrayEquals(keys, Arrays.copyOf(s.keys(), keys.length));
    }

    /** A feature generated twice at one token counts twice (its weight under COUNT), as in the bag of a text. */
    @Test
    void repeatedFeaturesOfOneTokenAreCounted() {
        FeaturizerConfig chars = FeaturizerConfig.builder().wordNgramMax(1).maxSkip(0).charNgrams(2, 2).build();
        TextFeaturizer f = new TextFeaturizer(chars);
        FeaturizerScratch s = f.newScratch();
        assertEquals(1, f.tokenize("lalala", s));
        // ^l la al la al la a$ : "la" three times, "al" twice.
        assertEquals(5, f.tokenFeatures(s, 0));
        assertEquals(Arrays.asList(1, 1, 3, 2, 1), Arrays.asList(s.counts()[0], s.counts()[1], s.counts()[2],
                s.counts()[3], s.counts()[4]));
    }

    @Test
    void emptyTextIsOneTokenOfZeroBitsAndLongTextsAreCut() {
        TokenProjection p = new TokenProjection(CONFIG, SPEC, 4);
        long[] bits = new long[4 * p.numWords()];
        Arrays.fill(bits, -1L);
        assertEquals(1, p.project(" \t\u00AD ", p.newScratch(), bits));
        for (int w = 0; w < p.numWords(); w++) {
            assertEquals(0L, bits[w]);
        }
        long[] longer = new long[4 * p.numWords()];
        assertEquals(4, p.project("a b c d e f g", p.newScratch(), longer));
        long[] exact = new long[4 * p.numWords()];
        assertEquals(4, p.project("a b c d", p.newScratch(), exact));
        assertArrayEquals(exact, longer, "tokens after maxTokens change nothing");
    }

    @Test
    void utf8AndStringGiveTheSameBits() {
        TokenProjection p = new TokenProjection(CONFIG, SPEC, 16);
        String text = "Caf\u00E9 \u65E5\u672C \uD83D\uDE00 don't pay $100!";
        long[] a = new long[16 * p.numWords()];
        long[] b = new long[16 * p.numWords()];
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(p.project(text, p.newScratch(), a), p.projectUtf8(utf8, 0, utf8.length, p.newScratch(), b));
        assertArrayEquals(a, b);
    }

    @Test
    void rejectsBadArguments() {
        TokenProjection p = new TokenProjection(CONFIG, SPEC, 4);
        long[] bits = new long[4 * p.numWords()];
        assertThrows(IllegalArgumentException.class, () -> p.project(null, p.newScratch(), bits));
        assertThrows(IllegalArgumentException.class, () -> p.project("x", null, bits));
        assertThrows(IllegalArgumentException.class, () -> p.project("x", p.newScratch(), new long[bits.length - 1]));
        TokenProjection other = new TokenProjection(CONFIG, ProjectionSpec.builder().numFunctions(1)
                .bitsPerFunction(7).build(), 4);
        assertThrows(IllegalArgumentException.class, () -> p.project("x", other.newScratch(), bits));
        assertThrows(IllegalArgumentException.class, () -> new TokenProjection(CONFIG, SPEC, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenProjection(CONFIG, null, 4));
        TextFeaturizer f = new TextFeaturizer(CONFIG);
        FeaturizerScratch s = f.newScratch();
        f.tokenize("one two", s);
        assertThrows(IllegalArgumentException.class, () -> f.tokenFeatures(s, 2));
        assertThrows(IllegalArgumentException.class, () -> f.tokenFeatures(s, -1));
    }

    @Test
    void steadyStateProjectionAllocatesNothing() {
        TokenProjection p = new TokenProjection(FeaturizerConfig.defaults(), SPEC, 64);
        TokenProjectionScratch s = p.newScratch();
        long[] out = new long[64 * p.numWords()];
        String[] texts = {"Dear friend, you have WON $1,000,000!!! Click here now.", "", "short", "\uD800 unpaired"};
        for (int i = 0; i < 500; i++) {
            p.project(texts[i % texts.length], s, out);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < 1000; i++) {
                p.project(texts[i % texts.length], s, out);
            }
            best = Math.min(best, threads.getThreadAllocatedBytes(id) - before);
        }
        assertTrue(best < 1000, "bytes allocated by 1000 projections: " + best);
    }

    /** A feature key from its bytes as docs/TEXT.md defines it; U+00FF in {@code s} stands for the byte FF. */
    private static long hash(String s, int tag) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) s.charAt(i);
        }
        return io.github.dl4jprojection.runtime.internal.hash.XxHash64.hash(b, 0, b.length,
                TextFeaturizer.typeSeed(CONFIG.hashSeed(), tag));
    }
}
