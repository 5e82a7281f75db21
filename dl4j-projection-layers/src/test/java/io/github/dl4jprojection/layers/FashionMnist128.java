package io.github.dl4jprojection.layers;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The first 128 images and labels of the Fashion-MNIST test set, committed as test resources (see NOTICE): real
 * 28x28 images with raw pixel values 0..255, which the projection sums exactly in float32.
 */
public final class FashionMnist128 {

    /** Number of images. */
    public static final int COUNT = 128;
    /** Pixels per image (28 x 28). */
    public static final int PIXELS = 784;
    /** Fashion-MNIST's class names in label order. */
    public static final List<String> LABEL_NAMES = Collections.unmodifiableList(Arrays.asList("T-shirt/top",
            "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"));

    private static final String IMAGES = "/fashion-mnist-t10k-128-images-idx3-ubyte.gz";
    private static final String LABELS = "/fashion-mnist-t10k-128-labels-idx1-ubyte.gz";

    private FashionMnist128() {
    }

    /** {@code [128][784]} raw pixel values, row-major per image. */
    public static float[][] images() throws IOException {
        try (DataInputStream in = open(IMAGES)) {
            check(2051, in.readInt(), "images magic");
            check(COUNT, in.readInt(), "image count");
            check(PIXELS, in.readInt() * in.readInt(), "pixels per image");
            float[][] x = new float[COUNT][PIXELS];
            for (float[] image : x) {
                for (int i = 0; i < PIXELS; i++) {
                    image[i] = in.readUnsignedByte();
                }
            }
            return x;
        }
    }

    /** The 128 labels, 0..9. */
    public static int[] labels() throws IOException {
        try (DataInputStream in = open(LABELS)) {
            check(2049, in.readInt(), "labels magic");
            check(COUNT, in.readInt(), "label count");
            int[] y = new int[COUNT];
            for (int i = 0; i < COUNT; i++) {
                y[i] = in.readUnsignedByte();
            }
            return y;
        }
    }

    /** Images {@code from..to-1} of {@code images} as features {@code [n, 784]} with one-hot labels {@code [n, 10]}. */
    public static DataSet dataSet(float[][] images, int[] labels, int from, int to) {
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, to - from, LABEL_NAMES.size());
        for (int r = from; r < to; r++) {
            oneHot.putScalar(r - from, labels[r], 1.0);
        }
        return new DataSet(Nd4j.create(Arrays.copyOfRange(images, from, to)), oneHot);
    }

    private static DataInputStream open(String resource) throws IOException {
        InputStream raw = FashionMnist128.class.getResourceAsStream(resource);
        if (raw == null) {
            throw new IOException("test resource " + resource + " is missing");
        }
        return new DataInputStream(new GZIPInputStream(raw));
    }

    private static void check(int expected, int actual, String what) throws IOException {
        if (expected != actual) {
            throw new IOException(what + ": expected " + expected + ", read " + actual);
        }
    }
}
