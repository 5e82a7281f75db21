package io.github.dl4jprojection.runtime.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LshProjectionTest {

    private static ProjectionSpec spec(int t, int d, long seed, double density) {
        return ProjectionSpec.builder().numFunctions(t).bitsPerFunction(d).seed(seed).density(density).build();
    }

    private static float[] randomIntegers(SplittableRandom random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextInt(3) == 0 ? 0f : random.nextInt(-255, 256);
        }
        return x;
    }

    /** The textbook definition, entry by entry, in double: exact for small integer inputs. */
    private static long[] naiveBits(ProjectionSpec spec, float[] x) {
        long[] bits = new long[spec.numWords()];
        for (int b = 0; b < spec.numBits(); b++) {
            double acc = 0;
            for (int i = 0; i < x.length; i++) {
                acc += LshProjection.entry(spec, i, b) * (double) x[i];
            }
            if (acc > 0) {
                bits[b >>> 6] |= 1L << (b & 63);
            }
        }
        return bits;
    }

    @Test
    void denseProjectionMatchesEntryByEntryDefinition() {
        SplittableRandom random = new SplittableRandom(3);
        for (double density : new double[] {1, 0.5, 0.25, 1.0 / 64}) {
            ProjectionSpec spec = spec(5, 13, 11, density);
            LshProjection projection = LshProjection.forDenseInput(spec, 20);
            for (int r = 0; r < 5; r++) {
                float[] x = randomIntegers(random, 20);
                assertArrayEquals(naiveBits(spec, x), projection.project(x), "density " + density);
            }
        }
    }

    @Test
    void featureProjectionOfIndexKeysEqualsDenseProjection() {
        SplittableRandom random = new SplittableRandom(5);
        ProjectionSpec spec = spec(10, 16, -3, 0.25);
        LshProjection dense = LshProjection.forDenseInput(spec, 50);
        LshProjection features = LshProjection.forFeatures(spec);
        float[] x = randomIntegers(random, 50);
        long[] keys = new long[50];
        for (int i = 0; i < 50; i++) {
            keys[i] = i;
        }
        long[] bits = new long[spec.numWords()];
        features.projectFeatures(keys, x, 50, new float[spec.numBits()], new long[2 * spec.numWords()], bits);
        assertArrayEquals(dense.project(x), bits);
    }

    @Test
    void accumulatorEqualsProjectScratch() {
        java.util.Random random = new java.util.Random(9);
        ProjectionSpec spec = spec(4, 30, 1, 0.5);
        LshProjection projection = LshProjection.forDenseInput(spec, 33);
        float[] x = new float[33];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[] acc = new float[spec.numBits()];
        projection.project(x, acc, new long[spec.numWords()]);
        for (int b = 0; b < spec.numBits(); b++) {
            assertEquals(Float.floatToIntBits(acc[b]), Float.floatToIntBits(projection.accumulator(x, b)), "bit " + b);
        }
    }

    @Test
    void densityControlsShareOfNonZeroEntriesAndSignsAreBalanced() {
        for (int k = 0; k <= 3; k++) {
            ProjectionSpec spec = spec(16, 64, 7, 1.0 / (1 << k));
            int nonZero = 0;
            int negative = 0;
            int total = 0;
            long[] masks = new long[2 * spec.numWords()];
            for (long key = 0; key < 200; key++) {
                LshProjection.entryMasks(spec, key, masks);
                for (int g = 0; g < spec.numWords(); g++) {
                    nonZero += Long.bitCount(masks[2 * g]) + Long.bitCount(masks[2 * g + 1]);
                    negative += Long.bitCount(masks[2 * g + 1]);
                }
                total += spec.numBits();
            }
            double share = nonZero / (double) total;
            assertEquals(1.0 / (1 << k), share, 0.01, "density at k=" + k);
            assertEquals(0.5, negative / (double) nonZero, 0.02, "sign balance at k=" + k);
        }
    }

    @Test
    void tailBitsOfLastWordStayClear() {
        ProjectionSpec spec = spec(3, 7, 2, 1);
        LshProjection projection = LshProjection.forDenseInput(spec, 4);
        long[] bits = projection.project(new float[] {5, 5, 5, 5});
        assertEquals(0, bits[0] >>> 21);
    }

    @Test
    void sameSeedSameBitsDifferentSeedDifferentBits() {
        float[] x = randomIntegers(new SplittableRandom(1), 100);
        long[] a = LshProjection.forDenseInput(spec(20, 16, 42, 0.25), 100).project(x);
        long[] b = LshProjection.forDenseInput(spec(20, 16, 42, 0.25), 100).project(x);
        long[] c = LshProjection.forDenseInput(spec(20, 16, 43, 0.25), 100).project(x);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    /** Pinned output: a change to hashing or entry layout breaks every exported model, so it must show here. */
    @Test
    void pinnedEntriesDoNotChange() {
        ProjectionSpec spec = spec(2, 20, 42, 0.25);
        StringBuilder row = new StringBuilder();
        for (int b = 0; b < spec.numBits(); b++) {
            row.append("-0+".charAt(LshProjection.entry(spec, 0, b) + 1));
        }
        assertEquals("00-+0-00+000000-00-+-00-00+00000000-00-0", row.toString());
        float[] x = {3, 0, -7, 255, 1};
        assertArrayEquals(new long[] {0xdab90b075bL}, LshProjection.forDenseInput(spec, 5).project(x));
    }

    @Test
    void rejectsBadInput() {
        LshProjection projection = LshProjection.forDenseInput(spec(2, 8, 1, 1), 3);
        assertThrows(IllegalArgumentException.class, () -> projection.project(null));
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> projection.project(new float[4]));
        assertTrue(length.getMessage().contains("length must be 3"));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> projection.project(new float[] {0, Float.NaN, 0}));
        assertTrue(nan.getMessage().contains("input value 1"));
        assertThrows(IllegalArgumentException.class,
                () -> projection.project(new float[] {0, 0, Float.POSITIVE_INFINITY}));
        assertThrows(IllegalStateException.class, () -> LshProjection.forFeatures(spec(2, 8, 1, 1))
                .project(new float[3]));
    }

    @Test
    void specBuilderNamesTheBadParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ProjectionSpec.builder().numFunctions(0).bitsPerFunction(4).build())
                .getMessage().contains("numFunctions"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ProjectionSpec.builder().numFunctions(4).bitsPerFunction(0).build())
                .getMessage().contains("bitsPerFunction"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ProjectionSpec.builder().numFunctions(1 << 10).bitsPerFunction(1 << 10).build())
                .getMessage().contains("T * d"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ProjectionSpec.builder().numFunctions(4).bitsPerFunction(4).density(0.3).build())
                .getMessage().contains("density"));
    }

    @Test
    void unpackEncodesBits() {
        long[] words = {0b1011L};
        float[] out = new float[5];
        PackedBits.unpack(words, 4, BitEncoding.PLUS_MINUS_ONE, out, 1);
        assertArrayEquals(new float[] {0, 1, 1, -1, 1}, out);
        PackedBits.unpack(words, 4, BitEncoding.ZERO_ONE, out, 0);
        assertArrayEquals(new float[] {1, 1, 0, 1, 1}, out);
    }
}
