package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.pipeline.plot.Charts;
import java.awt.BasicStroke;
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
 * a display):
 * <ul>
 *   <li>{@link #accuracyVsBytes}: test accuracy against exported bytes (log x);</li>
 *   <li>{@link #accuracyVsBits}: test accuracy against the sweep point's bits {@code T * d} (log x).</li>
 * </ul>
 * One series per method (colour) and hidden width (line style and marker). The trainer row is not plotted (it is orders of magnitude larger); its accuracy is in the title.
 */
public final class FrontierPlots {

    /** Per method: trainer (unused), (a), (b), (c), (d). */
    private static final Color[] COLORS = {Color.BLACK, Charts.BLUE, Charts.ORANGE, Charts.PURPLE, Charts.GREEN};
    private static final BasicStroke[] STROKES = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT};
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND};

    private FrontierPlots() {
    }

    /** Writes the accuracy-against-bytes chart of {@code rows} to {@code png}. */
    public static void accuracyVsBytes(List<FrontierRow> rows, String title, Path png) throws IOException {
        XYChart chart = chart(title, "exported bytes (log scale; MLPs: 4 bytes per weight and bias + the .pnet header of the point)");
        addSeries(chart, rows, FrontierRow::exportedBytes);
        Charts.save(chart, png);
    }

    /** Writes the accuracy-against-bits chart of {@code rows} to {@code png}. */
    public static void accuracyVsBits(List<FrontierRow> rows, String title, Path png) throws IOException {
        XYChart chart = chart(title, "projection bits T*d of the sweep point (log scale)");
        addSeries(chart, rows, FrontierRow::bits);
        Charts.save(chart, png);
    }

    /** The title line of a task: its name and the trainer's accuracy and size. */
    public static String title(String task, List<FrontierRow> rows) {
        for (FrontierRow r : rows) {
            if (r.method() == StudyMethod.TRAINER) {
                return String.format(Locale.ROOT, "%s: test accuracy at equal size (trainer %s: %.2f %%, %,d bytes)",
                        task, r.detail(), 100 * r.accuracy(), r.exportedBytes());
            }
        }
        return task + ": test accuracy at equal size";
    }

    private static XYChart chart(String title, String xTitle) {
        XYChart chart = Charts.xyChart(Charts.WIDTH, Charts.HEIGHT, title, xTitle, "test accuracy");
        chart.getStyler().setXAxisLogarithmic(true);
        return chart;
    }

    private static List<FrontierRow> select(List<FrontierRow> rows, StudyMethod method, int hidden) {
        List<FrontierRow> selected = new ArrayList<>();
        for (FrontierRow r : rows) {
            if (r.method() == method && (hidden < 0 || r.hidden() == hidden)) {
                selected.add(r);
            }
        }
        return selected;
    }

    private static List<Integer> hiddenWidths(List<FrontierRow> rows) {
        List<Integer> widths = new ArrayList<>();
        for (FrontierRow r : rows) {
            if (r.method() != StudyMethod.TRAINER && !widths.contains(r.hidden())) {
                widths.add(r.hidden());
            }
        }
        widths.sort(Comparator.naturalOrder());
        return widths;
    }

    /** One series per method and hidden width: the method's colour, the hidden width's line style and marker. */
    private static void addSeries(XYChart chart, List<FrontierRow> rows, ToDoubleFunction<FrontierRow> x) {
        List<Integer> widths = hiddenWidths(rows);
        for (int w = 0; w < widths.size(); w++) {
            int h = widths.get(w);
            for (StudyMethod m : StudyMethod.values()) {
                List<FrontierRow> points = select(rows, m, h);
                if (m == StudyMethod.TRAINER || points.isEmpty()) {
                    continue;
                }
                points.sort(Comparator.comparingDouble(x));
                double[] xs = new double[points.size()];
                double[] ys = new double[points.size()];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = x.applyAsDouble(points.get(i));
                    ys[i] = points.get(i).accuracy();
                }
                XYSeries series = chart.addSeries(m.label() + (h == 0 ? ", no hidden" : ", hidden " + h), xs, ys);
                series.setLineColor(COLORS[m.ordinal() % COLORS.length]);
                series.setMarkerColor(COLORS[m.ordinal() % COLORS.length]);
                series.setLineStyle(STROKES[w % STROKES.length]);
                series.setMarker(MARKERS[w % MARKERS.length]);
            }
        }
    }
}
