package io.github.dl4jprojection.runtime.internal.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class XxHash64Test {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] range(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static byte[] le64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    /** Seed-0 vectors published with xxHash and printed by {@code xxhsum -H64}. */
    @Test
    void matchesPublishedVectorsWithSeedZero() {
        assertEquals(0xEF46DB3751D8E999L, XxHash64.hash(new byte[0], 0));
        assertEquals(0xD24EC4F1A98C6E5BL, XxHash64.hash(ascii("a"), 0));
        assertEquals(0x44BC2CF5AD770999L, XxHash64.hash(ascii("abc"), 0));
        assertEquals(0xFBCEA83C8A378BF1L, XxHash64.hash(ascii("Nobody inspects the spammish repetition"), 0));
        assertEquals(0x6AC1E58032166597L, XxHash64.hash(range(100), 0));
    }

    /** Seeded vectors from the reference C library (python-xxhash, xxh64_intdigest). */
    @Test
    void matchesReferenceLibraryWithSeeds() {
        assertEquals(0xD5AFBA1336A3BE4BL, XxHash64.hash(new byte[0], 1));
        assertEquals(0x393DA8B78992279BL, XxHash64.hash(ascii("a"), 2654435761L));
        assertEquals(0x2ED0F59D6B43AC8BL, XxHash64.hash(ascii("abc"), 0x9E3779B97F4A7C15L));
        assertEquals(0x819D2B726001D507L, XxHash64.hash(range(100), 42));
    }

    @Test
    void hashLongEqualsHashOfLittleEndianBytes() {
        assertEquals(0xCB7C2941B198004DL, XxHash64.hashLong(123456789L, 0));
        assertEquals(0x41C2181989D52555L, XxHash64.hashLong(123456789L, 7));
        assertEquals(0x7F4BE1B67C5AD8D6L, XxHash64.hashLong(-1L, -5L));
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            long v = random.nextLong();
            long seed = random.nextLong();
            assertEquals(XxHash64.hash(le64(v), seed), XxHash64.hashLong(v, seed));
        }
    }

    @Test
    void hashesSubrangeOnly() {
        byte[] padded = new byte[110];
        System.arraycopy(range(100), 0, padded, 5, 100);
        padded[0] = 99;
        padded[109] = 99;
        assertEquals(XxHash64.hash(range(100), 42), XxHash64.hash(padded, 5, 100, 42));
    }

    @Test
    void rejectsRangeOutsideArray() {
        assertThrows(IndexOutOfBoundsException.class, () -> XxHash64.hash(new byte[4], 2, 3, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> XxHash64.hash(new byte[4], -1, 2, 0));
    }

    @Test
    void splitMixMatchesSplittableRandom() {
        for (long seed : new long[] {0, 1, -7, 0x123456789ABCDEFL}) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < 100; i++) {
                assertEquals(random.nextLong(), SplitMix64.output(seed, i), "seed " + seed + " output " + i);
            }
        }
    }
}
