package io.github.dl4jprojection.spark.data;

import io.github.dl4jprojection.data.CsvImageReader;
import io.github.dl4jprojection.data.DataFileException;
import io.github.dl4jprojection.data.IdxImages;
import io.github.dl4jprojection.data.IdxReader;
import io.github.dl4jprojection.data.ImageDataset;
import io.github.dl4jprojection.data.ImageSize;
import io.github.dl4jprojection.data.LabelVocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Labelled grey-scale images on Spark. The files (IDX, optionally gzip, or CSV) are read from a Hadoop-compatible
 * path by the driver with the single-machine readers, whose checks and messages they keep; the images then go to
 * the workers as compact byte minibatches. The projection of an image runs inside the graph
 * ({@code ProjectionLayer}), so there is nothing to featurize on the workers. Pixels stay raw 0..255 (exact in the
 * projection's float32 sums, as in single-machine training).
 */
public final class ImageBatches {

    private ImageBatches() {
    }

    /**
     * Reads an IDX images file and its labels file.
     *
     * @param labelNames class names; null names the classes "0" .. "max label"
     * @throws IOException a {@code DataNotFoundException} or {@code DataFileException} naming the file
     */
    public static ImageDataset readIdx(Configuration conf, String imagesPath, String labelsPath,
                                       List<String> labelNames, String description) throws IOException {
        IdxImages images = IdxReader.readImages(imagesPath, readAll(conf, imagesPath));
        int[] labels = IdxReader.readLabels(labelsPath, readAll(conf, labelsPath));
        if (labels.length != images.count()) {
            throw new DataFileException(labelsPath, "has " + labels.length + " labels but " + imagesPath + " has "
                    + images.count() + " images: the two files must belong together");
        }
        int max = 0;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        List<String> names = labelNames != null ? labelNames : LabelVocabulary.integerNames(max + 1);
        if (max >= names.size()) {
            throw new DataFileException(labelsPath, "has label " + max + " but only " + names.size() + " classes");
        }
        return images.withLabels(labels, names, description);
    }

    /**
     * Reads a CSV images file (label, then pixels; {@link CsvImageReader}) through a local copy.
     *
     * @param size       the image size, or null to infer a square one
     * @param vocabulary the classes, or null to infer them from the file
     */
    public static ImageDataset readCsv(Configuration conf, String path, ImageSize size, LabelVocabulary vocabulary)
            throws IOException {
        HadoopLines.requireExists(conf, path);
        java.nio.file.Path local = Files.createTempFile("dl4j-projection-images", ".csv");
        try {
            Path source = new Path(path);
            source.getFileSystem(conf).copyToLocalFile(false, source, new Path(local.toUri()), true);
            return CsvImageReader.read(local, size, vocabulary);
        } catch (DataFileException e) {
            // The reader named the local copy: name the user's file.
            throw new DataFileException(path, e.line(), e.getMessage().substring(e.getMessage().indexOf(": ") + 2), e);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /**
     * The minibatches of {@code data} for a joint graph whose projection reads the trainer's input: features
     * {@code [pixels [mb, h*w]]} (raw 0..255), labels {@code [one-hot, one-hot]}; {@code numSlices} partitions.
     * The images are put in a random order drawn from {@code seed} first, so that no minibatch holds one class
     * when the files are grouped by class.
     *
     * @throws IllegalArgumentException naming {@code batchSize} or {@code numSlices} when below 1
     */
    public static JavaRDD<MultiDataSet> batches(JavaSparkContext sc, ImageDataset data, int batchSize, int numSlices,
                                                long seed) {
        if (batchSize < 1 || numSlices < 1) {
            throw new IllegalArgumentException((batchSize < 1 ? "batchSize" : "numSlices") + " must be at least 1");
        }
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<ByteBatch> chunks = new ArrayList<>();
        int pixels = data.pixelsPerImage();
        for (int start = 0; start < data.size(); start += batchSize) {
            int mb = Math.min(batchSize, data.size() - start);
            byte[] bytes = new byte[mb * pixels];
            int[] labels = new int[mb];
            for (int r = 0; r < mb; r++) {
                int image = order[start + r];
                for (int p = 0; p < pixels; p++) {
                    bytes[r * pixels + p] = (byte) data.pixel(image, p);
                }
                labels[r] = data.label(image);
            }
            chunks.add(new ByteBatch(bytes, labels, pixels, data.numClasses()));
        }
        return sc.parallelize(chunks, numSlices).map(ByteBatch::toMultiDataSet);
    }

    private static byte[] readAll(Configuration conf, String path) throws IOException {
        HadoopLines.requireExists(conf, path);
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(conf);
        try (InputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }

    /** One minibatch as bytes: a quarter of its float size on the way to the workers. */
    private static final class ByteBatch implements Serializable {
        private static final long serialVersionUID = 1L;

        private final byte[] pixels;
        private final int[] labels;
        private final int pixelsPerImage;
        private final int numClasses;

        ByteBatch(byte[] pixels, int[] labels, int pixelsPerImage, int numClasses) {
            this.pixels = pixels;
            this.labels = labels;
            this.pixelsPerImage = pixelsPerImage;
            this.numClasses = numClasses;
        }

        MultiDataSet toMultiDataSet() {
            int mb = labels.length;
            float[] x = new float[mb * pixelsPerImage];
            for (int i = 0; i < x.length; i++) {
                x[i] = pixels[i] & 0xFF;
            }
            float[] y = new float[mb * numClasses];
            for (int r = 0; r < mb; r++) {
                y[r * numClasses + labels[r]] = 1f;
            }
            INDArray features = Nd4j.create(x, new long[] {mb, pixelsPerImage}, 'c');
            INDArray oneHot = Nd4j.create(y, new long[] {mb, numClasses}, 'c');
            return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {features}, new INDArray[] {oneHot, oneHot});
        }
    }
}
