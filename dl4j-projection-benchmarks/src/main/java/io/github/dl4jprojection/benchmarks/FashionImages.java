package io.github.dl4jprojection.benchmarks;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/**
 * The 128 Fashion-MNIST test images bundled in the benchmarks jar, as {@code float[784]} pixel
 * values 0..255 (the scale the examples feed the projection), so the benchmarks see real inputs
 * rather than noise: the number of non-zero pixels changes the work of a sparse projection.
 */
final class FashionImages {

    static final int PIXELS = 28 * 28;
    private static final String RESOURCE = "/fashion-mnist-t10k-128-images-idx3-ubyte.gz";
    private static final int IDX3_UBYTE_MAGIC = 0x00000803;

    private FashionImages() {
    }

    /** All images of the resource, {@code [count][784]}. */
    static float[][] load() {
        try (InputStream raw = FashionImages.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the benchmarks jar");
            }
            DataInputStream in = new DataInputStream(new GZIPInputStream(raw));
            int magic = in.readInt();
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (magic != IDX3_UBYTE_MAGIC || rows * cols != PIXELS || count <= 0) {
                throw new IllegalStateException(RESOURCE + " is not an IDX file of 28x28 images");
            }
            float[][] images = new float[count][PIXELS];
            byte[] row = new byte[PIXELS];
            for (float[] image : images) {
                in.readFully(row);
                for (int p = 0; p < PIXELS; p++) {
                    image[p] = row[p] & 0xFF;
                }
            }
            return images;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
