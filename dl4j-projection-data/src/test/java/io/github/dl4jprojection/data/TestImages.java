package io.github.dl4jprojection.data;

import java.util.List;

/** Small synthetic image sets for tests. */
final class TestImages {

    private TestImages() {
    }

    /**
     * {@code n} images of {@code h x w}; image {@code i} has label {@code i % classes} and pixel
     * {@code p} = {@code (i * 31 + p * 7 + label * 50) % 256}.
     */
    static ImageDataset synthetic(int n, int h, int w, int classes) {
        byte[] pixels = new byte[n * h * w];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            for (int p = 0; p < h * w; p++) {
                pixels[i * h * w + p] = (byte) ((i * 31 + p * 7 + labels[i] * 50) % 256);
            }
        }
        return ImageDataset.of(h, w, pixels, labels, LabelVocabulary.integerNames(classes), "synthetic");
    }

    static List<String> names(int classes) {
        return LabelVocabulary.integerNames(classes);
    }
}
