package io.github.dl4jprojection.benchmarks.pixels;

/** Copies packed bits (bit {@code b} at {@code words[b >>> 6] >>> (b & 63) & 1}) into a longer packed vector. */
final class PackedBitsCopy {

    private PackedBitsCopy() {
    }

    /**
     * ORs bits {@code 0 .. count-1} of {@code src} into {@code dst} at bits {@code at .. at+count-1}; the target
     * bits must be clear.
     */
    static void append(long[] src, int count, long[] dst, int at) {
        for (int b = 0; b < count; b++) {
            dst[(at + b) >>> 6] |= (src[b >>> 6] >>> (b & 63) & 1L) << (at + b & 63);
        }
    }
}
