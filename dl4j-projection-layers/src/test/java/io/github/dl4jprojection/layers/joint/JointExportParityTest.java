package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.BitVectorInputLayer;
import io.github.dl4jprojection.layers.FashionMnist128;
import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.export.ExportComparison;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.layers.export.ThreeWayParity;
import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.FeaturizerSection;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.WeightType;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Three-way parity on real joint models: a small MLP trainer and a projection network (192 bits, one ReLU hidden
 * layer) trained jointly on the first 96 of the 128 committed Fashion-MNIST test images, exported with the joint
 * model's own names. On all 128 images: the DL4J projection branch, the Java runtime and the emitted C give identical
 * bits and labels and probabilities within 1e-5; the int8 export's agreement and accuracy change are reported, and its
 * C matches its Java. The images are raw 0..255 pixels (the trainer scales them), so the projection sums are exact in
 * float32; accuracies are printed for the 32 images held out of training.
 */
@ExtendWith(SingleThreadedNd4j.class)
class JointExportParityTest {

    private static final int EPOCHS = 15;
    private static final int TRAIN = 96;
    private static final int BATCH = 32;
    private static final int HIDDEN = 32;
    private static final ProjectionSpec SPEC = ProjectionSpec.builder().numFunctions(16).bitsPerFunction(12).seed(42)
            .density(0.25).build();

    private static float[][] images;
    private static int[] labels;
    private static INDArray features;
    private static JointProjectionModel joint;

    @BeforeAll
    static void train() throws Exception {
        images = FashionMnist128.images();
        labels = FashionMnist128.labels();
        features = Nd4j.create(images);
        joint = jointModel().projectionLayer(new ProjectionLayer.Builder().spec(SPEC).build()).build();
        fit(joint);
    }

    /** Trainer: scale to [0, 1], dense 64 ReLU, logits; projection: one hidden ReLU layer. */
    private static JointProjectionModel.Builder jointModel() {
        return new JointProjectionModel.Builder()
                .trainerInputType(InputType.feedForward(FashionMnist128.PIXELS)).nClasses(10)
                .labelNames(FashionMnist128.LABEL_NAMES)
                .trainerVertex("scaled", new ScaleVertex(1.0 / 255), JointProjectionModel.TRAINER_INPUT)
                .trainerLayer("trainer_hidden", new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build(),
                        "scaled")
                .hiddenLayers(HIDDEN)
                .updater(new Adam(1e-2))
                .seed(7);
    }

    private static void fit(JointProjectionModel model) {
        INDArray oneHot = Nd4j.zeros(labels.length, 10);
        for (int r = 0; r < labels.length; r++) {
            oneHot.putScalar(r, labels[r], 1.0);
        }
        INDArray first = features.get(NDArrayIndex.interval(0, TRAIN), NDArrayIndex.all());
        model.fit(new ViewIterator(new DataSet(first, oneHot.get(NDArrayIndex.interval(0, TRAIN), NDArrayIndex.all())),
                BATCH), EPOCHS);
    }

    /** The joint model's own names and labels: the same file as naming every vertex on a graph export. */
    @Test
    void exportFromTheJointModelEqualsTheExportNamingItsVertices() {
        ProjectionModel named = ProjectionNetExporter.from(joint.graph())
                .projection(joint.projectionInputLayerName())
                .denseLayers(joint.projectionDenseLayerNames().toArray(new String[0]))
                .labels(FashionMnist128.LABEL_NAMES).input(InputSpec.image(28, 28, 1)).export();
        ProjectionModel fromJoint = ProjectionNetExporter.from(joint).input(InputSpec.image(28, 28, 1)).export();
        assertEquals(FashionMnist128.LABEL_NAMES, fromJoint.labels());
        assertArrayEquals(ModelWriter.toBytes(named), ModelWriter.toBytes(fromJoint));
        assertEquals(Arrays.asList("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"),
                ProjectionNetExporter.from(joint).labels("a", "b", "c", "d", "e", "f", "g", "h", "i", "j").export()
                        .labels(), "settings made after from(joint) win");
    }

    /**
     * Comparing through the joint model reads the projection's probabilities; the name form refuses the logits
     * layer, which it used to compare with probabilities (a "difference" of several units, issue 16).
     */
    @Test
    void exportComparisonTakesTheJointModelAndRefusesALogitsLayer() {
        ProjectionModel model = ProjectionNetExporter.from(joint).export();
        ExportComparison comparison = ExportComparison.dense(joint, model, images, labels);
        assertEquals(1.0, comparison.agreement(), comparison.toString());
        assertTrue(comparison.maxProbabilityDifference() <= ThreeWayParity.PROBABILITY_TOLERANCE, comparison.toString());

        String logits = joint.projectionDenseLayerNames().get(joint.projectionDenseLayerNames().size() - 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExportComparison.dense(joint.graph(), logits, model, images, labels));
        assertTrue(e.getMessage().contains("\"" + logits + "\"") && e.getMessage().contains("not a probability output"),
                e.getMessage());
        assertEquals(comparison.toString(), ExportComparison.dense(joint.graph(), joint.projectionOutputName(), model,
                images, labels).toString(), "the projection output layer is the joint model's probabilities");
    }

    @Test
    void float32ExportMatchesDl4jAndCOnEveryImage(@TempDir Path dir) throws Exception {
        ProjectionModel model = ProjectionNetExporter.from(joint).input(InputSpec.image(28, 28, 1)).export();
        assertEquals(Arrays.asList(Nonlinearity.RELU, Nonlinearity.IDENTITY),
                Arrays.asList(model.layers().get(0).nonlinearity(), model.layers().get(1).nonlinearity()),
                "hidden layer and logits; the trainer is stripped");
        assertEquals((long) SPEC.numBits() * HIDDEN + HIDDEN + HIDDEN * 10 + 10, model.numParameters());

        Map<String, INDArray> activations = joint.graph().feedForward(joint.graphInputs(features), false);
        int[] predicted = ThreeWayParity.dense(model, images,
                activations.get(joint.projectionInputLayerName()).toFloatMatrix(),
                activations.get(joint.projectionOutputName()).toFloatMatrix(), dir);

        double heldOut = heldOutAccuracy(predicted);
        System.out.printf(Locale.ROOT, "joint projection network (float32) on Fashion-MNIST: DL4J, Java and C identical"
                + " on all %d images; accuracy on the %d held out of training %.4f%n", images.length,
                images.length - TRAIN, heldOut);
        assertTrue(heldOut > 0.3, "the projection network generalizes beyond chance (0.1): " + heldOut);
        ExportComparison comparison = ExportComparison.dense(joint, model, images, labels);
        assertEquals(1.0, comparison.agreement(), comparison.toString());
        assertTrue(comparison.maxProbabilityDifference() <= ThreeWayParity.PROBABILITY_TOLERANCE, comparison.toString());
    }

    @Test
    void int8ExportReportsItsCostAndItsCMatchesItsJava(@TempDir Path dir) throws Exception {
        ProjectionModel model = ProjectionNetExporter.from(joint).weights(WeightType.INT8).export();
        for (DenseBlock layer : model.layers()) {
            assertEquals(WeightType.INT8, layer.weightType());
        }
        ExportComparison comparison = ExportComparison.dense(joint, model, images, labels);
        float[][] heldOutImages = Arrays.copyOfRange(images, TRAIN, images.length);
        int[] heldOutLabels = Arrays.copyOfRange(labels, TRAIN, labels.length);
        ExportComparison heldOut = ExportComparison.dense(joint, model, heldOutImages, heldOutLabels);
        System.out.println("joint projection network, int8 export vs DL4J float32, all 128 Fashion-MNIST images: "
                + comparison + "; the 32 held out of training: " + heldOut);
        assertTrue(comparison.agreement() >= 0.9, comparison.toString());
        assertTrue(Math.abs(comparison.accuracyChange()) <= 0.05, comparison.toString());

        ThreeWayParity.dense(model, images, null, null, dir);
    }

    /**
     * A bits input fed with the reference dense projection of the pixels (what {@link JointProjectionModel#graphInputs}
     * computes), exported as a FEATURES model whose feature bag is (pixel index, pixel value) for the non-zero pixels in
     * index order: by the projection's definition (docs/FORMAT.md 5.1) that bag gives the same bits as the dense input,
     * so the device recomputes the graph's bits without the dense projection code.
     */
    @Test
    void bitsInputJointModelExportsAsAFeatureModelWithTheSameBits(@TempDir Path dir) throws Exception {
        JointProjectionModel bits = jointModel().bitVectorInput(new BitVectorInputLayer.Builder().spec(SPEC).build())
                .build();
        fit(bits);
        ProjectionModel model = ProjectionNetExporter.from(bits).input(InputSpec.features(FeaturizerSection.of(
                "pixel-index", 1,
                Collections.singletonMap("feature", "key = pixel index, weight = raw value, zero pixels omitted"))))
                .export();

        long[][] keys = new long[images.length][];
        float[][] weights = new float[images.length][];
        for (int r = 0; r < images.length; r++) {
            int count = 0;
            for (float v : images[r]) {
                count += v != 0 ? 1 : 0;
            }
            keys[r] = new long[count];
            weights[r] = new float[count];
            for (int i = 0, j = 0; i < images[r].length; i++) {
                if (images[r][i] != 0) {
                    keys[r][j] = i;
                    weights[r][j++] = images[r][i];
                }
            }
        }
        Map<String, INDArray> activations = bits.graph().feedForward(bits.graphInputs(features), false);
        int[] predicted = ThreeWayParity.features(model, keys, weights,
                activations.get(bits.projectionInputLayerName()).toFloatMatrix(),
                activations.get(bits.projectionOutputName()).toFloatMatrix(), dir);
        assertTrue(heldOutAccuracy(predicted) > 0.3, "the bits-input projection network generalizes beyond chance: "
                + heldOutAccuracy(predicted));
    }

    private static double heldOutAccuracy(int[] predicted) {
        int correct = 0;
        for (int r = TRAIN; r < predicted.length; r++) {
            correct += predicted[r] == labels[r] ? 1 : 0;
        }
        return correct / (double) (predicted.length - TRAIN);
    }
}
