package io.github.dl4jprojection.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.ImageDataset;
import io.github.dl4jprojection.layers.FashionMnist128;
import io.github.dl4jprojection.layers.export.ExportComparison;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.layers.export.ThreeWayParity;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.spark.data.ImageBatches;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A joint graph with a {@code ProjectionLayer} trained on {@code local[2]} from IDX files read through Hadoop's
 * file system, then exported: on all 128 committed Fashion-MNIST images the DL4J projection branch, the Java runtime
 * and the emitted C give identical bits and labels and probabilities within 1e-5 (the layers module's
 * {@link ThreeWayParity} harness).
 */
class SparkImageExportParityTest {

    private static final int TRAIN = 96;
    private static final int EPOCHS = 10;

    @Test
    void sparkTrainedModelExportsWithThreeWayParity(@TempDir Path dir) throws Exception {
        JavaSparkContext sc = LocalSpark.context();
        Path images = copyResource("/fashion-mnist-t10k-128-images-idx3-ubyte.gz", dir);
        Path labels = copyResource("/fashion-mnist-t10k-128-labels-idx1-ubyte.gz", dir);
        ImageDataset all = ImageBatches.readIdx(sc.hadoopConfiguration(), images.toUri().toString(),
                labels.toUri().toString(), FashionMnist128.LABEL_NAMES, "Fashion-MNIST t10k, first 128");
        float[][] pixels = FashionMnist128.images();
        assertArrayEquals(FashionMnist128.labels(), all.labels(), "labels read through Hadoop");
        for (int i = 0; i < pixels.length; i++) {
            float[] row = new float[pixels[i].length];
            all.copyPixels(i, row, 0, 1f);
            assertArrayEquals(pixels[i], row, "pixels of image " + i + " read through Hadoop");
        }

        JointProjectionModel joint = ImageModels.joint();
        INDArray initial = joint.graph().params().dup();
        ImageDataset train = all.subset(IntStream.range(0, TRAIN).toArray(), "first " + TRAIN);
        new SparkJointTrainer(sc, joint, TrainingMasters.parameterAveraging(16, 1, 7))
                .fit(ImageBatches.batches(sc, train, 16, 2, 7), EPOCHS);
        assertNotEquals(initial, joint.graph().params(), "Spark trained the caller's graph in place");

        ProjectionModel model = ProjectionNetExporter.from(joint.graph())
                .projection(joint.projectionInputLayerName())
                .denseLayers(joint.projectionDenseLayerNames().toArray(new String[0]))
                .labels(joint.labelNames())
                .input(InputSpec.image(28, 28, 1))
                .export();
        Map<String, INDArray> activations = joint.graph().feedForward(joint.graphInputs(Nd4j.create(pixels)), false);
        int[] predicted = ThreeWayParity.dense(model, pixels,
                activations.get(joint.projectionInputLayerName()).toFloatMatrix(),
                activations.get(joint.projectionOutputName()).toFloatMatrix(), dir);

        ExportComparison comparison = ExportComparison.dense(joint.graph(), joint.projectionOutputName(), model, pixels,
                all.labels());
        assertEquals(1.0, comparison.agreement(), comparison.toString());
        assertTrue(comparison.maxProbabilityDifference() <= ThreeWayParity.PROBABILITY_TOLERANCE, comparison.toString());
        int[] truth = Arrays.copyOfRange(all.labels(), TRAIN, all.size());
        long right = IntStream.range(0, truth.length).filter(i -> predicted[TRAIN + i] == truth[i]).count();
        double heldOut = right / (double) truth.length;
        System.out.printf(Locale.ROOT, "Spark-trained projection network: DL4J, Java and C identical on all %d images; "
                + "accuracy on the %d held out %.4f%n", pixels.length, truth.length, heldOut);
        assertTrue(heldOut > 0.3, "the projection network generalizes beyond chance (0.1): " + heldOut);
    }

    private static Path copyResource(String name, Path dir) throws Exception {
        Path target = dir.resolve(name.substring(1));
        try (InputStream in = SparkImageExportParityTest.class.getResourceAsStream(name)) {
            Files.copy(in, target);
        }
        return target;
    }
}
