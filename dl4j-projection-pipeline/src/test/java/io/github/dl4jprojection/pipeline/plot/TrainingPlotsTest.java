package io.github.dl4jprojection.pipeline.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.pipeline.EpochRecord;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingPlotsTest {

    private static final List<String> FASHION = Arrays.asList("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    @TempDir
    Path dir;

    @Test
    void curvesAreAPngOfTwoPanels() throws IOException {
        Path png = dir.resolve("curves.png");
        TrainingPlots.curves(Arrays.asList(new EpochRecord(1, 2.5, 0.76, 0.66, 2.2), new EpochRecord(2, 1.4, 0.78, 0.72,
                1.3), new EpochRecord(3, 1.1, 0.79, 0.73, 1.2)), "fashion-mnist: a run", png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1400, image.getWidth());
        assertEquals(564, image.getHeight());
    }

    @Test
    void curvesWithoutMeasuredLossesOrEpochs() throws IOException {
        Path png = dir.resolve("no-loss.png");
        TrainingPlots.curves(Collections.singletonList(new EpochRecord(1, Double.NaN, 0.5, 0.4, 1)), "spark", png);
        assertEquals(1400, ImageIO.read(png.toFile()).getWidth());
        Path one = dir.resolve("one-epoch.png");
        TrainingPlots.curves(Collections.singletonList(new EpochRecord(1, 3.225907662709554, 0.5, 0.5, 1)), "one",
                one);
        assertEquals(1400, ImageIO.read(one.toFile()).getWidth());
        assertThrows(IllegalArgumentException.class, () -> TrainingPlots.curves(Collections.emptyList(), "t", png));
    }

    @Test
    void confusionMatrixIsASquarePng() throws IOException {
        int[][] counts = new int[10][10];
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p < 10; p++) {
                counts[t][p] = t == p ? 80 + t : (t + p) % 4;
            }
        }
        Path png = dir.resolve("confusion.png");
        TrainingPlots.confusion(FASHION, counts, "fashion-mnist: confusion", png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(900, image.getHeight());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingPlots.confusion(FASHION, new int[3][3], "t", png));
        assertTrue(e.getMessage().contains("one row per class (10)"), e.getMessage());
    }
}
