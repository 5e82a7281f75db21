package io.github.dl4jprojection.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SingleImageReaderTest {

    @TempDir
    Path dir;

    @Test
    void greyPngKeepsItsValuesRowMajor() throws IOException {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        int[] values = {0, 10, 20, 200, 254, 255};
        for (int i = 0; i < values.length; i++) {
            image.getRaster().setSample(i % 3, i / 3, 0, values[i]);
        }
        Path png = dir.resolve("digit.png");
        ImageIO.write(image, "png", png.toFile());

        assertArrayEquals(new float[] {0, 10, 20, 200, 254, 255}, SingleImageReader.read(png, 6, new ImageSize(2, 3)));
    }

    @Test
    void colourPngBecomesLuma() throws IOException {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFFFFFF);
        image.setRGB(1, 0, 0xFF0000);
        Path png = dir.resolve("red");
        ImageIO.write(image, "png", png.toFile());

        // (299 * 255 + 500) / 1000 = 76 for pure red; detected as PNG by content despite the name.
        assertArrayEquals(new float[] {255, 76}, SingleImageReader.read(png, 2, null));
    }

    @Test
    void pngOfAnotherSizeIsRejected() throws IOException {
        Path png = dir.resolve("big.png");
        ImageIO.write(new BufferedImage(5, 5, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        DataFileException e = assertThrows(DataFileException.class, () -> SingleImageReader.read(png, 784, null));
        assertTrue(e.getMessage().contains("is 5x5 = 25 pixels, but the model takes 784 (28x28)"), e.getMessage());
    }

    @Test
    void csvRowWithOrWithoutLabel() throws IOException {
        Path withLabel = dir.resolve("a.csv");
        Files.write(withLabel, Arrays.asList("label,p1,p2,p3,p4", "7,1,2,3,4"));
        Path plain = dir.resolve("b.csv");
        Files.write(plain, Arrays.asList("", "1,2,3,4"));

        assertArrayEquals(new float[] {1, 2, 3, 4}, SingleImageReader.read(withLabel, 4, null));
        assertArrayEquals(new float[] {1, 2, 3, 4}, SingleImageReader.read(plain, 4, null));
    }

    @Test
    void csvRowOfTheWrongLengthOrValuesIsRejected() throws IOException {
        Path shortRow = dir.resolve("a.csv");
        Files.write(shortRow, Arrays.asList("1,2,3"));
        assertTrue(assertThrows(DataFileException.class, () -> SingleImageReader.read(shortRow, 9, null)).getMessage()
                .contains(":1: has 3 values, but the model takes 9 pixel values (3x3)"));

        Path bad = dir.resolve("b.csv");
        Files.write(bad, Arrays.asList("1,2,300,4"));
        assertTrue(assertThrows(DataFileException.class, () -> SingleImageReader.read(bad, 4, null)).getMessage()
                .contains("column 3: pixel value 300"));
    }

    @Test
    void pngOfTheSamePixelCountButAnotherShapeIsRejected() throws IOException {
        Path png = dir.resolve("wide.png");
        ImageIO.write(new BufferedImage(56, 14, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        DataFileException e = assertThrows(DataFileException.class,
                () -> SingleImageReader.read(png, 784, new ImageSize(28, 28)));
        assertTrue(e.getMessage().contains("wide.png: is 56x14 (width x height), but the model takes 28x28 images"),
                e.getMessage());
        assertEquals(784, SingleImageReader.read(png, 784, null).length, "a model without a shape checks the count");
    }

    @Test
    void csvWithASecondRowIsRejected() throws IOException {
        Path two = dir.resolve("two.csv");
        Files.write(two, Arrays.asList("label,p1,p2,p3,p4", "7,1,2,3,4", "", "8,4,3,2,1"));
        DataFileException e = assertThrows(DataFileException.class, () -> SingleImageReader.read(two, 4, null));
        assertTrue(e.getMessage().contains("two.csv:4: is a second row of values after line 2"), e.getMessage());
    }

    @Test
    void csvThatIsNotUtf8IsReportedWithItsName() throws IOException {
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, new byte[] {'1', ',', (byte) 0xE9, ',', '3', ',', '4', '\n'});
        DataFileException e = assertThrows(DataFileException.class, () -> SingleImageReader.read(latin1, 4, null));
        assertTrue(e.getMessage().contains("latin1.csv: is neither an image nor UTF-8 text"), e.getMessage());
    }

    @Test
    void missingFileIsReported() {
        assertTrue(assertThrows(DataFileException.class, () -> SingleImageReader.read(dir.resolve("x.png"), 4, null))
                .getMessage().endsWith("no such file"));
    }
}
