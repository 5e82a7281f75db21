package io.github.dl4jprojection.runtime.internal.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeatureWeighting;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextProjectionTest {

    private static final ProjectionSpec SPEC =
            ProjectionSpec.builder().numFunctions(10).bitsPerFunction(14).seed(3).density(0.25).build();

    private static final String MESSAGE = "Subject: FREE money!!! Click here: http://example.com/win?id=42 "
            + "Уважаемый клиент, Ελλάδα \uD83D\uDCB0\uD83D\uDCB0 — limited offer, reply now. "
            + "Dear friend, I am writing to you about the meeting on Tuesday.";

    /** The bits by the definition of PROJECTION.md, entry by entry, summed in double (exact for these integers). */
    private static long[] naiveBits(ProjectionSpec spec, FeatureBag bag) {
        long[] bits = new long[spec.numWords()];
        float[] w = bag.weights();
        for (int b = 0; b < spec.numBits(); b++) {
            double acc = 0;
            for (int j = 0; j < bag.size(); j++) {
                acc += LshProjection.entry(spec, bag.key(j), b) * (double) w[j];
            }
            if (acc > 0) {
                bits[b >>> 6] |= 1L << (b & 63);
            }
        }
        return bits;
    }

    @Test
    void bitsAreTheProjectionOfTheFeatureBag() {
        for (FeatureWeighting weighting : FeatureWeighting.values()) {
            FeaturizerConfig c = FeaturizerConfig.builder().weighting(weighting).build();
            TextProjection p = new TextProjection(c, SPEC);
            FeatureBag bag = p.featurizer().featurize(MESSAGE);
            assertArrayEquals(naiveBits(SPEC, bag), p.project(MESSAGE), weighting.toString());
        }
    }

    @Test
    void bitsDoNotDependOnTheOrderOfFeatures() {
        TextProjection p = new TextProjection(FeaturizerConfig.defaults(), SPEC);
        FeatureBag bag = p.featurizer().featurize(MESSAGE + MESSAGE + MESSAGE);
        long[] keys = bag.keys();
        float[] weights = bag.weights();
        Random random = new Random(5);
        for (int i = keys.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long k = keys[i];
            keys[i] = keys[j];
            keys[j] = k;
            float w = weights[i];
            weights[i] = weights[j];
            weights[j] = w;
        }
        long[] shuffled = new long[SPEC.numWords()];
        LshProjection.forFeatures(SPEC).projectFeatures(keys, weights, keys.length, new float[SPEC.numBits()],
                new long[2 * SPEC.numWords()], shuffled);
        assertArrayEquals(p.project(MESSAGE + MESSAGE + MESSAGE), shuffled);
    }

    @Test
    void emptyTextGivesAllZeroBits() {
        TextProjection p = new TextProjection(FeaturizerConfig.defaults(), SPEC);
        TextProjectionScratch s = p.newScratch();
        long[] out = new long[p.numWords()];
        out[0] = -1L;
        assertEquals(0, p.project(" \n\t ", s, out));
        assertArrayEquals(new long[p.numWords()], out);
    }

    @Test
    void utf8AndStringInputGiveTheSameBits() {
        TextProjection p = new TextProjection(FeaturizerConfig.defaults(), SPEC);
        TextProjectionScratch s = p.newScratch();
        byte[] utf8 = MESSAGE.getBytes(StandardCharsets.UTF_8);
        long[] out = new long[p.numWords()];
        p.projectUtf8(utf8, 0, utf8.length, s, out);
        assertArrayEquals(p.project(MESSAGE), out);
        assertNotEquals(0L, out[0] | out[1] | out[2]);
    }

    @Test
    void steadyStateProjectionAllocatesNothing() {
        TextProjection p = new TextProjection(FeaturizerConfig.defaults(), SPEC);
        TextProjectionScratch s = p.newScratch();
        long[] out = new long[p.numWords()];
        String[] texts = {MESSAGE, "", "short", MESSAGE.toUpperCase(), "\uD800 unpaired"};
        for (int i = 0; i < 500; i++) {
            p.project(texts[i % texts.length], s, out);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        // The JVM may allocate a few bytes now and then (the counter itself, compilation): take the
        // best of several rounds and allow less than one byte per call, which no per-call allocation meets.
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

    @Test
    void rejectsScratchOfAnotherProjectionAndShortOutput() {
        TextProjection p = new TextProjection(FeaturizerConfig.defaults(), SPEC);
        TextProjection other = new TextProjection(FeaturizerConfig.defaults(),
                ProjectionSpec.builder().numFunctions(3).bitsPerFunction(5).seed(3).build());
        assertThrows(IllegalArgumentException.class, () -> p.project("x", other.newScratch(), new long[p.numWords()]));
        assertThrows(IllegalArgumentException.class, () -> p.project("x", p.newScratch(), new long[p.numWords() - 1]));
        assertThrows(IllegalArgumentException.class, () -> p.project("x", null, new long[p.numWords()]));
        assertThrows(IllegalArgumentException.class, () -> p.project(null, p.newScratch(), new long[p.numWords()]));
        assertThrows(IllegalArgumentException.class, () -> new TextProjection(FeaturizerConfig.defaults(), null));
        assertThrows(IllegalArgumentException.class, () -> new TextProjection(null, SPEC));
    }
}
