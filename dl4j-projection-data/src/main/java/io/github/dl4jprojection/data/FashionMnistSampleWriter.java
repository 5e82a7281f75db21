package io.github.dl4jprojection.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Regenerates the bundled Fashion-MNIST sample from the full data set: {@value #TRAIN_PER_CLASS}
 * training and {@value #TEST_PER_CLASS} test images per class, chosen by
 * {@link StratifiedSampler} with seed {@value #SEED}, written as gzip IDX files. The same full data
 * set always gives byte-identical files.
 *
 * <p>Usage (from the repository root, after {@code ./projectionnet --help} has built the jar):
 * <pre>
 * java -cp dl4j-projection-examples/target/dl4j-projection-examples-*-all.jar \
 *     io.github.dl4jprojection.data.FashionMnistSampleWriter [SOURCE_DIR [OUT_DIR]]
 * </pre>
 * SOURCE_DIR defaults to {@value ImageDataLocator#FASHION_MNIST_SYSTEM_DIR}, OUT_DIR to {@value #DEFAULT_OUT_DIR}.
 */
public final class FashionMnistSampleWriter {

    /** Training images kept per class (10 classes). */
    public static final int TRAIN_PER_CLASS = 300;
    /** Test images kept per class (10 classes). */
    public static final int TEST_PER_CLASS = 100;
    /** The sampling seed (the ProjectionNet paper's arXiv number). */
    public static final long SEED = 170800630L;
    /** The module's resource folder of the sample, relative to the repository root. */
    public static final String DEFAULT_OUT_DIR = "dl4j-projection-examples/src/main/resources"
            + BundledFashionMnistSample.RESOURCE_DIR;

    private FashionMnistSampleWriter() {
    }

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        if (args.length > 2) {
            System.err.println("usage: FashionMnistSampleWriter [SOURCE_DIR [OUT_DIR]]");
            System.exit(2);
        }
        Path source = Paths.get(args.length > 0 ? args[0] : ImageDataLocator.FASHION_MNIST_SYSTEM_DIR);
        Path out = Paths.get(args.length > 1 ? args[1] : DEFAULT_OUT_DIR);
        write(source, out);
        System.out.println("Wrote the Fashion-MNIST sample to " + out.toAbsolutePath());
    }

    /**
     * Samples both splits of the Fashion-MNIST files in {@code sourceDir} into {@code outDir}.
     *
     * @throws DataNotFoundException when files are missing from {@code sourceDir}
     */
    public static void write(Path sourceDir, Path outDir) throws IOException {
        IdxFolderSource source = new IdxFolderSource("Fashion-MNIST", sourceDir, ImageTask.FASHION_MNIST.labelNames(),
                ImageDataLocator.FASHION_HOW_TO_GET);
        source.checkAvailable(DataSplit.values());
        Files.createDirectories(outDir);
        writeSplit(source.load(DataSplit.TRAIN, null), DataSplit.TRAIN, TRAIN_PER_CLASS, outDir);
        writeSplit(source.load(DataSplit.TEST, null), DataSplit.TEST, TEST_PER_CLASS, outDir);
    }

    private static void writeSplit(ImageDataset full, DataSplit split, int perClass, Path outDir) throws IOException {
        int[] chosen = StratifiedSampler.select(full.labels(), full.numClasses(), perClass, SEED + split.ordinal());
        ImageDataset sample = full.subset(chosen, "Fashion-MNIST " + split.displayName() + " sample");
        IdxWriter.writeImages(outDir.resolve(IdxFileNames.canonicalImagesName(split)), sample);
        IdxWriter.writeLabels(outDir.resolve(IdxFileNames.canonicalLabelsName(split)), sample);
    }
}
