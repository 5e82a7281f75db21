package io.github.dl4jprojection.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderSourceTest {

    @TempDir
    Path dir;

    /** An 8-bit grey 2x3 (HxW) PNG whose pixel p is {@code base + p}. */
    private Path grey(String relative, int base) throws IOException {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < 6; p++) {
            image.getRaster().setSample(p % 3, p / 3, 0, base + p);
        }
        return write(relative, image, "png");
    }

    private Path write(String relative, BufferedImage image, String format) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(image, format, file.toFile()), format);
        return file;
    }

    private TrainTestImages load(ImageSize size) throws IOException {
        return TrainTestImages.load(new ImageDataLocator().locate(ImageTask.IMAGES, dir, size));
    }

    @Test
    void readsTrainAndTestClassFoldersPixelForPixel() throws IOException {
        grey("train/cat/1.png", 10);
        grey("train/cat/2.PNG", 20);
        grey("train/dog/1.png", 30);
        grey("test/dog/9.png", 40);
        Files.write(dir.resolve("train/dog/notes.txt"), new byte[] {1});
        Files.createDirectories(dir.resolve("train/.hidden"));

        TrainTestImages data = load(null);
        ImageDataset train = data.train();
        assertEquals(List.of("cat", "dog"), train.labelNames());
        assertEquals(3, train.size());
        assertEquals(2, train.height());
        assertEquals(3, train.width());
        assertEquals(List.of(0, 0, 1), List.of(train.label(0), train.label(1), train.label(2)));
        for (int p = 0; p < 6; p++) {
            assertEquals(10 + p, train.pixel(0, p));
            assertEquals(30 + p, train.pixel(2, p));
        }
        assertEquals(1, data.test().size());
        assertEquals(1, data.test().label(0));
        assertEquals(45, data.test().pixel(0, 5));
        assertTrue(data.description().contains("train/ and test/ class folders"), data.description());
    }

    @Test
    void colourIsConvertedWithTheDocumentedLumaAndSixteenBitGreyIsScaled() throws IOException {
        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xFF0000);
        rgb.setRGB(1, 0, 0x336699);
        write("train/a/rgb.png", rgb, "png");
        BufferedImage wide = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        wide.getRaster().setSample(0, 0, 0, 65535);
        wide.getRaster().setSample(1, 0, 0, 257 * 100);
        write("train/b/wide.png", wide, "png");
        write("test/a/rgb.png", rgb, "png");

        ImageDataset train = load(null).train();
        assertEquals((299 * 255 + 500) / 1000, train.pixel(0, 0));
        assertEquals((299 * 0x33 + 587 * 0x66 + 114 * 0x99 + 500) / 1000, train.pixel(0, 1));
        assertEquals(255, train.pixel(1, 0));
        assertEquals(100, train.pixel(1, 1));
    }

    @Test
    void anImageOfAnotherSizeIsRefusedNamingTheFile() throws IOException {
        grey("train/a/1.png", 0);
        Path odd = write("train/b/odd.png", new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png");
        grey("test/a/1.png", 0);
        DataFileException e = assertThrows(DataFileException.class, () -> load(null));
        assertTrue(e.getMessage().startsWith(odd + ": is 4x4 (HxW) but "), e.getMessage());
        assertTrue(e.getMessage().contains("nothing is resized"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());

        DataFileException given = assertThrows(DataFileException.class, () -> load(new ImageSize(3, 2)));
        assertTrue(given.getMessage().contains("the image size given is 3x2"), given.getMessage());
    }

    @Test
    void aTestClassUnknownToTrainingAndUndecodableFilesAreRefused() throws IOException {
        grey("train/a/1.png", 0);
        grey("train/b/1.png", 0);
        grey("test/zebra/1.png", 0);
        DataFileException e = assertThrows(DataFileException.class, () -> load(null));
        assertTrue(e.getMessage().contains("class folder 'zebra' is not one of the training classes [a, b]"),
                e.getMessage());

        Files.delete(dir.resolve("test/zebra/1.png"));
        Path broken = dir.resolve("test/zebra/1.png");
        Files.write(broken, new byte[] {1, 2, 3});
        Files.move(dir.resolve("test/zebra"), dir.resolve("test/a"));
        DataFileException b = assertThrows(DataFileException.class, () -> load(null));
        assertTrue(b.getMessage().startsWith(dir.resolve("test/a/1.png") + ": "), b.getMessage());
    }

    @Test
    void flatClassFoldersAreHashSplitDeterministically() throws IOException {
        int total = 0;
        int expectedTest = 0;
        for (String label : new String[] {"0", "1"}) {
            for (int i = 0; i < 20; i++) {
                String name = "img" + i + ".png";
                grey(label + "/" + name, i);
                total++;
                expectedTest += ImageFolderSource.isTest(label + "/" + name) ? 1 : 0;
            }
        }
        TrainTestImages data = load(null);
        assertEquals(total, data.train().size() + data.test().size());
        assertEquals(expectedTest, data.test().size());
        assertTrue(expectedTest > 0 && expectedTest < total, "some images on each side: " + expectedTest);
        assertEquals(List.of("0", "1"), data.train().labelNames());
        assertEquals(data.test().size(), load(null).test().size());
        assertTrue(data.description().contains("hashed to test"), data.description());
    }

    @Test
    void jpegIsReadAndIdxOrCsvFilesWinOverImageFolders() throws IOException {
        write("train/a/1.jpg", new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY), "jpg");
        grey("train/b/1.png", 0);
        grey("test/a/1.png", 0);
        assertEquals(2, load(null).train().size());

        Files.write(dir.resolve("train.csv"), List.of("0,1,2,3,4", "1,5,6,7,8"));
        Files.write(dir.resolve("test.csv"), List.of("0,1,2,3,4"));
        TrainTestImages csv = load(null);
        assertEquals(2, csv.train().height());
        assertEquals(2, csv.train().width());
        assertTrue(csv.train().description().startsWith("CSV"), csv.train().description());
    }

    @Test
    void aMissingSplitFolderIsListed() throws IOException {
        grey("train/a/1.png", 0);
        DataNotFoundException e = assertThrows(DataNotFoundException.class, () -> load(null));
        assertTrue(e.searchedPaths().contains(dir.resolve("test").toString()), e.getMessage());
    }
}
