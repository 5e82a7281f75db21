package io.github.dl4jprojection.benchmarks.pixels;

import io.github.dl4jprojection.data.ImageDataset;

/** Integer centring offsets computed from the training images (raw pixels 0..255). */
final class PixelOffsets {

    private PixelOffsets() {
    }

    /** {@code m_i = round(mean over training images of pixel i)}, an integer 0..255 for each pixel. */
    static float[] perPixel(ImageDataset train) {
        double[] sums = perPixelSums(train);
        float[] m = new float[sums.length];
        for (int i = 0; i < sums.length; i++) {
            m[i] = Math.round(sums[i] / train.size());
        }
        return m;
    }

    /** {@code g = round(mean of all training pixels)}, the same for every pixel. */
    static float[] global(ImageDataset train) {
        double total = 0;
        for (double v : perPixelSums(train)) {
            total += v;
        }
        float g = Math.round(total / ((double) train.size() * train.pixelsPerImage()));
        float[] o = new float[train.pixelsPerImage()];
        java.util.Arrays.fill(o, g);
        return o;
    }

    private static double[] perPixelSums(ImageDataset train) {
        double[] sums = new double[train.pixelsPerImage()];
        for (int k = 0; k < train.size(); k++) {
            for (int i = 0; i < sums.length; i++) {
                sums[i] += train.pixel(k, i);
            }
        }
        return sums;
    }
}
