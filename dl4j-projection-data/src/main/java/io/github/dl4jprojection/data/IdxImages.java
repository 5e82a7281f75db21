package io.github.dl4jprojection.data;

import java.util.List;

/**
 * The content of an IDX image file (magic {@code 0x00000803}): {@code count} grey-scale images of
 * {@code height x width} unsigned bytes, image after image, row-major. Labels live in a separate
 * IDX file; {@link #withLabels} joins the two.
 */
public final class IdxImages {

    private final int count;
    private final int height;
    private final int width;
    private final byte[] pixels;

    IdxImages(int count, int height, int width, byte[] pixels) {
        this.count = count;
        this.height = height;
        this.width = width;
        this.pixels = pixels;
    }

    /** The number of images. */
    public int count() {
        return count;
    }

    /** Rows per image (the second IDX dimension). */
    public int height() {
        return height;
    }

    /** Columns per image (the third IDX dimension). */
    public int width() {
        return width;
    }

    /** Pixel {@code p} (row-major) of image {@code i}, 0..255. */
    public int pixel(int i, int p) {
        return pixels[i * height * width + p] & 0xFF;
    }

    /**
     * A data set of these images and {@code labels} (from the matching IDX labels file).
     *
     * @throws IllegalArgumentException when the counts differ or a label has no name
     */
    public ImageDataset withLabels(int[] labels, List<String> labelNames, String description) {
        if (labels.length != count) {
            throw new IllegalArgumentException("labels must have one entry per image (" + count + "), got " + labels.length);
        }
        return new ImageDataset(height, width, pixels, labels.clone(), labelNames, description);
    }
}
