package io.github.dl4jprojection.runtime.internal.projection;

import io.github.dl4jprojection.runtime.projection.ProjectionSpec;

/**
 * The reference patch projection of the PATCH model family (docs/PROJECTION.md, "Patch projection"): every
 * {@code p x p} patch at stride {@code s} of an image of height {@code h}, width {@code w} and {@code c} channels
 * goes through the one dense {@link LshProjection} of {@code p * p * c} inputs, the same entries for every position.
 * <pre>
 *   H0 = (h - p) / s + 1,  W0 = (w - p) / s + 1
 *   v_ij[(dy * p + dx) * c + ch] = x[(ch * h + i * s + dy) * w + j * s + dx]      dy, dx &lt; p
 *   bits_ij = LshProjection.forDenseInput(spec, p * p * c).project(v_ij)          B = T * d bits
 * </pre>
 * Output bits are position-major: bit {@code (i * W0 + j) * B + b} is bit {@code b} of position {@code (i, j)},
 * packed as in {@link PackedBits}. Immutable and thread-safe; callers pass their own scratch, so {@link #project}
 * allocates nothing.
 */
public final class PatchBits {

    private final LshProjection projection;
    private final int height;
    private final int width;
    private final int channels;
    private final int window;
    private final int stride;
    private final int rows;
    private final int columns;
    private final int numBits;

    /**
     * @throws IllegalArgumentException on a null spec, a non-positive size, or a window that does not fit
     */
    public PatchBits(ProjectionSpec spec, int height, int width, int channels, int window, int stride) {
        if (height < 1 || width < 1 || channels < 1 || window < 1 || stride < 1) {
            throw new IllegalArgumentException("height, width, channels, window and stride must be positive, got "
                    + height + ", " + width + ", " + channels + ", " + window + ", " + stride);
        }
        if (window > height || window > width) {
            throw new IllegalArgumentException("window " + window + " does not fit the image " + height + " x "
                    + width);
        }
        if ((long) height * width * channels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("height * width * channels is too large: " + height + " * " + width
                    + " * " + channels);
        }
        this.projection = LshProjection.forDenseInput(spec, window * window * channels);
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.window = window;
        this.stride = stride;
        this.rows = (height - window) / stride + 1;
        this.columns = (width - window) / stride + 1;
        this.numBits = spec.numBits();
        if ((long) rows * columns * numBits > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("positions * T * d is too large: " + rows + " * " + columns + " * "
                    + numBits);
        }
    }

    /** {@code H0}, the positions per column. */
    public int rows() {
        return rows;
    }

    /** {@code W0}, the positions per row. */
    public int columns() {
        return columns;
    }

    /** {@code H0 * W0}. */
    public int positions() {
        return rows * columns;
    }

    /** {@code B = T * d}. */
    public int bitsPerPosition() {
        return numBits;
    }

    /** {@code ceil(positions * B / 64)}, the longs {@link #project} fills. */
    public int outputWords() {
        return (int) (((long) positions() * numBits + 63) >>> 6);
    }

    /** Scratch for one call of {@link #project}: the accumulators ({@code B}), then one patch ({@code p * p * c}). */
    public float[] newScratch() {
        return new float[numBits + projection.nIn()];
    }

    /**
     * Writes the bits of every position to {@code out[0, outputWords())}.
     *
     * @param x       {@code c * h * w} finite values, CHW
     * @param scratch from {@link #newScratch()} (or as long)
     * @param out     at least {@link #outputWords()} longs
     * @throws IllegalArgumentException on a null or wrong-length input, a NaN or infinite value, or short buffers
     */
    public void project(float[] x, float[] scratch, long[] out) {
        int n = height * width * channels;
        if (x == null || x.length != n) {
            throw new IllegalArgumentException("input length must be " + n + " (" + channels + " x " + height + " x "
                    + width + "), got " + (x == null ? "null" : String.valueOf(x.length)));
        }
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(x[i]) || Float.isInfinite(x[i])) {
                throw new IllegalArgumentException("input value " + i + " is not finite: " + x[i]);
            }
        }
        if (scratch == null || scratch.length < numBits + projection.nIn()) {
            throw new IllegalArgumentException("scratch must hold at least " + (numBits + projection.nIn())
                    + " floats");
        }
        int words = outputWords();
        if (out == null || out.length < words) {
            throw new IllegalArgumentException("out must hold at least " + words + " longs");
        }
        java.util.Arrays.fill(out, 0, words, 0L);
        int bit = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                int v = numBits;
                for (int dy = 0; dy < window; dy++) {
                    for (int dx = 0; dx < window; dx++) {
                        for (int ch = 0; ch < channels; ch++) {
                            scratch[v++] = x[(ch * height + i * stride + dy) * width + j * stride + dx];
                        }
                    }
                }
                projection.sums(scratch, numBits, scratch);
                for (int b = 0; b < numBits; b++, bit++) {
                    if (scratch[b] > 0f) {
                        out[bit >>> 6] |= 1L << (bit & 63);
                    }
                }
            }
        }
    }
}
