package io.github.dl4jprojection.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The exported model measured through the runtime on a test set: accuracy, agreement with the DL4J
 * projection network (when its predictions are known), the mean time of one {@code predict}, and the confusion
 * matrix of the runtime's predictions ({@code K x K} counts over the model's classes: row = true class, column =
 * predicted class).
 */
public final class RuntimeEvaluation {

    private final int examples;
    private final double accuracy;
    private final double agreement;
    private final double nanosPerExample;
    private final List<String> labelNames;
    private final int[][] confusion;

    /** @param confusion counts {@code [true][predicted]}, one row and column per class of {@code labelNames} */
    RuntimeEvaluation(int examples, double accuracy, double agreement, double nanosPerExample, List<String> labelNames,
                      int[][] confusion) {
        this.examples = examples;
        this.accuracy = accuracy;
        this.agreement = agreement;
        this.nanosPerExample = nanosPerExample;
        this.labelNames = Collections.unmodifiableList(new ArrayList<>(labelNames));
        this.confusion = copy(confusion);
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

    /** The model's class names, the rows and columns of {@link #confusionMatrix()} (unmodifiable). */
    public List<String> labelNames() {
        return labelNames;
    }

    /**
     * How many test examples of true class {@code r} the runtime predicted as class {@code c}, at {@code [r][c]}
     * (a copy); the rows sum to the examples of each class, the diagonal to the correct ones.
     */
    public int[][] confusionMatrix() {
        return copy(confusion);
    }

    private static int[][] copy(int[][] m) {
        int[][] c = new int[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
