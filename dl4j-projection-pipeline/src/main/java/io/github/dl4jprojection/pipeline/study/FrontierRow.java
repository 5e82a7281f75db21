package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.runtime.model.WeightType;
import java.util.Objects;

/**
 * One measured model of the study: a CSV row.
 *
 * <p>{@code bits} and {@code hidden} name the sweep point (the projection network's {@code T * d} and hidden
 * width, 0 for none) that the row belongs to; an MLP baseline's own shape is in {@code detail}. The trainer row
 * has {@code bits = hidden = 0}. {@code measuredBy} says where the accuracy comes from: {@code runtime} (the
 * exported file run by the ND4J-free runtime), {@code java} (a baseline run one example at a time in plain Java
 * with the format's float32 or int8 weights, {@link JavaLayer}) or {@code dl4j} (the trainer). Each trained
 * student gives two rows, one per weight type: its float32 model and the int8 form of the same weights.
 */
public final class FrontierRow {

    private final String task;
    private final StudyMethod method;
    private final long seed;
    private final WeightType weights;
    private final int bits;
    private final int hidden;
    private final long params;
    private final long exportedBytes;
    private final double accuracy;
    private final long macs;
    private final double microsPerExample;
    private final double seconds;
    private final String measuredBy;
    private final String detail;

    /**
     * @param seed             the seed of the run (trainer, projection, initialization, minibatch order)
     * @param weights          FLOAT32 or INT8
     * @param macs             multiply-accumulates per example, 0 where not counted (the trainer)
     * @param microsPerExample measured time per test example, NaN where not measured (the trainer)
     * @throws IllegalArgumentException naming the argument that is null or negative
     */
    public FrontierRow(String task, StudyMethod method, long seed, WeightType weights, int bits, int hidden,
                       long params, long exportedBytes, double accuracy, long macs, double microsPerExample,
                       double seconds, String measuredBy, String detail) {
        this.task = Objects.requireNonNull(task, "task");
        this.method = Objects.requireNonNull(method, "method");
        this.seed = seed;
        this.weights = Objects.requireNonNull(weights, "weights");
        if (weights == WeightType.INT8_FIXED) {
            throw new IllegalArgumentException("weights must be FLOAT32 or INT8, got " + weights);
        }
        if (bits < 0 || hidden < 0 || params < 0 || exportedBytes < 0 || macs < 0) {
            throw new IllegalArgumentException("bits, hidden, params, exportedBytes and macs must be >= 0, got " + bits
                    + ", " + hidden + ", " + params + ", " + exportedBytes + ", " + macs);
        }
        this.macs = macs;
        this.microsPerExample = microsPerExample;
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

    /** The seed of the run. */
    public long seed() {
        return seed;
    }

    /** FLOAT32, or INT8: the same trained weights quantized (the runtime's per-output int8, float32 biases). */
    public WeightType weights() {
        return weights;
    }

    /** Multiply-accumulates of one example (see {@link FrontierSweep} for how each method's are counted). */
    public long macs() {
        return macs;
    }

    /** Mean time per test example in microseconds, measured in this JVM on one thread; NaN for the trainer. */
    public double microsPerExample() {
        return microsPerExample;
    }

    /** The sweep point's bit budget {@code T * d}. */
    public int bits() {
        return bits;
    }

    /** The sweep point's projection hidden width (0: bits straight to softmax). */
    public int hidden() {
        return hidden;
    }

    /** Weights and biases of the model as trained (the int8 row's are the same; its scales are not counted). */
    public long params() {
        return params;
    }

    /**
     * The .pnet file size (projection networks), or the stored weight bytes plus the same point's file overhead
     * (MLPs and CNNs: weights and biases as the format's dense sections store them, float32 or int8, in a file
     * with the same header).
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

    /** {@code runtime}, {@code java} or {@code dl4j}. */
    public String measuredBy() {
        return measuredBy;
    }

    /** The model's shape, e.g. {@code mlp 784-12-10} or {@code projection 32:16 (density 1/4)-32-10}. */
    public String detail() {
        return detail;
    }
}
