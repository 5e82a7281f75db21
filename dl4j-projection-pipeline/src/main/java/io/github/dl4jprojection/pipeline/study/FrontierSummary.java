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
 * baseline ((a), (b), (e)) in percentage points of the means (negative: the projection network is below); then a
 * table of the device cost at each point (MACs and measured microseconds per example, float32).
 */
public final class FrontierSummary {

    private static final StudyMethod[] STUDENTS = {StudyMethod.MLP_ALONE, StudyMethod.MLP_DISTILLED,
        StudyMethod.PROJECTION_ALONE, StudyMethod.PROJECTION_JOINT, StudyMethod.CNN_ALONE};
    private static final StudyMethod[] PROJECTIONS = {StudyMethod.PROJECTION_ALONE, StudyMethod.PROJECTION_JOINT};
    private static final StudyMethod[] BASELINES = {StudyMethod.MLP_ALONE, StudyMethod.MLP_DISTILLED,
        StudyMethod.CNN_ALONE};

    private FrontierSummary() {
    }

    /** The tables; a method missing at a point is a dash, and a margin needs both of its sides. */
    public static String markdown(List<FrontierRow> rows) {
        List<SeedSummary> summaries = SeedSummary.of(rows);
        StringBuilder out = new StringBuilder();
        for (WeightType weights : new WeightType[] {WeightType.FLOAT32, WeightType.INT8}) {
            Map<String, Map<StudyMethod, SeedSummary>> points = points(summaries, weights);
            if (!points.isEmpty()) {
                accuracyTable(out, weights, points);
            }
        }
        Map<String, Map<StudyMethod, SeedSummary>> cost = points(summaries, WeightType.FLOAT32);
        if (!cost.isEmpty()) {
            costTable(out, cost);
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
                                      Map<String, Map<StudyMethod, SeedSummary>> points) {
        int seeds = points.values().iterator().next().values().iterator().next().seeds();
        out.append(String.format(Locale.ROOT, "%s, mean ± std over %d seed(s):%n%n", FrontierCsv.weightName(weights),
                seeds));
        out.append("| bits | hidden | bytes (d) | bytes (a), (b) | bytes (e) | (a) MLP alone | (b) MLP distilled "
                + "| (c) projection alone | (d) projection joint | (e) small CNN | (d) - (c) "
                + "| best of (c), (d) - best of (a), (b), (e) |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        int wins = 0;
        int counted = 0;
        for (Map<StudyMethod, SeedSummary> p : points.values()) {
            SeedSummary any = p.values().iterator().next();
            double projection = best(p, PROJECTIONS);
            double baseline = best(p, BASELINES);
            String margin = "";
            if (!Double.isNaN(projection) && !Double.isNaN(baseline)) {
                margin = points(projection - baseline);
                counted++;
                wins += projection >= baseline ? 1 : 0;
            }
            SeedSummary c = p.get(StudyMethod.PROJECTION_ALONE);
            SeedSummary d = p.get(StudyMethod.PROJECTION_JOINT);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %d | %d | %s | %s | %s |", any.bits(),
                    any.hidden(), bytes(d), bytes(p.get(StudyMethod.MLP_ALONE)), bytes(p.get(StudyMethod.CNN_ALONE))));
            for (StudyMethod m : STUDENTS) {
                line.append(' ').append(accuracy(p.get(m))).append(" |");
            }
            line.append(' ').append(c == null || d == null ? "" : points(d.mean() - c.mean())).append(" | ")
                    .append(margin).append(" |\n");
            out.append(line);
        }
        out.append(String.format(Locale.ROOT, "%nA projection network ((c) or (d)) is at or above every baseline at %d of "
                + "%d points (%s).%n%n", wins, counted, FrontierCsv.weightName(weights)));
    }

    private static void costTable(StringBuilder out, Map<String, Map<StudyMethod, SeedSummary>> points) {
        out.append("Device cost, float32: multiply-accumulates per example / measured microseconds per example "
                + "(one thread, mean over seeds):\n\n");
        out.append("| bits | hidden | (a), (b) MLP | (c), (d) projection | (e) small CNN |\n");
        out.append("|---:|---:|---:|---:|---:|\n");
        for (Map<StudyMethod, SeedSummary> p : points.values()) {
            SeedSummary any = p.values().iterator().next();
            out.append(String.format(Locale.ROOT, "| %d | %d | %s | %s | %s |%n", any.bits(), any.hidden(),
                    cost(p.get(StudyMethod.MLP_ALONE)), cost(p.get(StudyMethod.PROJECTION_ALONE)),
                    cost(p.get(StudyMethod.CNN_ALONE))));
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
