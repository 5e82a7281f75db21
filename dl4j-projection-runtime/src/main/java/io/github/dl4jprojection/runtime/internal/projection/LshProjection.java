package io.github.dl4jprojection.runtime.internal.projection;

import io.github.dl4jprojection.runtime.internal.hash.SplitMix64;
import io.github.dl4jprojection.runtime.internal.hash.XxHash64;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;

/**
 * The reference locality-sensitive projection of ProjectionNet (Ravi, ICML 2019; arXiv 1708.00630)
 * and SGNN (Ravi and Kozareva, EMNLP 2018). Every other implementation (the DL4J layer's GEMM, the
 * emitted C) must give exactly the bits this class gives.
 *
 * <h2>Entries</h2>
 * The projection matrix {@code P} has one row per input key and {@code B = T * d} columns; it is
 * never stored. For a key {@code u} (the input index {@code i} of a dense input, or the 64-bit
 * hash of a text feature) and {@code k = sparsityLog2}:
 * <pre>
 *   base      = XXH64(le64(u), seed)
 *   w(c)      = SplitMix64 output number c of a generator started at base  (c = 0, 1, ...)
 *   group g   = columns 64g .. 64g+63, using words c0 = g * (k + 1):
 *     sign    = w(c0)
 *     nonzero = w(c0 + 1) AND ... AND w(c0 + k)          (all ones when k = 0)
 *   P[u][64g + p] = 0 if bit p of nonzero is 0; else -1 if bit p of sign is 1, else +1
 * </pre>
 * So each entry is non-zero with probability {@code 2^-k} and then +-1 with equal probability.
 *
 * <h2>Bits</h2>
 * For a dense input {@code x} of {@code n} float32 values, with float32 arithmetic, keys taken in
 * increasing index order:
 * <pre>
 *   acc[b] = 0;  for i in 0..n-1: acc[b] = acc[b] + P[i][b] * x[i]      (float32)
 *   bit[b] = acc[b] &gt; 0
 * </pre>
 * For a bag of features {@code (u_j, w_j)}, the same with {@code P[u_j][b] * w_j}, in the order
 * the features are given. Integer-valued inputs whose absolute sum is below 2^24 sum exactly, so
 * the order matters only for other inputs; the order above is the specification.
 *
 * <p>Bit {@code b} is {@code function b / d}, bit {@code b % d} of that function; packed bits put
 * bit {@code b} at {@code words[b >>> 6] >>> (b & 63) & 1} (see {@link PackedBits}).
 *
 * <h2>Cost and threading</h2>
 * A dense projection precomputes, once, two bit masks per input and 64 columns (positive and
 * negative entries), {@code 16 * n * ceil(B / 64)} bytes, and for density 1/4 or less the column lists
 * when they fit in {@link #MAX_TABLE_BYTES} with the masks; projecting then visits only non-zero
 * inputs and non-zero entries. Instances are immutable and thread-safe; callers pass their own
 * scratch arrays, so the projection methods allocate nothing.
 */
public final class LshProjection {

    /** Integer-valued sums below 2^24 are exact in float32 (docs/PROJECTION.md, "Bits"). */
    private static final double EXACT_LIMIT = 1 << 24;
    /** Eight byte counters at their zero point, 128. */
    private static final long BIAS = 0x8080808080808080L;
    /** {@code SPREAD[v]}: byte {@code r} is bit {@code r} of {@code v}. */
    private static final long[] SPREAD = new long[256];

    static {
        for (int v = 0; v < 256; v++) {
            for (int r = 0; r < 8; r++) {
                SPREAD[v] |= (long) (v >>> r & 1) << 8 * r;
            }
        }
    }

    private final ProjectionSpec spec;
    private final int nIn;
    /** For dense inputs: {@code [(i * numWords + g) * 2]} positive, {@code + 1} negative mask. */
    private final long[] denseMasks;
    /**
     * For dense projections of density 1/4 or less, else null (denser lists would outgrow the masks):
     * the columns of the +1 entries of input {@code i} at {@code columns[starts[2i], starts[2i+1])}, of
     * its -1 entries up to {@code starts[2i+2]}. One loop per sign and input instead of one per sign,
     * input and word of columns: fewer mispredicted loop exits when each word has only a few entries.
     */
    private final char[] columns;
    private final int[] starts;

    private LshProjection(ProjectionSpec spec, int nIn, long[] denseMasks) {
        this.spec = spec;
        this.nIn = nIn;
        this.denseMasks = denseMasks;
        long count = 0;
        if (denseMasks != null && spec.sparsityLog2() >= 2) {
            for (long m : denseMasks) {
                count += Long.bitCount(m);
            }
        }
        // The lists are only a faster path over the masks: leave them out rather than exceed the load bound.
        if (count > 0 && denseTableBytes(nIn, denseMasks.length, count) <= MAX_TABLE_BYTES) {
            starts = new int[2 * nIn + 1];
            columns = new char[(int) count];
            int e = 0;
            int words = spec.numWords();
            for (int i = 0; i < 2 * nIn; i++) {
                starts[i] = e;
                int sign = i & 1;
                for (int g = 0; g < words; g++) {
                    for (long m = denseMasks[(i >>> 1) * words * 2 + 2 * g + sign]; m != 0; m &= m - 1) {
                        columns[e++] = (char) ((g << 6) + Long.numberOfTrailingZeros(m));
                    }
                }
            }
            starts[2 * nIn] = e;
        } else {
            starts = null;
            columns = null;
        }
    }

    /**
     * The most bytes the tables a dense projection precomputes may take, 64 MiB (docs/FORMAT.md section 6):
     * the masks alone stay within it by the format's {@code nIn * ceil(T * d / 64) <= 2^22}, and the column
     * lists are built only when masks and lists together fit, so a small file cannot make a reader keep more.
     */
    public static final long MAX_TABLE_BYTES = 64L << 20;

    /** Bytes of the masks ({@code maskWords} longs) and, for {@code count} entries, of the column lists. */
    private static long denseTableBytes(int nIn, long maskWords, long count) {
        return 8 * maskWords + (count == 0 ? 0 : 2 * count + 4 * (2L * nIn + 1));
    }

    /** Bytes of the tables this projection precomputed (masks and column lists); 0 for a feature projection. */
    public long tableBytes() {
        return denseMasks == null ? 0 : denseTableBytes(nIn, denseMasks.length, columns == null ? 0 : columns.length);
    }

    /**
     * A projection of dense inputs of length {@code nIn}; precomputes the entry masks.
     *
     * @throws IllegalArgumentException if {@code nIn} is not positive or the masks would exceed 2^31 longs
     */
    public static LshProjection forDenseInput(ProjectionSpec spec, int nIn) {
        if (spec == null) {
            throw new IllegalArgumentException("spec must not be null");
        }
        if (nIn < 1) {
            throw new IllegalArgumentException("nIn must be at least 1, got " + nIn);
        }
        int words = spec.numWords();
        if ((long) nIn * words * 2 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("nIn * ceil(T * d / 64) is too large to precompute: nIn=" + nIn
                    + ", T * d=" + spec.numBits());
        }
        long[] masks = new long[nIn * words * 2];
        long[] row = new long[2 * words];
        for (int i = 0; i < nIn; i++) {
            entryMasks(spec, i, row);
            System.arraycopy(row, 0, masks, i * words * 2, 2 * words);
        }
        return new LshProjection(spec, nIn, masks);
    }

    /** A projection of bags of hashed features; entries are computed per feature on the fly. */
    public static LshProjection forFeatures(ProjectionSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("spec must not be null");
        }
        return new LshProjection(spec, -1, null);
    }

    /** The specification of this projection. */
    public ProjectionSpec spec() {
        return spec;
    }

    /** The dense input length, or -1 for a feature projection. */
    public int nIn() {
        return nIn;
    }

    /**
     * The masks of key {@code key}, interleaved: bit {@code p} of {@code masks[2g]} (of
     * {@code masks[2g + 1]}) is set when entry {@code 64g + p} is +1 (is -1). Bits past
     * {@code T * d} are clear. Allocation-free.
     *
     * @param masks at least {@code 2 * ceil(T * d / 64)} longs; overwritten
     */
    public static void entryMasks(ProjectionSpec spec, long key, long[] masks) {
        int words = spec.numWords();
        int k = spec.sparsityLog2();
        long base = XxHash64.hashLong(key, spec.seed());
        int tail = spec.numBits() & 63;
        // Outputs c = 0, 1, ... of SplitMix64 from base, in order: mix64(base + (c + 1) * GOLDEN_GAMMA).
        long state = base;
        for (int g = 0; g < words; g++) {
            state += SplitMix64.GOLDEN_GAMMA;
            long sign = SplitMix64.mix64(state);
            long nonzero = -1L;
            for (int j = 1; j <= k; j++) {
                state += SplitMix64.GOLDEN_GAMMA;
                nonzero &= SplitMix64.mix64(state);
            }
            if (g == words - 1 && tail != 0) {
                nonzero &= (1L << tail) - 1;
            }
            masks[2 * g] = nonzero & ~sign;
            masks[2 * g + 1] = nonzero & sign;
        }
    }

    /** The entry {@code P[key][bit]}: -1, 0 or +1. */
    public static int entry(ProjectionSpec spec, long key, int bit) {
        if (bit < 0 || bit >= spec.numBits()) {
            throw new IllegalArgumentException("bit must be in [0, " + spec.numBits() + "), got " + bit);
        }
        long[] masks = new long[2 * spec.numWords()];
        entryMasks(spec, key, masks);
        int g = bit >>> 6;
        int p = bit & 63;
        return (int) (masks[2 * g] >>> p & 1) - (int) (masks[2 * g + 1] >>> p & 1);
    }

    /**
     * Projects a dense input into packed bits.
     *
     * @param x       {@code nIn} finite values
     * @param acc     scratch of at least {@code T * d} floats; holds the accumulators afterwards
     * @param outBits at least {@code ceil(T * d / 64)} words; overwritten
     * @throws IllegalArgumentException on a null or wrong-length input, a NaN or infinite value, or short buffers
     */
    public void project(float[] x, float[] acc, long[] outBits) {
        requireDense();
        checkDenseInput(x);
        checkBuffers(acc, outBits);
        sums(x, 0, acc);
        threshold(acc, outBits);
    }

    /**
     * The accumulators of {@link #project(float[], float[], long[])} for the {@code nIn} values at
     * {@code x[offset, offset + nIn)}, unchecked: {@link PatchBits} projects every patch of one image it checked
     * once, from a buffer that also holds {@code acc}.
     */
    void sums(float[] x, int offset, float[] acc) {
        int words = spec.numWords();
        java.util.Arrays.fill(acc, 0, spec.numBits(), 0f);
        for (int i = 0; i < nIn; i++) {
            float v = x[offset + i];
            if (v == 0f) {
                continue;
            }
            if (columns == null) {
                accumulate(denseMasks, (i * words) * 2, words, v, acc);
                continue;
            }
            int e = starts[2 * i];
            for (int end = starts[2 * i + 1]; e < end; e++) {
                acc[columns[e]] += v;
            }
            for (int end = starts[2 * i + 2]; e < end; e++) {
                acc[columns[e]] -= v;
            }
        }
    }

    /** Allocating convenience form of {@link #project(float[], float[], long[])}. */
    public long[] project(float[] x) {
        long[] bits = new long[spec.numWords()];
        project(x, new float[spec.numBits()], bits);
        return bits;
    }

    /**
     * The accumulator of one bit for a dense input, {@code acc[bit]} of {@link #project}, summed in
     * the specified order. Lets a faster implementation settle the bits it cannot decide alone.
     */
    public float accumulator(float[] x, int bit) {
        requireDense();
        checkDenseInput(x);
        if (bit < 0 || bit >= spec.numBits()) {
            throw new IllegalArgumentException("bit must be in [0, " + spec.numBits() + "), got " + bit);
        }
        int words = spec.numWords();
        int g = bit >>> 6;
        int p = bit & 63;
        float sum = 0f;
        for (int i = 0; i < nIn; i++) {
            int m = (i * words + g) * 2;
            if ((denseMasks[m] >>> p & 1) != 0) {
                sum += x[i];
            } else if ((denseMasks[m + 1] >>> p & 1) != 0) {
                sum -= x[i];
            }
        }
        return sum;
    }

    /**
     * Projects a bag of hashed features into packed bits.
     *
     * @param keys    feature hashes; the first {@code count} are used, in order
     * @param weights finite feature weights, parallel to {@code keys}
     * @param count   number of features, {@code 0 <= count <= keys.length}
     * @param acc     scratch of at least {@code T * d} floats
     * @param masks   scratch of at least {@code 2 * ceil(T * d / 64)} longs; with at least
     *                {@link #featureScratchLength} longs, integer weights at density 1/8 or more take the
     *                integer path (same bits and accumulators, faster)
     * @param outBits at least {@code ceil(T * d / 64)} words; overwritten
     * @throws IllegalArgumentException on null arrays, a bad count, a non-finite weight or short buffers
     */
    public void projectFeatures(long[] keys, float[] weights, int count, float[] acc, long[] masks, long[] outBits) {
        if (keys == null || weights == null) {
            throw new IllegalArgumentException("keys and weights must not be null");
        }
        if (count < 0 || count > keys.length || count > weights.length) {
            throw new IllegalArgumentException("count must be in [0, min(keys.length, weights.length)], got "
                    + count + " for " + keys.length + " keys and " + weights.length + " weights");
        }
        checkBuffers(acc, outBits);
        int words = spec.numWords();
        if (masks == null || masks.length < 2 * words) {
            throw new IllegalArgumentException("masks scratch must hold at least " + 2 * words + " longs");
        }
        double sumAbs = 0;
        boolean integers = true;
        for (int j = 0; j < count; j++) {
            float w = weights[j];
            if (Float.isNaN(w) || Float.isInfinite(w)) {
                throw new IllegalArgumentException("feature weight " + j + " is not finite: " + w);
            }
            integers &= w == Math.rint(w);
            sumAbs += Math.abs(w);
        }
        // Below density 1/8 a word has too few set entries for the byte counters to beat the float loop.
        if (integers && sumAbs < EXACT_LIMIT && spec.sparsityLog2() <= 3
                && masks.length >= featureScratchLength(spec)) {
            projectIntegers(keys, weights, count, acc, masks, outBits);
            return;
        }
        java.util.Arrays.fill(acc, 0, spec.numBits(), 0f);
        for (int j = 0; j < count; j++) {
            float w = weights[j];
            if (w != 0f) {
                entryMasks(spec, keys[j], masks);
                accumulate(masks, 0, words, w, acc);
            }
        }
        threshold(acc, outBits);
    }

    /**
     * The length of a {@code masks} scratch with which {@link #projectFeatures} takes its integer path:
     * {@code 10 * ceil(T * d / 64)} longs (the entry masks and 64 byte counters per 64 columns).
     */
    public static int featureScratchLength(ProjectionSpec spec) {
        return 10 * spec.numWords();
    }

    /**
     * The integer path of {@link #projectFeatures}, taken when every weight is an integer,
     * {@code sum |w| < 2^24} and the density is at least 1/8. Then every float32 partial sum of the
     * specification is an exact integer, in any order, so the accumulators and bits are those of the
     * float path. Weights up to 127 in
     * magnitude go to 64 byte counters per word of columns, 8 per long, biased by 128 and added to
     * without carries between bytes (a byte column of a mask is spread to 8 bytes by {@link #SPREAD}):
     * a few word operations per 8 columns instead of one float addition per set entry. The counters are
     * flushed into {@code acc} before any of them could leave [0, 255]; larger weights are added to
     * {@code acc} directly.
     */
    private void projectIntegers(long[] keys, float[] weights, int count, float[] acc, long[] scratch,
                                 long[] outBits) {
        int words = spec.numWords();
        int counters = 2 * words;
        java.util.Arrays.fill(acc, 0, spec.numBits(), 0f);
        java.util.Arrays.fill(scratch, counters, counters + 8 * words, BIAS);
        int room = 127;
        for (int j = 0; j < count; j++) {
            int w = (int) weights[j];
            if (w == 0) {
                continue;
            }
            entryMasks(spec, keys[j], scratch);
            int a = Math.abs(w);
            if (a > 127) {
                accumulate(scratch, 0, words, w, acc);
                continue;
            }
            if (a > room) {
                flush(scratch, counters, acc);
                room = 127;
            }
            room -= a;
            int up = w > 0 ? 0 : 1;
            for (int g = 0; g < words; g++) {
                long plus = scratch[2 * g + up];
                long minus = scratch[2 * g + 1 - up];
                int c = counters + 8 * g;
                for (int q = 0; q < 8; q++) {
                    long spread = SPREAD[(int) (plus >>> 8 * q) & 255] - SPREAD[(int) (minus >>> 8 * q) & 255];
                    scratch[c + q] += spread * a;
                }
            }
        }
        flush(scratch, counters, acc);
        threshold(acc, outBits);
    }

    /** Adds the byte counters at {@code scratch[counters ...]}, less their bias, to {@code acc}; resets them. */
    private void flush(long[] scratch, int counters, float[] acc) {
        int numBits = spec.numBits();
        for (int b = 0; b < numBits; b += 8) {
            long c = scratch[counters + (b >>> 3)];
            for (int r = 0; r < 8 && b + r < numBits; r++) {
                acc[b + r] += (int) (c >>> 8 * r & 255) - 128;
            }
            scratch[counters + (b >>> 3)] = BIAS;
        }
    }

    /**
     * {@code acc[b] += v} where the +1 mask has bit b, {@code acc[b] -= v} where the -1 mask has it, as
     * {@code acc[b] + (-v)}: IEEE 754 defines {@code a - v} as {@code a + (-v)}, and {@code -v} is
     * {@code v} with its sign bit flipped, so one branch-free loop over both masks gives the same floats.
     */
    private static void accumulate(long[] masks, int offset, int words, float v, float[] acc) {
        int bits = Float.floatToRawIntBits(v);
        for (int g = 0; g < words; g++) {
            int baseBit = g << 6;
            long negative = masks[offset + 2 * g + 1];
            long m = masks[offset + 2 * g] | negative;
            while (m != 0) {
                int p = Long.numberOfTrailingZeros(m);
                acc[baseBit + p] += Float.intBitsToFloat(bits ^ (int) (negative >>> p) << 31);
                m &= m - 1;
            }
        }
    }

    private void threshold(float[] acc, long[] outBits) {
        int numBits = spec.numBits();
        int words = spec.numWords();
        for (int g = 0; g < words; g++) {
            long w = 0;
            int end = Math.min(64, numBits - (g << 6));
            for (int p = 0; p < end; p++) {
                if (acc[(g << 6) + p] > 0f) {
                    w |= 1L << p;
                }
            }
            outBits[g] = w;
        }
    }

    private void requireDense() {
        if (denseMasks == null) {
            throw new IllegalStateException("this is a feature projection; use projectFeatures");
        }
    }

    private void checkDenseInput(float[] x) {
        if (x == null) {
            throw new IllegalArgumentException("input must not be null");
        }
        if (x.length != nIn) {
            throw new IllegalArgumentException("input length must be " + nIn + ", got " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            if (Float.isNaN(v) || Float.isInfinite(v)) {
                throw new IllegalArgumentException("input value " + i + " is not finite: " + v);
            }
        }
    }

    private void checkBuffers(float[] acc, long[] outBits) {
        if (acc == null || acc.length < spec.numBits()) {
            throw new IllegalArgumentException("acc scratch must hold at least " + spec.numBits() + " floats");
        }
        if (outBits == null || outBits.length < spec.numWords()) {
            throw new IllegalArgumentException("outBits must hold at least " + spec.numWords() + " longs");
        }
    }
}
