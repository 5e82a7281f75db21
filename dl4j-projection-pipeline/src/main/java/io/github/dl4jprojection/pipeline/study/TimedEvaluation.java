package io.github.dl4jprojection.pipeline.study;

import java.util.function.IntUnaryOperator;

/**
 * Accuracy and time per example of a classifier run one test example at a time on the calling thread: the
 * study's device-cost figure. The loop: one untimed pass over the first {@link #WARM_UP} examples (so the JIT
 * compiles the forward pass), then one timed pass over every test example, which also gives the accuracy:
 * <pre>
 *   us per example = (System.nanoTime() after - before) / 1000 / n
 * </pre>
 * The time includes what a device does per example (featurizing a text, projecting, the dense layers) and the
 * classifier's own input copy; it is a report figure measured on a shared machine, never a test assertion.
 */
final class TimedEvaluation {

    /** Examples of the untimed warm-up pass. */
    static final int WARM_UP = 500;

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
        for (int i = 0; i < Math.min(WARM_UP, n); i++) {
            classify.applyAsInt(i);
        }
        int correct = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            correct += classify.applyAsInt(i) == labels[i] ? 1 : 0;
        }
        long nanos = System.nanoTime() - t0;
        return n == 0 ? new TimedEvaluation(Double.NaN, Double.NaN)
                : new TimedEvaluation((double) correct / n, nanos / 1e3 / n);
    }

    /** Share of test examples classified right. */
    double accuracy() {
        return accuracy;
    }

    /** Mean microseconds per test example of the timed pass. */
    double microsPerExample() {
        return microsPerExample;
    }
}
