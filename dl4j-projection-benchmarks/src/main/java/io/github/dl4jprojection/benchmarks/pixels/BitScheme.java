package io.github.dl4jprojection.benchmarks.pixels;

/**
 * How an image of raw pixels (float32 values 0..255) becomes {@code numBits()} LSH bits. Every scheme keeps the
 * projection's arithmetic exact: its inputs are integers with {@code sum |x_i| < 2^24}, so the float32 sums of
 * docs/PROJECTION.md are exact in any order and DL4J, Java and C would agree bit for bit.
 */
interface BitScheme {

    /** Short name for the CSV and the tables, e.g. {@code pixel}. */
    String name();

    /** Length {@code B} of the bit vector. */
    int numBits();

    /**
     * Bytes a model file would need beyond today's format to compute these bits on a device (an offset vector,
     * a patch layout); 0 for raw pixels.
     */
    int extraBytes();

    /**
     * The packed bits of one image (bit {@code b} at {@code out[b >>> 6] >>> (b & 63) & 1}, as
     * {@code LshProjection} packs them). Not thread-safe: a scheme keeps its own scratch.
     *
     * @param pixels {@code 784} raw pixels 0..255 (28 x 28, row-major)
     * @param out    at least {@code ceil(numBits() / 64)} words; overwritten
     */
    void project(float[] pixels, long[] out);
}
