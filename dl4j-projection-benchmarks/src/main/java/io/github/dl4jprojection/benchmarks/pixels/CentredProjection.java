package io.github.dl4jprojection.benchmarks.pixels;

import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;

/**
 * One LSH projection of the whole image after subtracting integer offsets:
 * {@code bit[b] = (sum_i P[i][b] * (x_i - o_i)) > 0}, {@code P} of docs/PROJECTION.md. With {@code o = 0} these
 * are today's bits (raw pixels); with {@code o_i = g} (the training set's mean pixel, rounded) globally centred
 * bits; with {@code o_i = m_i} (pixel {@code i}'s rounded training mean) per-pixel centred bits. Offsets are
 * integers in 0..255, so {@code x_i - o_i} is an integer in -255..255 and the sums stay exact.
 */
final class CentredProjection implements BitScheme {

    private final String name;
    private final float[] offsets;
    private final int extraBytes;
    private final LshProjection projection;
    private final float[] centred;
    private final float[] acc;

    /**
     * @param offsets    {@code o}, one integer per pixel
     * @param extraBytes what storing {@code o} costs a model file (0 for none, 1 for a global mean, one byte
     *                   per pixel for a per-pixel mean)
     */
    CentredProjection(String name, float[] offsets, int extraBytes, ProjectionSpec spec) {
        this.name = name;
        this.offsets = offsets.clone();
        this.extraBytes = extraBytes;
        this.projection = LshProjection.forDenseInput(spec, offsets.length);
        this.centred = new float[offsets.length];
        this.acc = new float[spec.numBits()];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int numBits() {
        return projection.spec().numBits();
    }

    @Override
    public int extraBytes() {
        return extraBytes;
    }

    @Override
    public void project(float[] pixels, long[] out) {
        for (int i = 0; i < centred.length; i++) {
            centred[i] = pixels[i] - offsets[i];
        }
        projection.project(centred, acc, out);
    }
}
