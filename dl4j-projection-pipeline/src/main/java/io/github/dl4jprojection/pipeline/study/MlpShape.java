package io.github.dl4jprojection.pipeline.study;

/**
 * The shape of a baseline MLP: {@code nIn -> hidden (ReLU) -> K (softmax)}, or {@code nIn -> K} when
 * {@code hidden} is 0.
 */
public final class MlpShape {

    private final int nIn;
    private final int hidden;
    private final int numClasses;

    /** @throws IllegalArgumentException naming the argument out of range */
    public MlpShape(int nIn, int hidden, int numClasses) {
        if (nIn < 1) {
            throw new IllegalArgumentException("nIn must be at least 1, got " + nIn);
        }
        if (hidden < 0) {
            throw new IllegalArgumentException("hidden must be 0 (none) or more, got " + hidden);
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be at least 2, got " + numClasses);
        }
        this.nIn = nIn;
        this.hidden = hidden;
        this.numClasses = numClasses;
    }

    public int nIn() {
        return nIn;
    }

    /** 0 for none. */
    public int hidden() {
        return hidden;
    }

    public int numClasses() {
        return numClasses;
    }

    /** Weights and biases: {@code nIn*h + h + h*K + K}, or {@code nIn*K + K} without a hidden layer. */
    public long params() {
        return ByteBudget.denseParams(nIn, hidden, numClasses);
    }

    /** {@code 4 * params()}: float32 weights and biases, as a {@code .pnet} file's dense sections store them. */
    public long bytes() {
        return ByteBudget.FLOAT_BYTES * params();
    }

    @Override
    public String toString() {
        return "mlp " + nIn + (hidden > 0 ? "-" + hidden : "") + "-" + numClasses;
    }
}
