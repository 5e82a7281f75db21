package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.SketchInputLayer;
import io.github.dl4jprojection.layers.export.CDriver;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.layers.export.ThreeWayParity;
import io.github.dl4jprojection.runtime.internal.text.SketchProjection;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ModelFamily;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.WeightType;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.TestMultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Three-way parity on raw text for the SKETCH family: a joint text model whose {@link SketchInputLayer} is fed the
 * runtime's {@link SketchProjection} values, trained on the synthetic three-topic corpus, exported (float32 and
 * int8), written and read back. On the held-out texts, ill-formed UTF-8 variants of them, the empty text and a text
 * longer than the featurizer's cap: float32, the DL4J branch, the Java runtime and the emitted C have the same sketch
 * values (bit for bit), labels and probabilities within 1e-5 ({@link ThreeWayParity#sketch}); int8, Java == C and the
 * agreement with DL4J is reported. INT8_FIXED is refused.
 */
@ExtendWith(SingleThreadedNd4j.class)
class SketchJointExportParityTest {

    private static final int TRAIN = 150;
    private static final int TEST = 45;
    private static final FeaturizerConfig FEATURIZER = FeaturizerConfig.builder().maxCodePoints(256).maxFeatures(160)
            .hashSeed(11).build();

    @Test
    void dl4jJavaAndCAgreeOnRawTextFloat32AndInt8(@TempDir Path dir) throws Exception {
        Random random = new Random(17);
        List<byte[]> train = new ArrayList<>();
        int[] trainLabels = new int[TRAIN];
        for (int i = 0; i < TRAIN; i++) {
            trainLabels[i] = i % TopicCorpus.LABELS.length;
            train.add(TopicCorpus.utf8(random, trainLabels[i], 4 + random.nextInt(6)));
        }
        List<byte[]> eval = new ArrayList<>();
        int[] evalLabels = new int[TEST];
        for (int i = 0; i < TEST; i++) {
            evalLabels[i] = random.nextInt(TopicCorpus.LABELS.length);
            eval.add(TopicCorpus.utf8(random, evalLabels[i], 4 + random.nextInt(6)));
        }
        eval.addAll(TopicCorpus.illFormedVariants(eval.subList(0, 12)));
        eval.add(new byte[0]);
        StringBuilder longText = new StringBuilder();
        while (longText.length() < 3 * FEATURIZER.maxCodePoints()) {
            longText.append(TopicCorpus.text(random, 2, 4 + random.nextInt(6))).append(' ');
        }
        eval.add(longText.toString().getBytes(StandardCharsets.UTF_8));

        SketchProjection sketch = new SketchProjection(FEATURIZER, 96, 5);
        JointProjectionModel joint = new JointProjectionModel.Builder()
                .trainerInputType(InputType.feedForward(TopicCorpus.BUCKETS))
                .trainerLayer("trainer_hidden", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build(),
                        JointProjectionModel.TRAINER_INPUT)
                .nClasses(TopicCorpus.LABELS.length).labelNames(Arrays.asList(TopicCorpus.LABELS))
                .sketchInput(new SketchInputLayer.Builder().sketch(sketch).build())
                .hiddenLayers(16)
                .updater(new Adam(1e-2))
                .seed(3)
                .build();
        MultiDataSet all = new MultiDataSet(new INDArray[] {TopicCorpus.bagOfWords(train), values(sketch, train)},
                new INDArray[] {TopicCorpus.oneHot(trainLabels)});
        joint.fit(new TestMultiDataSetIterator(30, all.asList().toArray(new org.nd4j.linalg.dataset.api.MultiDataSet[0])),
                20);

        assertThrows(IllegalArgumentException.class, () -> joint.graphInputs(TopicCorpus.bagOfWords(eval)),
                "the sketch cannot be made from the trainer's features");
        INDArray x = values(sketch, eval);
        Map<String, INDArray> activations = joint.graph().feedForward(new INDArray[] {TopicCorpus.bagOfWords(eval), x},
                false);
        float[][] dl4jX = activations.get(joint.projectionInputLayerName()).toFloatMatrix();
        assertArrayEquals(x.data().asFloat(), activations.get(joint.projectionInputLayerName()).data().asFloat(),
                "the DL4J branch reads the sketch as it is");
        float[][] dl4j = activations.get(joint.projectionOutputName()).toFloatMatrix();

        IllegalArgumentException fixed = assertThrows(IllegalArgumentException.class, () -> ProjectionNetExporter
                .from(joint).input(InputSpec.features(FEATURIZER.toSection())).weights(WeightType.INT8_FIXED).export());
        assertTrue(fixed.getMessage().contains("no integer-only form"), fixed.getMessage());

        for (WeightType weights : new WeightType[] {WeightType.FLOAT32, WeightType.INT8}) {
            Path file = dir.resolve("topics-" + weights + ".pnet");
            ModelWriter.write(ProjectionNetExporter.from(joint).input(InputSpec.features(FEATURIZER.toSection()))
                    .weights(weights).export(), file);
            ProjectionModel model = ProjectionModel.load(file);
            assertEquals(ModelFamily.SKETCH, model.family());
            assertEquals(96, model.projectionSpec().numBits());
            assertEquals(5, model.projectionSpec().seed());
            assertEquals(BitEncoding.ZERO_ONE, model.encoding());
            assertEquals(weights, model.layers().get(0).weightType());
            boolean float32 = weights == WeightType.FLOAT32;
            // Float32: DL4J == Java == C (sketch values bit for bit, labels, probabilities within 1e-5); int8: Java == C.
            int[] labels = ThreeWayParity.sketch(model, eval, float32 ? dl4jX : null, float32 ? dl4j : null,
                    Files.createDirectories(dir.resolve("c-" + weights)), CDriver.Target.HOST);
            int agree = 0;
            int correct = 0;
            for (int i = 0; i < eval.size(); i++) {
                agree += labels[i] == argmax(dl4j[i]) ? 1 : 0;
                correct += i < TEST && labels[i] == evalLabels[i] ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "sketch model, %s: Java == C on %d raw texts (%d ill-formed), Java agrees"
                    + " with DL4J on %d; held-out accuracy %.3f%n", weights, eval.size(), eval.size() - TEST - 2,
                    agree, correct / (double) TEST);
            assertTrue(correct / (double) TEST > 0.7, "the sketch network learned the topics: " + correct);
            if (!float32) {
                assertTrue(agree >= eval.size() - 3, "int8 agrees with DL4J on nearly every text: " + agree);
            }
        }
    }

    /** The sketch input: the reference count sketch of each text's UTF-8 bytes, {@code [n, B]}. */
    private static INDArray values(SketchProjection sketch, List<byte[]> texts) {
        SketchProjection.Scratch scratch = sketch.newScratch();
        float[] x = new float[texts.size() * sketch.buckets()];
        for (int r = 0; r < texts.size(); r++) {
            byte[] t = texts.get(r);
            sketch.projectUtf8(t, 0, t.length, scratch, x, r * sketch.buckets());
        }
        return Nd4j.create(x, new long[] {texts.size(), sketch.buckets()}, 'c');
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int j = 1; j < p.length; j++) {
            best = p[j] > p[best] ? j : best;
        }
        return best;
    }
}
