package io.github.dl4jprojection.data;

import java.util.Locale;

/**
 * The height and width of an image in pixels, written {@code HxW} (e.g. {@code 28x28}) or
 * {@code N} for a square {@code N x N} image.
 */
public final class ImageSize {

    private final int height;
    private final int width;

    /** @throws IllegalArgumentException when a side is not positive or {@code height * width} overflows an int */
    public ImageSize(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("height and width must be at least 1, got " + height + "x" + width);
        }
        if ((long) height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("height * width must fit in an int, got " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
    }

    /**
     * Parses {@code HxW} or {@code N}.
     *
     * @throws IllegalArgumentException with the accepted forms when {@code text} is not one of them
     */
    public static ImageSize parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int x = t.indexOf('x');
        try {
            if (x < 0) {
                int side = Integer.parseInt(t);
                return new ImageSize(side, side);
            }
            return new ImageSize(Integer.parseInt(t.substring(0, x).trim()), Integer.parseInt(t.substring(x + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("image size must be HxW (e.g. 28x28) or N for N x N, got '" + text + "'", e);
        }
    }

    /**
     * The square image with {@code numPixels} pixels.
     *
     * @throws IllegalArgumentException when {@code numPixels} is not a perfect square
     */
    public static ImageSize squareOf(int numPixels) {
        int side = (int) Math.round(Math.sqrt(numPixels));
        if (numPixels < 1 || (long) side * side != numPixels) {
            throw new IllegalArgumentException(numPixels + " pixels do not make a square image");
        }
        return new ImageSize(side, side);
    }

    /** Rows. */
    public int height() {
        return height;
    }

    /** Columns. */
    public int width() {
        return width;
    }

    /** {@code height * width}. */
    public int numPixels() {
        return height * width;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageSize && ((ImageSize) o).height == height && ((ImageSize) o).width == width;
    }

    @Override
    public int hashCode() {
        return 31 * height + width;
    }

    @Override
    public String toString() {
        return height + "x" + width;
    }
}
