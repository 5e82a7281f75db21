package io.github.dl4jprojection.runtime.internal.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
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

    /**
     * Bits of a feature bag through the float path (short masks scratch) and with the long scratch that
     * enables the integer path; both also compare their accumulators bit for bit. The third row is 1
     * when the long-scratch call used its counters (left at their reset value, 128 per byte), which
     * only the integer path does.
     */
    private static long[][] bothPaths(ProjectionSpec spec, long[] keys, float[] weights) {
        LshProjection features = LshProjection.forFeatures(spec);
        long[] viaFloat = new long[spec.numWords()];
        long[] viaIntegers = new long[spec.numWords()];
        float[] floatAcc = new float[spec.numBits()];
        features.projectFeatures(keys, weights, keys.length, floatAcc, new long[2 * spec.numWords()], viaFloat);
        float[] integerAcc = new float[spec.numBits()];
        Arrays.fill(integerAcc, Float.NaN);
        long[] scratch = new long[LshProjection.featureScratchLength(spec)];
        features.projectFeatures(keys, weights, keys.length, integerAcc, scratch, viaIntegers);
        for (int b = 0; b < spec.numBits(); b++) {
            assertEquals(Float.floatToIntBits(floatAcc[b]), Float.floatToIntBits(integerAcc[b]), "accumulator " + b);
        }
        long integerPath = scratch[2 * spec.numWords()] == 0x8080808080808080L ? 1 : 0;
        return new long[][] {viaFloat, viaIntegers, {integerPath}};
    }

    @Test
    void integerWeightPathGivesTheFloatPathBits() {
        SplittableRandom random = new SplittableRandom(17);
        for (double density : new double[] {1, 0.25, 0.125}) {
            for (int bits : new int[] {7, 64, 200, 1024}) {
                ProjectionSpec spec = spec(1, bits, random.nextLong(), density);
                for (int r = 0; r < 20; r++) {
                    int n = random.nextInt(0, 300);
                    long[] keys = new long[n];
                    float[] weights = new float[n];
                    for (int j = 0; j < n; j++) {
                        keys[j] = random.nextLong();
                        // Mostly counts of 1 as in text, some larger, negative and zero weights.
                        weights[j] = random.nextInt(4) == 0 ? random.nextInt(-1000, 1001) : 1;
                    }
                    long[][] both = bothPaths(spec, keys, weights);
                    assertArrayEquals(both[0], both[1], "bits " + bits + ", density " + density);
                    assertEquals(1, both[2][0], "integer path taken");
                }
            }
        }
    }

    @Test
    void integerWeightPathIsExactNearTheFloat32Limit() {
        ProjectionSpec spec = spec(4, 16, 5, 0.5);
        long[] keys = {11, 12, 13, 14};
        // sum |w| = 2^24 - 1: every float32 partial sum is still exact.
        float[] weights = {(1 << 23) - 3, -((1 << 22) + 1), 1 << 22, -1};
        long[][] both = bothPaths(spec, keys, weights);
        assertEquals(1, both[2][0], "integer path taken");
        long[] exact = new long[spec.numWords()];
        for (int b = 0; b < spec.numBits(); b++) {
            long acc = 0;
            for (int j = 0; j < keys.length; j++) {
                acc += LshProjection.entry(spec, keys[j], b) * (long) weights[j];
            }
            if (acc > 0) {
                exact[b >>> 6] |= 1L << (b & 63);
            }
        }
        assertArrayEquals(exact, both[0]);
        assertArrayEquals(exact, both[1]);
    }

    @Test
    void sparseProjectionsKeepTheFloatPath() {
        ProjectionSpec spec = spec(4, 16, 5, 1.0 / 16);
        long[][] both = bothPaths(spec, new long[] {1, 2, 3}, new float[] {1, 2, 3});
        assertArrayEquals(both[0], both[1]);
        assertEquals(0, both[2][0], "density 1/16 takes the float path");
    }

    @Test
    void fractionalOrHugeWeightsFallBackToTheFloatPath() {
        SplittableRandom random = new SplittableRandom(23);
        ProjectionSpec spec = spec(8, 16, 9, 0.25);
        long[] keys = new long[40];
        float[] fractional = new float[40];
        float[] huge = new float[40];
        for (int j = 0; j < keys.length; j++) {
            keys[j] = random.nextLong();
            fractional[j] = (float) (random.nextDouble() * 8 - 4);
            huge[j] = random.nextInt(-(1 << 20), 1 << 20) * 64f;
        }
        long[][] a = bothPaths(spec, keys, fractional);
        assertArrayEquals(a[0], a[1]);
        assertEquals(0, a[2][0], "fractional weights take the float path");
        long[][] b = bothPaths(spec, keys, huge);
        assertArrayEquals(b[0], b[1]);
        assertEquals(0, b[2][0], "sum |w| >= 2^24 takes the float path");
    }

    /** Fractional inputs make the order of the float32 sums visible: every density keeps the specified order. */
    @Test
    void everyDensityAccumulatesInTheSpecifiedOrder() {
        java.util.Random random = new java.util.Random(13);
        for (double density : new double[] {1, 0.5, 0.25, 1.0 / 16}) {
            ProjectionSpec spec = spec(3, 50, 8, density);
            LshProjection projection = LshProjection.forDenseInput(spec, 300);
            float[] x = new float[300];
            for (int i = 0; i < x.length; i++) {
                x[i] = i % 5 == 0 ? 0f : (float) (random.nextGaussian() * 1e3);
            }
            float[] acc = new float[spec.numBits()];
            projection.project(x, acc, new long[spec.numWords()]);
            for (int b = 0; b < spec.numBits(); b++) {
                assertEquals(Float.floatToIntBits(projection.accumulator(x, b)), Float.floatToIntBits(acc[b]),
                        "density " + density + ", bit " + b);
            }
        }
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
