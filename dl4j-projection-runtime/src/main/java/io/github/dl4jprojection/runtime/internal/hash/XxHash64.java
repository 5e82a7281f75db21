package io.github.dl4jprojection.runtime.internal.hash;

/**
 * XXH64, the 64-bit xxHash of Yann Collet (specification: "xxHash fast digest algorithm",
 * version 0.1.1, github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md).
 *
 * <p>Multi-byte reads are little-endian on every platform, so a hash computed here equals the one
 * computed by the emitted C and by the reference {@code xxhsum -H64}. Bytes are read as unsigned
 * ({@code & 0xFF}). The class is stateless and thread-safe.
 */
public final class XxHash64 {

    static final long PRIME1 = 0x9E3779B185EBCA87L;
    static final long PRIME2 = 0xC2B2AE3D27D4EB4FL;
    static final long PRIME3 = 0x165667B19E3779F9L;
    static final long PRIME4 = 0x85EBCA77C2B2AE63L;
    static final long PRIME5 = 0x27D4EB2F165667C5L;

    private XxHash64() {
    }

    /** XXH64 of all of {@code data} with the given seed. */
    public static long hash(byte[] data, long seed) {
        return hash(data, 0, data.length, seed);
    }

    /**
     * XXH64 of {@code data[offset, offset + length)} with the given seed.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code data}
     */
    public static long hash(byte[] data, int offset, int length, long seed) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException(
                    "range [" + offset + ", " + offset + " + " + length + ") is outside an array of " + data.length);
        }
        int p = offset;
        final int end = offset + length;
        long h;
        if (length >= 32) {
            long v1 = seed + PRIME1 + PRIME2;
            long v2 = seed + PRIME2;
            long v3 = seed;
            long v4 = seed - PRIME1;
            final int limit = end - 32;
            do {
                v1 = round(v1, readLong(data, p));
                v2 = round(v2, readLong(data, p + 8));
                v3 = round(v3, readLong(data, p + 16));
                v4 = round(v4, readLong(data, p + 24));
                p += 32;
            } while (p <= limit);
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = mergeRound(h, v1);
            h = mergeRound(h, v2);
            h = mergeRound(h, v3);
            h = mergeRound(h, v4);
        } else {
            h = seed + PRIME5;
        }
        h += length;
        while (p + 8 <= end) {
            h ^= round(0, readLong(data, p));
            h = Long.rotateLeft(h, 27) * PRIME1 + PRIME4;
            p += 8;
        }
        if (p + 4 <= end) {
            h ^= (readInt(data, p) & 0xFFFFFFFFL) * PRIME1;
            h = Long.rotateLeft(h, 23) * PRIME2 + PRIME3;
            p += 4;
        }
        while (p < end) {
            h ^= (data[p] & 0xFFL) * PRIME5;
            h = Long.rotateLeft(h, 11) * PRIME1;
            p++;
        }
        return avalanche(h);
    }

    /**
     * XXH64 of the 8 bytes of {@code value} in little-endian order; equal to
     * {@code hash(littleEndianBytes(value), seed)} but without the array.
     */
    public static long hashLong(long value, long seed) {
        long h = seed + PRIME5 + 8;
        h ^= round(0, value);
        h = Long.rotateLeft(h, 27) * PRIME1 + PRIME4;
        return avalanche(h);
    }

    private static long round(long acc, long input) {
        acc += input * PRIME2;
        acc = Long.rotateLeft(acc, 31);
        return acc * PRIME1;
    }

    private static long mergeRound(long acc, long value) {
        acc ^= round(0, value);
        return acc * PRIME1 + PRIME4;
    }

    private static long avalanche(long h) {
        h ^= h >>> 33;
        h *= PRIME2;
        h ^= h >>> 29;
        h *= PRIME3;
        h ^= h >>> 32;
        return h;
    }

    private static long readLong(byte[] b, int p) {
        return (b[p] & 0xFFL)
                | (b[p + 1] & 0xFFL) << 8
                | (b[p + 2] & 0xFFL) << 16
                | (b[p + 3] & 0xFFL) << 24
                | (b[p + 4] & 0xFFL) << 32
                | (b[p + 5] & 0xFFL) << 40
                | (b[p + 6] & 0xFFL) << 48
                | (b[p + 7] & 0xFFL) << 56;
    }

    private static int readInt(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }
}
