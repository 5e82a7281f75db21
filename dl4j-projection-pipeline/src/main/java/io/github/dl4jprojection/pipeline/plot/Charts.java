package io.github.dl4jprojection.pipeline.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * The project's one chart style: XY and line category charts of a fixed size with the legend outside on the right, 7-pixel markers
 * and a 14-point title, a colour palette (matplotlib's "tab10" colours, told apart by most colour-blind readers),
 * and PNG writing through ImageIO with {@code java.awt.headless} set before the first chart, so plots are drawn on
 * machines without a display.
 */
public final class Charts {

    /** Width of a chart in pixels. */
    public static final int WIDTH = 1200;
    /** Height of a chart in pixels. */
    public static final int HEIGHT = 640;
    /** Palette, blue. */
    public static final Color BLUE = new Color(0x1f77b4);
    /** Palette, orange. */
    public static final Color ORANGE = new Color(0xff7f0e);
    /** Palette, green. */
    public static final Color GREEN = new Color(0x2ca02c);
    /** Palette, purple. */
    public static final Color PURPLE = new Color(0x9467bd);

    private Charts() {
    }

    /** Sets {@code java.awt.headless}; call before building any chart. */
    public static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** A {@code width x height} XY chart in the project's style. */
    public static XYChart xyChart(int width, int height, String title, String xTitle, String yTitle) {
        headless();
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart);
        return chart;
    }

    /**
     * A {@code width x height} category chart in the project's style, its series drawn as lines with markers: for
     * x values that are whole things (epochs), which an XY chart would tick at fractions too.
     */
    public static CategoryChart lineCategoryChart(int width, int height, String title, String xTitle, String yTitle) {
        headless();
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        // Lines of several series share the x positions (XChart would offset them side by side, as for bars).
        chart.getStyler().setOverlapped(true);
        style(chart);
        return chart;
    }

    private static void style(Chart<? extends AxesChartStyler, ?> chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(7);
        titleFont(chart);
    }

    /** The project's title font (14 point) on {@code chart}. */
    public static void titleFont(Chart<?, ?> chart) {
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(14f));
    }

    /** Writes {@code chart} to {@code png}. */
    public static void save(Chart<?, ?> chart, Path png) throws IOException {
        save(BitmapEncoder.getBufferedImage(chart), png);
    }

    /** Writes {@code image} to {@code png}. */
    public static void save(BufferedImage image, Path png) throws IOException {
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer available to write " + png);
        }
    }
}
