package io.github.dl4jprojection.data;

/** How {@link ImageDataSetIterator} presents pixel values to a network. */
public enum PixelScaling {
    /** The stored integers 0..255 as floats: what the projection layer and the runtime take. */
    RAW(1f),
    /** {@code pixel / 255}, in [0, 1]: the usual input of a trainer network. */
    UNIT(1f / 255f);

    private final float factor;

    PixelScaling(float factor) {
        this.factor = factor;
    }

    /** The factor each stored pixel value is multiplied by. */
    public float factor() {
        return factor;
    }
}
