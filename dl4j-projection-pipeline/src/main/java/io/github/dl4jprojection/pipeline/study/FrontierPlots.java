package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.pipeline.plot.Charts;
import io.github.dl4jprojection.runtime.model.WeightType;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the frontier with XChart into PNG files in the project's chart style ({@link Charts}, which draws without
 * a display); every point is the mean over the seeds with an error bar of one standard deviation
 * ({@link SeedSummary}):
 * <ul>
 *   <li>{@link #accuracyVsBytes}: test accuracy against exported bytes (log x), float32 and int8;</li>
 *   <li>{@link #accuracyVsLatency}: test accuracy against the measured microseconds per example (log x), float32
 *       and int8;</li>
 *   <li>{@link #accuracyVsBits}: test accuracy against the sweep point's bits {@code T * d} (log x), float32.</li>
 * </ul>
 * One series per method (colour), weight type (solid: float32, dashed: int8) and hidden width (marker). The trainer
 * row is not plotted (it is orders of magnitude larger); its accuracy is in the title.
 */
public final class FrontierPlots {

    /** Per method: trainer (unused), (a), (b), (c), (d), (e), (f), (g). */
    private static final Color[] COLORS = {Color.BLACK, Charts.BLUE, Charts.ORANGE, Charts.PURPLE, Charts.GREEN,
        new Color(0xd62728), new Color(0x8c564b), new Color(0x17becf)};
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND};
    /** Tall enough for a legend of up to 24 series (6 text methods x 2 widths x 2 weight types). */
    private static final int HEIGHT = 900;

    private FrontierPlots() {
    }

    /** Writes the accuracy-against-bytes chart of {@code rows} to {@code png}. */
    public static void accuracyVsBytes(List<FrontierRow> rows, String title, Path png) throws IOException {
        XYChart chart = chart(title, "exported bytes (log scale; MLPs, CNNs: their stored weights + the .pnet header "
                + "of the point)");
        addSeries(chart, SeedSummary.of(rows), SeedSummary::exportedBytes, true);
        Charts.save(chart, png);
    }

    /** Writes the accuracy-against-latency chart of {@code rows} to {@code png}. */
    public static void accuracyVsLatency(List<FrontierRow> rows, String title, Path png) throws IOException {
        XYChart chart = chart(title, "measured microseconds per example, one thread, this JVM (log scale)");
        addSeries(chart, SeedSummary.of(rows), SeedSummary::microsPerExample, true);
        Charts.save(chart, png);
    }

    /** Writes the accuracy-against-bits chart of {@code rows} (float32 rows) to {@code png}. */
    public static void accuracyVsBits(List<FrontierRow> rows, String title, Path png) throws IOException {
        XYChart chart = chart(title, "projection bits T*d of the sweep point (log scale)");
        addSeries(chart, SeedSummary.of(rows), SeedSummary::bits, false);
        Charts.save(chart, png);
    }

    /** The title line of a task: its name, the seeds and the trainer's mean accuracy and size. */
    public static String title(String task, List<FrontierRow> rows) {
        for (SeedSummary s : SeedSummary.of(rows)) {
            if (s.method() == StudyMethod.TRAINER) {
                return String.format(Locale.ROOT, "%s: test accuracy, mean ± std of %d seed(s) (trainer %s: %.2f %%, "
                        + "%,d bytes)", task, s.seeds(), s.detail(), 100 * s.mean(), Math.round(s.exportedBytes()));
            }
        }
        return task + ": test accuracy";
    }

    private static XYChart chart(String title, String xTitle) {
        XYChart chart = Charts.xyChart(Charts.WIDTH, HEIGHT, title, xTitle, "test accuracy");
        chart.getStyler().setXAxisLogarithmic(true);
        return chart;
    }

    private static List<Integer> hiddenWidths(List<SeedSummary> summaries) {
        List<Integer> widths = new ArrayList<>();
        for (SeedSummary s : summaries) {
            if (s.method() != StudyMethod.TRAINER && !widths.contains(s.hidden())) {
                widths.add(s.hidden());
            }
        }
        widths.sort(Comparator.naturalOrder());
        return widths;
    }

    /**
     * One series per method, weight type and hidden width; points without a finite positive x (an unmeasured
     * time) are left out.
     */
    private static void addSeries(XYChart chart, List<SeedSummary> summaries, ToDoubleFunction<SeedSummary> x,
                                  boolean int8Too) {
        List<Integer> widths = hiddenWidths(summaries);
        WeightType[] types = int8Too ? new WeightType[] {WeightType.FLOAT32, WeightType.INT8}
                : new WeightType[] {WeightType.FLOAT32};
        for (WeightType type : types) {
            for (int w = 0; w < widths.size(); w++) {
                int h = widths.get(w);
                for (StudyMethod m : StudyMethod.values()) {
                    List<SeedSummary> points = new ArrayList<>();
                    for (SeedSummary s : summaries) {
                        double xs = x.applyAsDouble(s);
                        if (s.method() == m && m != StudyMethod.TRAINER && s.weights() == type && s.hidden() == h
                                && xs > 0 && !Double.isInfinite(xs)) {
                            points.add(s);
                        }
                    }
                    if (points.isEmpty()) {
                        continue;
                    }
                    points.sort(Comparator.comparingDouble(x));
                    double[] xs = new double[points.size()];
                    double[] ys = new double[points.size()];
                    double[] errors = new double[points.size()];
                    for (int i = 0; i < xs.length; i++) {
                        xs[i] = x.applyAsDouble(points.get(i));
                        ys[i] = points.get(i).mean();
                        errors[i] = points.get(i).std();
                    }
                    String name = m.label() + (h == 0 ? ", no hidden" : ", hidden " + h)
                            + (int8Too ? ", " + FrontierCsv.weightName(type) : "");
                    XYSeries series = chart.addSeries(name, xs, ys, errors);
                    Color color = COLORS[m.ordinal() % COLORS.length];
                    series.setLineColor(color);
                    series.setMarkerColor(color);
                    series.setLineStyle(type == WeightType.INT8 ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
                    series.setMarker(MARKERS[w % MARKERS.length]);
                }
            }
        }
    }
}
