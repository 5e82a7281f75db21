package io.github.dl4jprojection.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.FashionMnist128;
import io.github.dl4jprojection.layers.export.ExportComparison;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.layers.export.ThreeWayParity;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A joint graph with a {@code ProjectionLayer} trained on {@code local[2]} by the {@link SparkEpochFitter}, then
 * exported: on all 128 committed Fashion-MNIST images the DL4J projection branch, the Java runtime
 * and the emitted C give identical bits and labels and probabilities within 1e-5 (the layers module's
 * {@link ThreeWayParity} harness).
 */
class SparkImageExportParityTest {

    private static final int TRAIN = 96;
    private static final int EPOCHS = 10;
    private static final int BATCH = 16;

    @Test
    void sparkTrainedModelExportsWithThreeWayParity(@TempDir Path dir) throws Exception {
        float[][] pixels = FashionMnist128.images();
        int[] labels = FashionMnist128.labels();
        List<MultiDataSet> batches = new ArrayList<>();
        for (int start = 0; start < TRAIN; start += BATCH) {
            float[][] y = new float[BATCH][10];
            for (int r = 0; r < BATCH; r++) {
                y[r][labels[start + r]] = 1;
            }
            batches.add(new org.nd4j.linalg.dataset.MultiDataSet(
                    Nd4j.create(Arrays.copyOfRange(pixels, start, start + BATCH)), Nd4j.create(y)));
        }

        JointProjectionModel joint = ImageModels.joint();
        INDArray initial = joint.graph().params().dup();
        SparkEpochFitter fitter = new SparkEpochFitter(LocalSpark.context(),
                TrainingMasters.parameterAveraging(BATCH, 1, 7), 2);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            fitter.fitEpoch(joint, new ListBatches(batches));
        }
        assertNotEquals(initial, joint.graph().params(), "Spark trained the caller's graph in place");
        assertEquals(EPOCHS, joint.graph().getConfiguration().getEpochCount(), "finished epochs are counted");

        ProjectionModel model = ProjectionNetExporter.from(joint)
                .input(InputSpec.image(28, 28, 1))
                .export();
        Map<String, INDArray> activations = joint.graph().feedForward(joint.graphInputs(Nd4j.create(pixels)), false);
        int[] predicted = ThreeWayParity.dense(model, pixels,
                activations.get(joint.projectionInputLayerName()).toFloatMatrix(),
                activations.get(joint.projectionOutputName()).toFloatMatrix(), dir);

        ExportComparison comparison = ExportComparison.dense(joint, model, pixels, labels);
        assertEquals(1.0, comparison.agreement(), comparison.toString());
        assertTrue(comparison.maxProbabilityDifference() <= ThreeWayParity.PROBABILITY_TOLERANCE, comparison.toString());
        int[] truth = Arrays.copyOfRange(labels, TRAIN, labels.length);
        long right = IntStream.range(0, truth.length).filter(i -> predicted[TRAIN + i] == truth[i]).count();
        double heldOut = right / (double) truth.length;
        System.out.printf(Locale.ROOT, "Spark-trained projection network: DL4J, Java and C identical on all %d images; "
                + "accuracy on the %d held out %.4f%n", pixels.length, truth.length, heldOut);
        assertTrue(heldOut > 0.3, "the projection network generalizes beyond chance (0.1): " + heldOut);
    }
}
