package io.github.dl4jprojection.data;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads one image to classify: a PNG (or any format {@link ImageIO} reads), or a CSV file holding one
 * row of pixel values (after an optional header line).
 *
 * <p>A CSV row is exactly the model's pixels, or a label column followed by them: a row of
 * {@code n} values is the pixels, a row of {@code n + 1} values has its first value (the label) skipped,
 * any other length is refused. The count is the only thing that decides, so a row that lost a pixel
 * and kept its label cannot be told from a row of pixels: write rows of {@code n} pixels to be sure.
 * A file with a second row is refused (one image per call; {@code eval} scores a file of images).
 *
 * <p>Colour images become grey {@code (299 R + 587 G + 114 B) / 1000} (ITU-R BT.601 luma), composited
 * over black where transparent; 16-bit grey keeps its high byte. Nothing is resized or inverted:
 * the image must have the model's size, and, like MNIST, a light object on a dark background.
 */
public final class SingleImageReader {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    private SingleImageReader() {
    }

    /**
     * @param file           a PNG/JPEG/GIF/BMP image or a text file holding one CSV row
     * @param expectedPixels the model's input size, {@code height * width}
     * @param shape          the model's image height and width, or null when the model records none (then an
     *                       image of any shape with {@code expectedPixels} pixels is read)
     * @return the pixels 0..255 in row-major order, length {@code expectedPixels}
     * @throws DataFileException when the file cannot be read, has another size or shape, or more than one row
     */
    public static float[] read(Path file, int expectedPixels, ImageSize shape) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file.toString(), "no such file");
        }
        return looksLikeImage(file) ? readImage(file, expectedPixels, shape) : readCsvRow(file, expectedPixels);
    }

    private static boolean looksLikeImage(Path file) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n == 4 && Arrays.equals(head, PNG_MAGIC)) {
            return true;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".gif")
                || name.endsWith(".bmp");
    }

    private static float[] readImage(Path file, int expectedPixels, ImageSize shape) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new DataFileException(file.toString(), "cannot be decoded as an image: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new DataFileException(file.toString(), "is not in an image format this Java can read (use PNG)");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        if ((long) w * h != expectedPixels) {
            throw new DataFileException(file.toString(), "is " + w + "x" + h + " = " + ((long) w * h)
                    + " pixels, but the model takes " + expectedPixels + describeSquare(expectedPixels)
                    + "; resize the image first");
        }
        if (shape != null && (w != shape.width() || h != shape.height())) {
            // Same pixel count, other shape (56x14 for 28x28): its rows would be read as the model's rows.
            throw new DataFileException(file.toString(), "is " + w + "x" + h + " (width x height), but the model takes "
                    + shape.width() + "x" + shape.height() + " images; resize the image first");
        }
        float[] pixels = new float[expectedPixels];
        Raster raster = image.getRaster();
        boolean grey = raster.getNumBands() == 1 && !image.getColorModel().hasAlpha();
        int bits = image.getColorModel().getComponentSize(0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int value;
                if (grey && (bits == 8 || bits == 16)) {
                    value = raster.getSample(x, y, 0) >> (bits - 8);
                } else {
                    int argb = image.getRGB(x, y);
                    int luma = (299 * ((argb >> 16) & 0xFF) + 587 * ((argb >> 8) & 0xFF) + 114 * (argb & 0xFF) + 500) / 1000;
                    value = (luma * ((argb >>> 24) & 0xFF) + 127) / 255;
                }
                pixels[y * w + x] = value;
            }
        }
        return pixels;
    }

    private static float[] readCsvRow(Path file, int expectedPixels) throws IOException {
        String name = file.toString();
        float[] pixels = null;
        int pixelsLine = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            boolean first = true;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                line = line.replace("\uFEFF", "").trim();
                if (line.isEmpty()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (first) {
                    first = false;
                    if (PixelValues.isHeader(fields)) {
                        continue;
                    }
                }
                if (pixels != null) {
                    throw new DataFileException(name, lineNo, "is a second row of values after line " + pixelsLine
                            + ", but predict classifies one image per file; use eval to score a file of images");
                }
                int skip = fields.length == expectedPixels + 1 ? 1 : 0;
                if (fields.length - skip != expectedPixels) {
                    throw new DataFileException(name, lineNo, "has " + fields.length + " values, but the model takes "
                            + expectedPixels + " pixel values" + describeSquare(expectedPixels)
                            + " (optionally preceded by a label)");
                }
                pixels = new float[expectedPixels];
                pixelsLine = lineNo;
                for (int p = 0; p < expectedPixels; p++) {
                    pixels[p] = PixelValues.parse(name, lineNo, p + skip + 1, fields[p + skip]);
                }
            }
        } catch (NoSuchFileException e) {
            throw new DataFileException(name, "no such file", e);
        } catch (CharacterCodingException e) {
            throw new DataFileException(name, "is neither an image nor UTF-8 text (a CSV row of pixel values)", e);
        }
        if (pixels == null) {
            throw new DataFileException(name, "has no row of pixel values");
        }
        return pixels;
    }

    private static String describeSquare(int pixels) {
        int side = (int) Math.round(Math.sqrt(pixels));
        return side * side == pixels ? " (" + side + "x" + side + ")" : "";
    }
}
