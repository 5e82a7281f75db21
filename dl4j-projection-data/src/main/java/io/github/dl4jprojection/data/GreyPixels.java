package io.github.dl4jprojection.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;

/**
 * The grey levels 0..255 of a decoded image, row-major, with one explicit rule per kind of image.
 *
 * <ul>
 *   <li>Grey images (a grey colour space, 1 to 16 bits): the stored sample, scaled to 8 bits as
 *       {@code round(sample * 255 / (2^bits - 1))}; 8-bit grey PNGs are read as they are. The colour model is
 *       bypassed on purpose: Java2D would apply a gamma curve to a linear grey space.</li>
 *   <li>Anything else (RGB, palette, CMYK JPEG): its sRGB value, then the ITU-R BT.601 luma in integers,
 *       {@code (299 R + 587 G + 114 B + 500) / 1000}. Alpha is ignored.</li>
 * </ul>
 * No resizing happens here or anywhere: the projection sees exactly the pixels of the file.
 */
final class GreyPixels {

    private GreyPixels() {
    }

    /** Writes the {@code width * height} grey levels of {@code image} into {@code out} from {@code offset}. */
    static void copy(BufferedImage image, byte[] out, int offset) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (isGrey(image)) {
            Raster raster = image.getRaster();
            int bits = image.getColorModel().getComponentSize(0);
            long max = (1L << bits) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sample = raster.getSample(x, y, 0);
                    out[offset + y * w + x] = (byte) (bits == 8 ? sample : (sample * 255L + max / 2) / max);
                }
            }
            return;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                int r = rgb >>> 16 & 0xFF;
                int g = rgb >>> 8 & 0xFF;
                int b = rgb & 0xFF;
                out[offset + y * w + x] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
            }
        }
    }

    private static boolean isGrey(BufferedImage image) {
        return image.getColorModel() instanceof ComponentColorModel
                && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && image.getRaster().getNumBands() >= 1;
    }
}
