package io.github.dl4jprojection.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An in-memory set of labelled grey-scale images, all {@code height x width}.
 *
 * <p>Image {@code i} has pixels {@code p = 0 .. height*width-1} in row-major order (row
 * {@code p / width}, column {@code p % width}), each an integer 0..255 handed out as a float, and a
 * label {@code 0 <= label(i) < numClasses()} whose name is {@code labelNames().get(label(i))}.
 * Pixels are stored as unsigned bytes (60,000 MNIST images take 47 MB) and are never scaled here:
 * integer-valued inputs keep the projection's float32 sums exact.
 *
 * <p>Immutable; {@link #description()} says where the data came from (it goes into a model's
 * provenance).
 */
public final class ImageDataset {

    private final int height;
    private final int width;
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> labelNames;
    private final String description;

    /** Takes ownership of the arrays: callers in this package pass arrays nobody else holds. */
    ImageDataset(int height, int width, byte[] pixels, int[] labels, List<String> labelNames, String description) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("height and width must be at least 1, got " + height + "x" + width);
        }
        Objects.requireNonNull(labelNames, "labelNames");
        if (labelNames.isEmpty()) {
            throw new IllegalArgumentException("labelNames must not be empty");
        }
        long expected = (long) labels.length * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("pixels must hold " + labels.length + " images of " + height + "x"
                    + width + " = " + expected + " values, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= labelNames.size()) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is outside 0.."
                        + (labelNames.size() - 1) + " (" + labelNames.size() + " label names)");
            }
        }
        this.height = height;
        this.width = width;
        this.pixels = pixels;
        this.labels = labels;
        this.labelNames = Collections.unmodifiableList(new ArrayList<>(labelNames));
        this.description = Objects.requireNonNull(description, "description");
    }

    /**
     * A data set from copies of the given arrays.
     *
     * @param pixels      {@code labels.length * height * width} unsigned bytes (0..255), image after image
     * @param labels      class indices into {@code labelNames}
     * @param labelNames  one name per class
     * @param description where the data came from
     * @throws IllegalArgumentException naming the parameter when sizes disagree or a label is out of range
     */
    public static ImageDataset of(int height, int width, byte[] pixels, int[] labels, List<String> labelNames,
                                  String description) {
        return new ImageDataset(height, width, pixels.clone(), labels.clone(), labelNames, description);
    }

    /** The number of images. */
    public int size() {
        return labels.length;
    }

    /** Image height in pixels. */
    public int height() {
        return height;
    }

    /** Image width in pixels. */
    public int width() {
        return width;
    }

    /** {@code height * width}: the length of one image's feature vector. */
    public int pixelsPerImage() {
        return height * width;
    }

    /** The number of classes, {@code labelNames().size()}. */
    public int numClasses() {
        return labelNames.size();
    }

    /** Class names, indexed by label. */
    public List<String> labelNames() {
        return labelNames;
    }

    /** Where the data came from, e.g. "Fashion-MNIST train (60000 images) from /usr/share/...". */
    public String description() {
        return description;
    }

    /** The label of image {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** A copy of all labels, in image order. */
    public int[] labels() {
        return labels.clone();
    }

    /** Pixel {@code p} of image {@code i}, an integer 0..255. */
    public int pixel(int i, int p) {
        return pixels[i * pixelsPerImage() + p] & 0xFF;
    }

    /**
     * Copies image {@code i} into {@code dst[offset .. offset + pixelsPerImage())} as floats 0..255,
     * multiplied by {@code scale} (1 keeps raw values; 1/255f maps to [0, 1]).
     */
    public void copyPixels(int i, float[] dst, int offset, float scale) {
        int n = pixelsPerImage();
        int base = i * n;
        for (int p = 0; p < n; p++) {
            dst[offset + p] = (pixels[base + p] & 0xFF) * scale;
        }
    }

    /** The largest pixel value of all images, 0..255: the range a trainer should scale to [0, 1]. */
    public int maxPixel() {
        int max = 0;
        for (byte b : pixels) {
            max = Math.max(max, b & 0xFF);
        }
        return max;
    }

    /** The number of images of each class, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * The images at {@code indices}, in that order (repeats allowed), with the same label names.
     *
     * @throws IndexOutOfBoundsException when an index is outside {@code 0 .. size()-1}
     */
    public ImageDataset subset(int[] indices, String description) {
        int n = pixelsPerImage();
        byte[] subPixels = new byte[Math.multiplyExact(indices.length, n)];
        int[] subLabels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= labels.length) {
                throw new IndexOutOfBoundsException("indices[" + k + "] = " + i + " is outside 0.." + (labels.length - 1));
            }
            System.arraycopy(pixels, i * n, subPixels, k * n, n);
            subLabels[k] = labels[i];
        }
        return new ImageDataset(height, width, subPixels, subLabels, labelNames, description);
    }

    @Override
    public String toString() {
        return description + " [" + size() + " images " + height + "x" + width + ", " + numClasses() + " classes "
                + Arrays.toString(classCounts()) + "]";
    }
}
