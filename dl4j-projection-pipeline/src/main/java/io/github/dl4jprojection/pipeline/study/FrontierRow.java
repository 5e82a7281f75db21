package io.github.dl4jprojection.pipeline.study;

import java.util.Objects;

/**
 * One measured model of the study: a CSV row.
 *
 * <p>{@code bits} and {@code hidden} name the sweep point (the projection network's {@code T * d} and hidden
 * width, 0 for none) that the row belongs to; an MLP baseline's own shape is in {@code detail}. The trainer row
 * has {@code bits = hidden = 0}. {@code measuredBy} says where the accuracy comes from: {@code runtime} (the
 * exported file run by the ND4J-free runtime) or {@code dl4j}.
 */
public final class FrontierRow {

    private final String task;
    private final StudyMethod method;
    private final int bits;
    private final int hidden;
    private final long params;
    private final long exportedBytes;
    private final double accuracy;
    private final double seconds;
    private final String measuredBy;
    private final String detail;

    /** @throws IllegalArgumentException naming the argument that is null or negative */
    public FrontierRow(String task, StudyMethod method, int bits, int hidden, long params, long exportedBytes,
                       double accuracy, double seconds, String measuredBy, String detail) {
        this.task = Objects.requireNonNull(task, "task");
        this.method = Objects.requireNonNull(method, "method");
        if (bits < 0 || hidden < 0 || params < 0 || exportedBytes < 0) {
            throw new IllegalArgumentException("bits, hidden, params and exportedBytes must be >= 0, got " + bits + ", "
                    + hidden + ", " + params + ", " + exportedBytes);
        }
        this.bits = bits;
        this.hidden = hidden;
        this.params = params;
        this.exportedBytes = exportedBytes;
        this.accuracy = accuracy;
        this.seconds = seconds;
        this.measuredBy = Objects.requireNonNull(measuredBy, "measuredBy");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public String task() {
        return task;
    }

    public StudyMethod method() {
        return method;
    }

    /** The sweep point's bit budget {@code T * d}. */
    public int bits() {
        return bits;
    }

    /** The sweep point's projection hidden width (0: bits straight to softmax). */
    public int hidden() {
        return hidden;
    }

    /** Weights and biases of the model. */
    public long params() {
        return params;
    }

    /**
     * The .pnet file size (projection networks), or {@code 4 * params} plus the same file's non-weight overhead
     * (MLPs: float32 weights and biases as the format stores them, in a file with the same header).
     */
    public long exportedBytes() {
        return exportedBytes;
    }

    /** Test accuracy in [0, 1]. */
    public double accuracy() {
        return accuracy;
    }

    /** Training wall time. */
    public double seconds() {
        return seconds;
    }

    /** {@code runtime} or {@code dl4j}. */
    public String measuredBy() {
        return measuredBy;
    }

    /** The model's shape, e.g. {@code mlp 784-12-10} or {@code projection 32:16 (density 1/4)-32-10}. */
    public String detail() {
        return detail;
    }
}
