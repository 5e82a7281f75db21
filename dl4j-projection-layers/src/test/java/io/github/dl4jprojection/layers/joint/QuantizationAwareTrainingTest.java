package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.FashionMnist128;
import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.TokenBitsInputLayer;
import io.github.dl4jprojection.layers.export.ExportComparison;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.layers.qat.Int8FakeQuantActivation;
import io.github.dl4jprojection.layers.qat.Int8FakeQuantWeights;
import io.github.dl4jprojection.layers.qat.QuantizationAwareTraining;
import io.github.dl4jprojection.runtime.model.Int8Calibrator;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.WeightType;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Quantization-aware training of a joint model on the 128 committed Fashion-MNIST images (trained on the first 96):
 * the exported int8 model (and the integer-only one, from the tracked activation ranges) computes what DL4J
 * computed, where the same network trained in float loses agreement at the int8 export.
 */
@ExtendWith(SingleThreadedNd4j.class)
class QuantizationAwareTrainingTest {

    private static final int TRAIN = 96;
    private static final int EPOCHS = 15;
    private static final ProjectionSpec SPEC = ProjectionSpec.builder().numFunctions(16).bitsPerFunction(12).seed(42)
            .density(0.25).build();

    private static float[][] images;
    private static int[] labels;

    @BeforeAll
    static void data() throws Exception {
        images = FashionMnist128.images();
        labels = FashionMnist128.labels();
    }

    private static JointProjectionModel trained(QuantizationAwareTraining qat) {
        JointProjectionModel joint = untrained(qat);
        DataSet train = FashionMnist128.dataSet(images, labels, 0, TRAIN);
        joint.fit(new ViewIterator(train, 32), EPOCHS);
        return joint;
    }

    private static JointProjectionModel untrained(QuantizationAwareTraining qat) {
        return new JointProjectionModel.Builder()
                .trainerInputType(InputType.feedForward(FashionMnist128.PIXELS)).nClasses(10)
                .trainerVertex("scaled", new ScaleVertex(1.0 / 255), JointProjectionModel.TRAINER_INPUT)
                .trainerLayer("trainer_hidden", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build(),
                        "scaled")
                .projectionLayer(new ProjectionLayer.Builder().spec(SPEC).build())
                .hiddenLayers(16)
                .quantizationAware(qat)
                .updater(new Adam(1e-2))
                .seed(7)
                .build();
    }

    @Test
    void int8ExportOfAQuantizationAwareModelComputesWhatDl4jComputed() {
        JointProjectionModel qat = trained(QuantizationAwareTraining.weights());
        ExportComparison withQat = ExportComparison.dense(qat,
                ProjectionNetExporter.from(qat).weights(WeightType.INT8).export(), images, labels);
        JointProjectionModel plain = trained(null);
        ExportComparison withoutQat = ExportComparison.dense(plain,
                ProjectionNetExporter.from(plain).weights(WeightType.INT8).export(), images, labels);
        System.out.println("int8 export vs DL4J on 128 images: with QAT " + withQat + "; float training " + withoutQat);
        assertEquals(1.0, withQat.agreement(), withQat.toString());
        assertTrue(withQat.maxProbabilityDifference() <= 1e-5, withQat.toString());
        ExportComparison float32 = ExportComparison.dense(qat, ProjectionNetExporter.from(qat).export(), images,
                labels);
        assertEquals(1.0, float32.agreement(), "float32 keeps the int8 weights the network trained with: " + float32);
        assertTrue(float32.maxProbabilityDifference() <= 1e-5, float32.toString());
        assertTrue(withoutQat.maxProbabilityDifference() > 100 * withQat.maxProbabilityDifference(),
                "float training's int8 export is measurably further from DL4J: " + withoutQat);
    }

    @Test
    void integerOnlyExportTakesTheTrackedRangesAndAgrees() {
        JointProjectionModel qat = trained(QuantizationAwareTraining.weightsAndActivations(0.9));
        List<String> hidden = qat.projectionDenseLayerNames().subList(0, 1);
        double[] ranges = QuantizationAwareTraining.hiddenRanges(qat.graph(), hidden);
        assertTrue(ranges[0] > 0, "a range was tracked");
        Int8Calibrator calibrator = Int8Calibrator.of(ProjectionNetExporter.from(qat).export());
        calibrator.useRanges(ranges, "quantization-aware training");
        ProjectionModel fixed = calibrator.calibrate();
        assertTrue(fixed.isFixedPoint());
        ExportComparison comparison = ExportComparison.dense(qat, fixed, images, labels);
        System.out.println("int8-fixed export of a QAT model vs DL4J on 128 images: " + comparison);
        assertTrue(comparison.agreement() >= 127 / 128.0, comparison.toString());
        assertTrue(Math.abs(comparison.accuracyChange()) <= 1 / 128.0 + 1e-9, comparison.toString());
    }

    @Test
    void modelSerializerRoundTripKeepsTheQuantizationAndTheRanges(@TempDir Path dir) throws Exception {
        JointProjectionModel qat = trained(QuantizationAwareTraining.weightsAndActivations(0.9));
        File file = dir.resolve("qat.zip").toFile();
        qat.save(file);
        JointProjectionModel loaded = JointProjectionModel.load(file);
        for (String name : loaded.projectionDenseLayerNames()) {
            DenseLayer layer = (DenseLayer) loaded.graph().getLayer(name).conf().getLayer();
            assertEquals(new Int8FakeQuantWeights(), layer.getWeightNoise(), name);
            assertEquals(((DenseLayer) qat.graph().getLayer(name).conf().getLayer()).getActivationFn(),
                    layer.getActivationFn(), name);
        }
        String hidden = loaded.projectionDenseLayerNames().get(0);
        Int8FakeQuantActivation a = (Int8FakeQuantActivation) ((DenseLayer) loaded.graph().getLayer(hidden).conf()
                .getLayer()).getActivationFn();
        assertEquals(3 * EPOCHS, a.getMinibatches(), "one range update per training minibatch");
        DataSet all = FashionMnist128.dataSet(images, labels, 0, images.length);
        assertEquals(qat.projectionOutput(all.getFeatures()), loaded.projectionOutput(all.getFeatures()));
    }

    /** A checkpoint holds the ranges: saved after one epoch and trained on, it ends as an uninterrupted run. */
    @Test
    void resumingFromASavedModelEndsLikeAnUninterruptedRun(@TempDir Path dir) throws Exception {
        QuantizationAwareTraining qat = QuantizationAwareTraining.weightsAndActivations(0.9);
        DataSet train = FashionMnist128.dataSet(images, labels, 0, TRAIN);
        JointProjectionModel whole = untrained(qat);
        whole.fit(new ViewIterator(train, 32), 2);
        JointProjectionModel first = untrained(qat);
        first.fit(new ViewIterator(train, 32), 1);
        File file = dir.resolve("epoch1.zip").toFile();
        first.save(file);
        JointProjectionModel resumed = JointProjectionModel.load(file);
        resumed.fit(new ViewIterator(train, 32), 1);
        assertEquals(whole.graph().params(), resumed.graph().params());
        List<String> hidden = whole.projectionDenseLayerNames().subList(0, 1);
        assertEquals(QuantizationAwareTraining.hiddenRanges(whole.graph(), hidden)[0],
                QuantizationAwareTraining.hiddenRanges(resumed.graph(), hidden)[0]);
    }

    @Test
    void sequenceModelsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JointProjectionModel.Builder()
                .trainer(TestModels.mlp(4, 2, org.nd4j.linalg.api.buffer.DataType.FLOAT))
                .tokenBitsInput(new TokenBitsInputLayer.Builder().numFunctions(2).bitsPerFunction(8).maxTokens(8)
                        .build())
                .sequenceEncoder(4, 3, 4)
                .quantizationAware(QuantizationAwareTraining.weights())
                .build());
        assertTrue(e.getMessage().startsWith("quantizationAware: sequence models"), e.getMessage());
    }
}
