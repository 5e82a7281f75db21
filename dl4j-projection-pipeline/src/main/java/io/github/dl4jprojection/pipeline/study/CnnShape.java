package io.github.dl4jprojection.pipeline.study;

/**
 * The shape of the small-CNN baseline on one-channel {@code H x W} images:
 * <pre>
 *   x [H, W, 1] -&gt; conv 3x3, C channels, stride 1, zero padding 1 ("same"), ReLU -&gt; [H, W, C]
 *              -&gt; max pool P x P, stride P (a partial window at the edge is dropped) -&gt; [H/P, W/P, C] (floor)
 *              -&gt; dense K (softmax)
 *   params = 9 C + C + (H/P)(W/P) C K + K
 *   MACs   = 9 H W C + (H/P)(W/P) C K
 * </pre>
 * What an embedded engineer would try first: one convolution with few channels, pooling, one dense layer.
 */
public final class CnnShape {

    /** The convolution's kernel side. */
    public static final int KERNEL = 3;

    private final int height;
    private final int width;
    private final int channels;
    private final int pool;
    private final int numClasses;

    /** @throws IllegalArgumentException naming the argument out of range */
    public CnnShape(int height, int width, int channels, int pool, int numClasses) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("height and width must be at least 1, got " + height + "x" + width);
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be at least 1, got " + channels);
        }
        if (pool < 1 || pool > height || pool > width) {
            throw new IllegalArgumentException("pool must be in 1..min(height, width) = 1.." + Math.min(height, width)
                    + ", got " + pool);
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be at least 2, got " + numClasses);
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.pool = pool;
        this.numClasses = numClasses;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int channels() {
        return channels;
    }

    public int pool() {
        return pool;
    }

    public int numClasses() {
        return numClasses;
    }

    /** Inputs of the dense layer: {@code (H/P)(W/P) C}. */
    public int denseInputs() {
        return (height / pool) * (width / pool) * channels;
    }

    /** Weights and biases of the convolution: {@code 9 C + C}. */
    public long convParams() {
        return (long) KERNEL * KERNEL * channels + channels;
    }

    /** Weights and biases: {@code 9 C + C + (H/P)(W/P) C K + K}. */
    public long params() {
        return convParams() + ByteBudget.denseParams(denseInputs(), 0, numClasses);
    }

    /** {@code 4 * params()}: float32 weights and biases. */
    public long bytes() {
        return ByteBudget.FLOAT_BYTES * params();
    }

    /** Multiply-accumulates of one image: {@code 9 H W C + (H/P)(W/P) C K}. */
    public long macs() {
        return (long) KERNEL * KERNEL * height * width * channels + (long) denseInputs() * numClasses;
    }

    @Override
    public String toString() {
        return "cnn conv3x3x" + channels + "-maxpool" + pool + "-" + numClasses;
    }
}
