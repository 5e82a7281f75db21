package io.github.dl4jprojection.pipeline;

/**
 * The exported model measured through the runtime on a test set: accuracy, agreement with the DL4J
 * projection network (when its predictions are known) and the mean time of one {@code predict}.
 */
public final class RuntimeEvaluation {

    private final int examples;
    private final double accuracy;
    private final double agreement;
    private final double nanosPerExample;

    RuntimeEvaluation(int examples, double accuracy, double agreement, double nanosPerExample) {
        this.examples = examples;
        this.accuracy = accuracy;
        this.agreement = agreement;
        this.nanosPerExample = nanosPerExample;
    }

    /** The number of test images. */
    public int examples() {
        return examples;
    }

    /** Fraction of test images classified correctly by the runtime. */
    public double accuracy() {
        return accuracy;
    }

    /** Fraction of test images on which the runtime and DL4J predict the same class; NaN when unknown. */
    public double agreement() {
        return agreement;
    }

    /** True when {@link #agreement()} was measured. */
    public boolean hasAgreement() {
        return !Double.isNaN(agreement);
    }

    /** Mean wall time of one runtime {@code predict} call, in nanoseconds (single thread). */
    public double nanosPerExample() {
        return nanosPerExample;
    }
}
