package io.github.dl4jprojection.pipeline.study;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The study's answer as a Markdown table: per sweep point, the bytes and test accuracy of the four methods
 * and the margin of (d), the jointly trained projection network, over the best of (a), (b), (c) in
 * percentage points (negative: (d) is below).
 */
public final class FrontierSummary {

    private static final StudyMethod[] COMPARED = {StudyMethod.MLP_ALONE, StudyMethod.MLP_DISTILLED,
        StudyMethod.PROJECTION_ALONE};

    private FrontierSummary() {
    }

    /** The table; points missing a method are listed with a dash for it and no margin. */
    public static String markdown(List<FrontierRow> rows) {
        Map<String, Map<StudyMethod, FrontierRow>> points = new LinkedHashMap<>();
        for (FrontierRow r : rows) {
            if (r.method() != StudyMethod.TRAINER) {
                points.computeIfAbsent(r.bits() + "/" + r.hidden(), k -> new EnumMap<>(StudyMethod.class))
                        .put(r.method(), r);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("| bits | hidden | bytes (d) | bytes (a), (b) | (a) MLP alone | (b) MLP distilled | (c) projection alone "
                + "| (d) projection joint | (d) - best of (a), (b), (c) |");
        lines.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        int below = 0;
        int counted = 0;
        for (Map<StudyMethod, FrontierRow> p : points.values()) {
            FrontierRow any = p.values().iterator().next();
            FrontierRow d = p.get(StudyMethod.PROJECTION_JOINT);
            FrontierRow a = p.get(StudyMethod.MLP_ALONE);
            double best = Double.NEGATIVE_INFINITY;
            boolean complete = d != null;
            for (StudyMethod m : COMPARED) {
                complete &= p.containsKey(m);
                best = p.containsKey(m) ? Math.max(best, p.get(m).accuracy()) : best;
            }
            String margin = "";
            if (complete) {
                double points100 = 100 * (d.accuracy() - best);
                margin = String.format(Locale.ROOT, "%+.2f", points100);
                counted++;
                below += d.accuracy() < best ? 1 : 0;
            }
            lines.add(String.format(Locale.ROOT, "| %d | %d | %s | %s | %s | %s | %s | %s | %s |", any.bits(), any.hidden(),
                    d == null ? "-" : String.format(Locale.ROOT, "%,d", d.exportedBytes()),
                    a == null ? "-" : String.format(Locale.ROOT, "%,d", a.exportedBytes()),
                    percent(p.get(StudyMethod.MLP_ALONE)), percent(p.get(StudyMethod.MLP_DISTILLED)),
                    percent(p.get(StudyMethod.PROJECTION_ALONE)), percent(d), margin));
        }
        lines.add("");
        lines.add(String.format(Locale.ROOT, "(d) is at or above (a), (b) and (c) at %d of %d points.", counted - below,
                counted));
        return String.join("\n", lines) + "\n";
    }

    private static String percent(FrontierRow row) {
        return row == null ? "-" : String.format(Locale.ROOT, "%.2f %%", 100 * row.accuracy());
    }
}
