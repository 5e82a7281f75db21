package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.runtime.model.WeightType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The study's answer as Markdown: per weight type (float32, int8) a table of the sweep points with each method's
 * mean test accuracy and its spread over the seeds ({@code mean ± std}, {@link SeedSummary}), the margin of (d)
 * over (c) (does joint training earn its place) and the margin of the better projection network over the best
 * baseline ((a), (b), (e)) in percentage points of the means (negative: the projection network is below); when the
 * rows have sketch networks (text tasks), also their columns and the margin of the better of (f), (g) over the same
 * baselines, counted in a sentence of its own: each family's wins are its own. Then a table of the device cost at
 * each point (MACs and measured microseconds per example, float32).
 */
public final class FrontierSummary {

    private static final StudyMethod[] STUDENTS = {StudyMethod.MLP_ALONE, StudyMethod.MLP_DISTILLED,
        StudyMethod.PROJECTION_ALONE, StudyMethod.PROJECTION_JOINT, StudyMethod.CNN_ALONE};
    private static final StudyMethod[] PROJECTIONS = {StudyMethod.PROJECTION_ALONE, StudyMethod.PROJECTION_JOINT};
    private static final StudyMethod[] SKETCHES = {StudyMethod.SKETCH_ALONE, StudyMethod.SKETCH_JOINT};
    private static final StudyMethod[] BASELINES = {StudyMethod.MLP_ALONE, StudyMethod.MLP_DISTILLED,
        StudyMethod.CNN_ALONE};

    private FrontierSummary() {
    }

    /** The tables; a method missing at a point is a dash, and a margin needs both of its sides. */
    public static String markdown(List<FrontierRow> rows) {
        List<SeedSummary> summaries = SeedSummary.of(rows);
        boolean sketch = summaries.stream().anyMatch(s -> s.method().sketch());
        StringBuilder out = new StringBuilder();
        for (WeightType weights : new WeightType[] {WeightType.FLOAT32, WeightType.INT8}) {
            Map<String, Map<StudyMethod, SeedSummary>> points = points(summaries, weights);
            if (!points.isEmpty()) {
                accuracyTable(out, weights, points, sketch);
            }
        }
        Map<String, Map<StudyMethod, SeedSummary>> cost = points(summaries, WeightType.FLOAT32);
        if (!cost.isEmpty()) {
            costTable(out, cost, sketch);
        }
        return out.toString();
    }

    private static Map<String, Map<StudyMethod, SeedSummary>> points(List<SeedSummary> summaries, WeightType weights) {
        Map<String, Map<StudyMethod, SeedSummary>> points = new LinkedHashMap<>();
        for (SeedSummary s : summaries) {
            if (s.method() != StudyMethod.TRAINER && s.weights() == weights) {
                points.computeIfAbsent(s.bits() + "/" + s.hidden(), k -> new EnumMap<>(StudyMethod.class))
                        .put(s.method(), s);
            }
        }
        return points;
    }

    private static void accuracyTable(StringBuilder out, WeightType weights,
                                      Map<String, Map<StudyMethod, SeedSummary>> points, boolean sketch) {
        int seeds = points.values().iterator().next().values().iterator().next().seeds();
        out.append(String.format(Locale.ROOT, "%s, mean ± std over %d seed(s):%n%n", FrontierCsv.weightName(weights),
                seeds));
        out.append("| bits | hidden | bytes (d) | bytes (a), (b) | bytes (e) |").append(sketch ? " bytes (g) |" : "")
                .append(" (a) MLP alone | (b) MLP distilled | (c) projection alone | (d) projection joint "
                        + "| (e) small CNN |")
                .append(sketch ? " (f) sketch alone | (g) sketch joint |" : "")
                .append(" (d) - (c) | best of (c), (d) - best of (a), (b), (e) |")
                .append(sketch ? " best of (f), (g) - best of (a), (b), (e) |" : "").append('\n');
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
                .append(sketch ? "---:|---:|---:|---:|" : "").append('\n');
        int[] projectionWins = new int[2];
        int[] sketchWins = new int[2];
        for (Map<StudyMethod, SeedSummary> p : points.values()) {
            SeedSummary any = p.values().iterator().next();
            SeedSummary c = p.get(StudyMethod.PROJECTION_ALONE);
            SeedSummary d = p.get(StudyMethod.PROJECTION_JOINT);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %d | %d | %s | %s | %s |", any.bits(),
                    any.hidden(), bytes(d), bytes(p.get(StudyMethod.MLP_ALONE)), bytes(p.get(StudyMethod.CNN_ALONE))));
            if (sketch) {
                line.append(' ').append(bytes(p.get(StudyMethod.SKETCH_JOINT))).append(" |");
            }
            for (StudyMethod m : STUDENTS) {
                line.append(' ').append(accuracy(p.get(m))).append(" |");
            }
            if (sketch) {
                for (StudyMethod m : SKETCHES) {
                    line.append(' ').append(accuracy(p.get(m))).append(" |");
                }
            }
            line.append(' ').append(c == null || d == null ? "" : points(d.mean() - c.mean())).append(" | ")
                    .append(margin(p, PROJECTIONS, projectionWins)).append(" |");
            if (sketch) {
                line.append(' ').append(margin(p, SKETCHES, sketchWins)).append(" |");
            }
            out.append(line).append('\n');
        }
        out.append('\n');
        if (projectionWins[1] > 0) {
            out.append(String.format(Locale.ROOT, "A projection network (BAG family: (c) or (d)) is at or above every "
                    + "baseline at %d of %d points (%s).%n", projectionWins[0], projectionWins[1],
                    FrontierCsv.weightName(weights)));
        }
        if (sketchWins[1] > 0) {
            out.append(String.format(Locale.ROOT, "A sketch network (SKETCH family: (f) or (g)) is at or above every "
                    + "baseline at %d of %d points (%s).%n", sketchWins[0], sketchWins[1],
                    FrontierCsv.weightName(weights)));
        }
        out.append('\n');
    }

    /**
     * The best of {@code family} minus the best baseline at a point, in points, or empty when a side is missing;
     * counts the point in {@code wins} ({@code [at or above, counted]}).
     */
    private static String margin(Map<StudyMethod, SeedSummary> point, StudyMethod[] family, int[] wins) {
        double best = best(point, family);
        double baseline = best(point, BASELINES);
        if (Double.isNaN(best) || Double.isNaN(baseline)) {
            return "";
        }
        wins[0] += best >= baseline ? 1 : 0;
        wins[1]++;
        return points(best - baseline);
    }

    private static void costTable(StringBuilder out, Map<String, Map<StudyMethod, SeedSummary>> points,
                                  boolean sketch) {
        out.append("Device cost, float32: multiply-accumulates per example / measured microseconds per example "
                + "(one thread, mean over seeds):\n\n");
        out.append("| bits | hidden | (a), (b) MLP | (c), (d) projection | (e) small CNN |")
                .append(sketch ? " (f), (g) sketch |" : "").append('\n');
        out.append("|---:|---:|---:|---:|---:|").append(sketch ? "---:|" : "").append('\n');
        for (Map<StudyMethod, SeedSummary> p : points.values()) {
            SeedSummary any = p.values().iterator().next();
            out.append(String.format(Locale.ROOT, "| %d | %d | %s | %s | %s |", any.bits(), any.hidden(),
                    cost(p.get(StudyMethod.MLP_ALONE)), cost(p.get(StudyMethod.PROJECTION_ALONE)),
                    cost(p.get(StudyMethod.CNN_ALONE))));
            if (sketch) {
                out.append(' ').append(cost(p.get(StudyMethod.SKETCH_ALONE))).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    /** The best mean of the given methods at a point, NaN when none of them is there. */
    private static double best(Map<StudyMethod, SeedSummary> point, StudyMethod[] methods) {
        double best = Double.NaN;
        for (StudyMethod m : methods) {
            SeedSummary s = point.get(m);
            if (s != null && (Double.isNaN(best) || s.mean() > best)) {
                best = s.mean();
            }
        }
        return best;
    }

    private static String points(double difference) {
        return String.format(Locale.ROOT, "%+.2f", 100 * difference);
    }

    private static String bytes(SeedSummary s) {
        return s == null ? "-" : String.format(Locale.ROOT, "%,d", Math.round(s.exportedBytes()));
    }

    private static String accuracy(SeedSummary s) {
        return s == null ? "-" : String.format(Locale.ROOT, "%.2f ± %.2f %%", 100 * s.mean(), 100 * s.std());
    }

    private static String cost(SeedSummary s) {
        return s == null ? "-" : String.format(Locale.ROOT, "%,d / %.1f", Math.round(s.macs()), s.microsPerExample());
    }
}
