package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.runtime.model.DenseBlock;

/**
 * The small CNN ({@link CnnShape}) in plain Java. The convolution is a {@link JavaLayer} of 9 inputs (the 3x3
 * patch, row-major, zero outside the image) and C outputs (ReLU) applied at every pixel, so its int8 form has one
 * scale per channel; max pooling; then the dense layer on the pooled map flattened channel-major
 * ({@code c (H/P)(W/P) + y (W/P) + x}, the order of DL4J's CNN-to-dense preprocessor).
 */
final class CnnForward implements JavaBaseline {

    private final CnnShape shape;
    private final JavaLayer conv;
    private final JavaLayer dense;
    private final float[] patch = new float[CnnShape.KERNEL * CnnShape.KERNEL];
    private final float[] convOut;
    private final float[] pooled;
    private final float[] logits;

    /**
     * @param conv  {@code 9 -> C}, weight {@code [ky * 3 + kx][c]}, ReLU
     * @param dense {@code (H/P)(W/P) C -> K}, identity
     * @throws IllegalArgumentException when the blocks do not have the shape's sizes
     */
    CnnForward(CnnShape shape, DenseBlock conv, DenseBlock dense, boolean int8) {
        if (conv.nIn() != patch.length || conv.nOut() != shape.channels() || dense.nIn() != shape.denseInputs()
                || dense.nOut() != shape.numClasses()) {
            throw new IllegalArgumentException("layers " + conv + ", " + dense + " do not fit " + shape);
        }
        this.shape = shape;
        this.conv = JavaLayer.of(conv, int8);
        this.dense = JavaLayer.of(dense, int8);
        this.convOut = new float[shape.height() * shape.width() * shape.channels()];
        this.pooled = new float[shape.denseInputs()];
        this.logits = new float[shape.numClasses()];
    }

    @Override
    public int classify(float[] x) {
        int h = shape.height();
        int w = shape.width();
        int c = shape.channels();
        for (int y = 0; y < h; y++) {
            for (int x0 = 0; x0 < w; x0++) {
                for (int ky = 0; ky < CnnShape.KERNEL; ky++) {
                    for (int kx = 0; kx < CnnShape.KERNEL; kx++) {
                        int yy = y + ky - 1;
                        int xx = x0 + kx - 1;
                        patch[ky * CnnShape.KERNEL + kx] = yy < 0 || yy >= h || xx < 0 || xx >= w ? 0f : x[yy * w + xx];
                    }
                }
                conv.forward(patch, 0, convOut, (y * w + x0) * c);
            }
        }
        int p = shape.pool();
        int ph = h / p;
        int pw = w / p;
        for (int ch = 0; ch < c; ch++) {
            for (int py = 0; py < ph; py++) {
                for (int px = 0; px < pw; px++) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int dy = 0; dy < p; dy++) {
                        for (int dx = 0; dx < p; dx++) {
                            max = Math.max(max, convOut[((py * p + dy) * w + px * p + dx) * c + ch]);
                        }
                    }
                    pooled[(ch * ph + py) * pw + px] = max;
                }
            }
        }
        dense.forward(pooled, 0, logits, 0);
        return JavaBaseline.argmax(logits, logits.length);
    }

    /** {@code 9 H W C + (H/P)(W/P) C K}, as {@link CnnShape#macs()}. */
    @Override
    public long macs() {
        return conv.macs() * shape.height() * shape.width() + dense.macs();
    }

    @Override
    public long storedBytes() {
        return conv.storedBytes() + dense.storedBytes();
    }
}
