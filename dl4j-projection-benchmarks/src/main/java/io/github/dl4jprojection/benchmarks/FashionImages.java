package io.github.dl4jprojection.benchmarks;

import io.github.dl4jprojection.data.IdxImages;
import io.github.dl4jprojection.data.IdxReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The 128 Fashion-MNIST test images bundled in the benchmarks jar, as {@code float[784]} pixel
 * values 0..255 (the scale the examples feed the projection), so the benchmarks see real inputs
 * rather than noise: the number of non-zero pixels changes the work of a sparse projection.
 */
final class FashionImages {

    static final int PIXELS = 28 * 28;
    private static final String RESOURCE = "/fashion-mnist-t10k-128-images-idx3-ubyte.gz";

    private FashionImages() {
    }

    /** All images of the resource, {@code [count][784]}, read by the data module's {@link IdxReader}. */
    static float[][] load() {
        try (InputStream raw = FashionImages.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the benchmarks jar");
            }
            IdxImages idx = IdxReader.readImages("classpath:" + RESOURCE, raw.readAllBytes());
            if (idx.height() * idx.width() != PIXELS) {
                throw new IllegalStateException(RESOURCE + " holds " + idx.height() + "x" + idx.width()
                        + " images, not 28x28");
            }
            float[][] images = new float[idx.count()][PIXELS];
            for (int i = 0; i < images.length; i++) {
                for (int p = 0; p < PIXELS; p++) {
                    images[i][p] = idx.pixel(i, p);
                }
            }
            return images;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
