package io.github.dl4jprojection.pipeline.study;

import java.util.function.IntUnaryOperator;

/**
 * Accuracy and time per example of a classifier run one test example at a time on the calling thread: the
 * study's device-cost figure. First one pass over every test example gives the accuracy (and lets the JIT compile
 * the forward pass); then {@link #PASSES} timed passes over the first {@link #TIMED} examples, of which the fastest
 * counts:
 * <pre>
 *   us per example = min over passes (System.nanoTime() after - before) / 1000 / min(n, TIMED)
 * </pre>
 * The fastest pass, because on a shared machine other processes only ever add time. The time includes what a
 * device does per example (featurizing a text, projecting, the dense layers) and the classifier's own input copy;
 * it is a report figure, never a test assertion.
 */
final class TimedEvaluation {

    /** Examples of each timed pass. */
    static final int TIMED = 1000;
    /** Timed passes. */
    static final int PASSES = 5;

    private final double accuracy;
    private final double microsPerExample;

    private TimedEvaluation(double accuracy, double microsPerExample) {
        this.accuracy = accuracy;
        this.microsPerExample = microsPerExample;
    }

    /**
     * @param classify the predicted class of test example {@code i}
     * @param labels   the true class of each test example
     */
    static TimedEvaluation run(IntUnaryOperator classify, int[] labels) {
        int n = labels.length;
        if (n == 0) {
            return new TimedEvaluation(Double.NaN, Double.NaN);
        }
        int correct = 0;
        for (int i = 0; i < n; i++) {
            correct += classify.applyAsInt(i) == labels[i] ? 1 : 0;
        }
        int timed = Math.min(n, TIMED);
        long fastest = Long.MAX_VALUE;
        for (int pass = 0; pass < PASSES; pass++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < timed; i++) {
                classify.applyAsInt(i);
            }
            fastest = Math.min(fastest, System.nanoTime() - t0);
        }
        return new TimedEvaluation((double) correct / n, fastest / 1e3 / timed);
    }

    /** Share of test examples classified right. */
    double accuracy() {
        return accuracy;
    }

    /** Microseconds per example of the fastest timed pass. */
    double microsPerExample() {
        return microsPerExample;
    }
}
