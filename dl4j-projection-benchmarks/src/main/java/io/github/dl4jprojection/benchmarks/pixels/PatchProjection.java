package io.github.dl4jprojection.benchmarks.pixels;

import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;

/**
 * Local bits: the image is cut into {@code window x window} patches at a {@code stride} (row-major patch order),
 * each patch is centred by the per-pixel offsets and projected by <b>one shared</b> LSH projection of
 * {@code window^2} inputs and {@code bitsPerPatch} bits, as a convolution over bits would see them:
 * <pre>
 *   bit[p * bitsPerPatch + b] = (sum_{(r, c) in patch p} P[r' * window + c'][b] * (x[r][c] - o[r][c])) &gt; 0
 * </pre>
 * ({@code r', c'} the position inside the patch). {@code B = patches * bitsPerPatch}. The device stores the
 * offsets and the layout (window, stride); the projection is still derived from one seed.
 */
final class PatchProjection implements BitScheme {

    /** Window and stride stored as two 16-bit values, besides the offsets. */
    private static final int LAYOUT_BYTES = 4;

    private final float[] offsets;
    private final int side;
    private final int window;
    private final int perRow;
    private final int patches;
    private final LshProjection projection;
    private final int stride;
    private final float[] patch;
    private final float[] acc;
    private final long[] patchBits;

    /**
     * @param offsets {@code side * side} integer offsets (per-pixel means)
     * @throws IllegalArgumentException when the windows do not fit the image
     */
    PatchProjection(float[] offsets, int side, int window, int stride, int bitsPerPatch, double density, long seed) {
        if (side * side != offsets.length || window < 1 || stride < 1 || window > side || bitsPerPatch < 1) {
            throw new IllegalArgumentException("patches of " + window + " at stride " + stride + " with "
                    + bitsPerPatch + " bits do not fit a " + side + "x" + side + " image");
        }
        this.offsets = offsets.clone();
        this.side = side;
        this.window = window;
        this.stride = stride;
        this.perRow = (side - window) / stride + 1;
        this.patches = perRow * perRow;
        this.projection = LshProjection.forDenseInput(ProjectionSpec.builder().numFunctions(bitsPerPatch)
                .bitsPerFunction(1).density(density).seed(seed).build(), window * window);
        this.patch = new float[window * window];
        this.acc = new float[bitsPerPatch];
        this.patchBits = new long[projection.spec().numWords()];
    }

    /** Number of patches in the image. */
    int patches() {
        return patches;
    }

    @Override
    public String name() {
        return "patch" + window + "s" + stride;
    }

    @Override
    public int numBits() {
        return patches * projection.spec().numBits();
    }

    @Override
    public int extraBytes() {
        return offsets.length + LAYOUT_BYTES;
    }

    @Override
    public void project(float[] pixels, long[] out) {
        java.util.Arrays.fill(out, 0, (numBits() + 63) >>> 6, 0L);
        int bitsPerPatch = projection.spec().numBits();
        for (int p = 0; p < patches; p++) {
            int top = p / perRow * stride;
            int left = p % perRow * stride;
            for (int r = 0; r < window; r++) {
                for (int c = 0; c < window; c++) {
                    int i = (top + r) * side + left + c;
                    patch[r * window + c] = pixels[i] - offsets[i];
                }
            }
            projection.project(patch, acc, patchBits);
            PackedBitsCopy.append(patchBits, bitsPerPatch, out, p * bitsPerPatch);
        }
    }
}
