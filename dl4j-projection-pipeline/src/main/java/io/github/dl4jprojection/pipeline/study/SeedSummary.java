package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.runtime.model.WeightType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model of the frontier over its seeds: the rows of the same task, method, weight type, bits and hidden
 * width, one per seed, reduced to
 * <pre>
 *   mean = (1/n) sum_s a_s        std = sqrt( sum_s (a_s - mean)^2 / (n - 1) )   (0 when n = 1)
 *   min, max of a_s;   bytes, MACs, us per example: their means over the seeds
 * </pre>
 * for the accuracies {@code a_s} of the {@code n} seeds. The spread shown in tables and error bars is {@code std},
 * the sample standard deviation; min and max are in the summary CSV beside it.
 */
public final class SeedSummary {

    private final FrontierRow first;
    private final int seeds;
    private final double mean;
    private final double std;
    private final double min;
    private final double max;
    private final double exportedBytes;
    private final double macs;
    private final double microsPerExample;

    private SeedSummary(List<FrontierRow> rows) {
        this.first = rows.get(0);
        this.seeds = rows.size();
        double sum = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double bytes = 0;
        double macCount = 0;
        double micros = 0;
        for (FrontierRow r : rows) {
            sum += r.accuracy();
            lo = Math.min(lo, r.accuracy());
            hi = Math.max(hi, r.accuracy());
            bytes += r.exportedBytes();
            macCount += r.macs();
            micros += r.microsPerExample();
        }
        this.mean = sum / seeds;
        double squares = 0;
        for (FrontierRow r : rows) {
            squares += (r.accuracy() - mean) * (r.accuracy() - mean);
        }
        this.std = seeds > 1 ? Math.sqrt(squares / (seeds - 1)) : 0;
        this.min = lo;
        this.max = hi;
        this.exportedBytes = bytes / seeds;
        this.macs = macCount / seeds;
        this.microsPerExample = micros / seeds;
    }

    /**
     * Groups {@code rows} by task, method, weight type, bits and hidden width, in the order each group first
     * appears.
     */
    public static List<SeedSummary> of(List<FrontierRow> rows) {
        Map<String, List<FrontierRow>> groups = new LinkedHashMap<>();
        for (FrontierRow r : rows) {
            String key = r.task() + "\n" + r.method() + "\n" + r.weights() + "\n" + r.bits() + "\n" + r.hidden();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<SeedSummary> out = new ArrayList<>();
        for (List<FrontierRow> group : groups.values()) {
            out.add(new SeedSummary(group));
        }
        return Collections.unmodifiableList(out);
    }

    public String task() {
        return first.task();
    }

    public StudyMethod method() {
        return first.method();
    }

    public WeightType weights() {
        return first.weights();
    }

    public int bits() {
        return first.bits();
    }

    public int hidden() {
        return first.hidden();
    }

    /** The first seed's parameter count (the same at every seed: the shapes depend on the point only). */
    public long params() {
        return first.params();
    }

    /** The first seed's detail column. */
    public String detail() {
        return first.detail();
    }

    /** How many seeds (rows) were reduced. */
    public int seeds() {
        return seeds;
    }

    /** Mean test accuracy over the seeds. */
    public double mean() {
        return mean;
    }

    /** Sample standard deviation of the accuracy over the seeds (n - 1 in the denominator), 0 for one seed. */
    public double std() {
        return std;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** Mean exported bytes over the seeds. */
    public double exportedBytes() {
        return exportedBytes;
    }

    /** Mean multiply-accumulates per example over the seeds. */
    public double macs() {
        return macs;
    }

    /** Mean measured microseconds per example over the seeds (NaN when not measured). */
    public double microsPerExample() {
        return microsPerExample;
    }
}
