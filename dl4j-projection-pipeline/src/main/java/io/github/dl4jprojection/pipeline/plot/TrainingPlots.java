package io.github.dl4jprojection.pipeline.plot;

import io.github.dl4jprojection.pipeline.EpochRecord;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The pictures of one training run, as PNG in the {@link Charts} style:
 * <ul>
 *   <li>{@link #curves}: two panels over the epochs, the mean training loss (left) and both branches' test
 *       accuracy, trainer and projection network (right);</li>
 *   <li>{@link #confusion}: the confusion matrix of a model's predictions, true class down, predicted class across,
 *       the count in every cell.</li>
 * </ul>
 */
public final class TrainingPlots {

    private static final int HEADER = 44;
    private static final int PANEL_WIDTH = 700;
    private static final int PANEL_HEIGHT = 520;
    private static final int CONFUSION_SIZE = 900;
    private static final int EPOCH_LABELS = 25;

    private TrainingPlots() {
    }

    /**
     * Writes the training curves of {@code epochs} to {@code png} ({@code 1400 x 564} pixels). Epochs without a
     * measured loss (a Spark backend) are left out of the loss panel; with none, the panel says so.
     *
     * @param title the run, for the heading (for example "fashion-mnist: mlp trainer, 256-bit projection network")
     * @throws IllegalArgumentException when {@code epochs} is empty
     */
    public static void curves(List<EpochRecord> epochs, String title, Path png) throws IOException {
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("no epochs to plot");
        }
        List<Integer> all = new ArrayList<>();
        List<Double> trainer = new ArrayList<>();
        List<Double> projection = new ArrayList<>();
        List<Integer> lossEpochs = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        for (EpochRecord r : epochs) {
            all.add(r.epoch());
            trainer.add(100 * r.trainerAccuracy());
            projection.add(100 * r.projectionAccuracy());
            if (r.hasMeanLoss()) {
                lossEpochs.add(r.epoch());
                losses.add(r.meanLoss());
            }
        }
        CategoryChart loss = null;
        if (!lossEpochs.isEmpty()) {
            loss = epochChart("Training loss", "mean loss per minibatch (nats)");
            // From zero: an honest scale, and one epoch's single value still gets a range to be drawn in.
            loss.getStyler().setYAxisMin(0.0);
            style(loss.addSeries("combined joint loss L", lossEpochs, losses), Charts.PURPLE);
        }
        CategoryChart accuracy = epochChart("Test accuracy after each epoch", "test accuracy (%)");
        // One point of margin around the curves, so equal values (one epoch, or both branches alike) have a range.
        double low = Math.min(Collections.min(trainer), Collections.min(projection));
        double high = Math.max(Collections.max(trainer), Collections.max(projection));
        accuracy.getStyler().setYAxisMin(Math.max(0, Math.floor(low) - 1)).setYAxisMax(Math.min(100,
                Math.ceil(high) + 1));
        style(accuracy.addSeries("trainer network (DL4J)", all, trainer), Charts.BLUE);
        style(accuracy.addSeries("projection network (DL4J)", all, projection), Charts.ORANGE);

        BufferedImage image = new BufferedImage(2 * PANEL_WIDTH, HEADER + PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString(title, (image.getWidth() - g.getFontMetrics().stringWidth(title)) / 2, 30);
            if (loss != null) {
                g.drawImage(BitmapEncoder.getBufferedImage(loss), 0, HEADER, null);
            } else {
                // XChart cannot draw a chart without series; say why the panel is empty instead.
                String note = "Training loss: not reported by this training backend";
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
                g.drawString(note, (PANEL_WIDTH - g.getFontMetrics().stringWidth(note)) / 2, HEADER + PANEL_HEIGHT / 2);
            }
            g.drawImage(BitmapEncoder.getBufferedImage(accuracy), PANEL_WIDTH, HEADER, null);
        } finally {
            g.dispose();
        }
        Charts.save(image, png);
    }

    /**
     * Writes the confusion matrix {@code counts[true][predicted]} over {@code labels} to {@code png}
     * ({@code 900 x 900} pixels): the first class at the top left, a cell's count written in it, its colour from
     * white (none) to blue (the largest count).
     *
     * @param title the heading (the model, the data, the accuracy)
     * @throws IllegalArgumentException when {@code counts} is not {@code labels.size()} square
     */
    public static void confusion(List<String> labels, int[][] counts, String title, Path png) throws IOException {
        int k = labels.size();
        if (k == 0 || counts.length != k) {
            throw new IllegalArgumentException("counts must have one row per class (" + k + "), got " + counts.length);
        }
        List<Number[]> cells = new ArrayList<>();
        int max = 1;
        for (int t = 0; t < k; t++) {
            if (counts[t].length != k) {
                throw new IllegalArgumentException("counts[" + t + "] must have " + k + " columns, got "
                        + counts[t].length);
            }
            for (int p = 0; p < k; p++) {
                // XChart puts the first y value at the bottom; the first class belongs at the top.
                cells.add(new Number[] {p, k - 1 - t, counts[t][p]});
                max = Math.max(max, counts[t][p]);
            }
        }
        List<String> down = new ArrayList<>(labels);
        Collections.reverse(down);
        Charts.headless();
        HeatMapChart chart = new HeatMapChartBuilder().width(CONFUSION_SIZE).height(CONFUSION_SIZE).title(title)
                .xAxisTitle("predicted class (exported model, Java runtime)").yAxisTitle("true class").build();
        Charts.titleFont(chart);
        chart.getStyler().setShowValue(true)
                .setHeatMapValueDecimalPattern("0")
                .setRangeColors(new Color[] {Color.WHITE, new Color(0x9ecae1), Charts.BLUE})
                .setMin(0)
                .setMax(max)
                .setDrawBorder(true)
                .setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setValueFont(chart.getStyler().getValueFont().deriveFont(Font.BOLD, 13f));
        chart.getStyler().setXAxisLabelRotation(k > 4 ? 45 : 0);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.addSeries("test examples", labels, down, cells);
        Charts.save(chart, png);
    }

    /**
     * A panel over the epochs, one tick per epoch (at most {@value #EPOCH_LABELS} labelled), the legend in one row
     * under the plot, where no curve can hide behind it.
     */
    private static CategoryChart epochChart(String title, String yTitle) {
        CategoryChart chart = Charts.lineCategoryChart(PANEL_WIDTH, PANEL_HEIGHT, title, "epoch", yTitle);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisMaxLabelCount(EPOCH_LABELS);
        chart.getStyler().setYAxisDecimalPattern("0.##");
        return chart;
    }

    private static void style(CategorySeries series, Color color) {
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(SeriesMarkers.CIRCLE);
    }
}
