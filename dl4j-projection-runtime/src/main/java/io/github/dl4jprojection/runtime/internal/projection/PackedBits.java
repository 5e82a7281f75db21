package io.github.dl4jprojection.runtime.internal.projection;

import io.github.dl4jprojection.runtime.projection.BitEncoding;

/**
 * Bit vectors packed into {@code long[]}: bit {@code b} is bit {@code b & 63} (least significant
 * first) of word {@code b >>> 6}. Bits past the vector's length are always clear.
 */
public final class PackedBits {

    private PackedBits() {
    }

    /** Bit {@code b} of {@code words}. */
    public static boolean get(long[] words, int b) {
        return (words[b >>> 6] >>> (b & 63) & 1) != 0;
    }

    /**
     * Writes the first {@code numBits} bits, encoded, to {@code out[offset, offset + numBits)}.
     *
     * @throws IllegalArgumentException if {@code words} or {@code out} is too short
     */
    public static void unpack(long[] words, int numBits, BitEncoding encoding, float[] out, int offset) {
        if (words.length < (numBits + 63) >>> 6) {
            throw new IllegalArgumentException("need " + ((numBits + 63) >>> 6) + " words, got " + words.length);
        }
        if (offset < 0 || out.length - offset < numBits) {
            throw new IllegalArgumentException("output holds " + (out.length - offset) + " values, need " + numBits);
        }
        float on = encoding.on();
        float off = encoding.off();
        for (int b = 0; b < numBits; b++) {
            out[offset + b] = get(words, b) ? on : off;
        }
    }

    /** The number of set bits among the first {@code numBits}. */
    public static int cardinality(long[] words, int numBits) {
        int count = 0;
        int full = numBits >>> 6;
        for (int w = 0; w < full; w++) {
            count += Long.bitCount(words[w]);
        }
        if ((numBits & 63) != 0) {
            count += Long.bitCount(words[full] & ((1L << (numBits & 63)) - 1));
        }
        return count;
    }
}
