package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.SketchInputLayer;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.runtime.internal.text.SketchProjection;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ModelFamily;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.WeightType;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import io.github.dl4jprojection.runtime.text.TextPredictor;
import java.nio.charset.StandardCharsets;
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
 * DL4J == Java on raw text for the SKETCH family: a joint text model whose {@link SketchInputLayer} is fed the
 * runtime's {@link SketchProjection} values, trained on the synthetic three-topic corpus, exported (float32 and
 * int8), written and read back. On held-out texts, the empty text and a text longer than the featurizer's cap, the
 * DL4J branch and {@link TextPredictor} give the same labels and float32 probabilities within 1e-5; on ill-formed
 * UTF-8, the labels of {@code predictUtf8} equal DL4J's on {@code projectUtf8}'s values. INT8_FIXED is refused.
 */
@ExtendWith(SingleThreadedNd4j.class)
class SketchJointExportParityTest {

    private static final int TRAIN = 150;
    private static final int TEST = 45;
    private static final FeaturizerConfig FEATURIZER = FeaturizerConfig.builder().maxCodePoints(256).maxFeatures(160)
            .hashSeed(11).build();

    @Test
    void dl4jAndJavaAgreeOnRawTextFloat32AndInt8(@TempDir Path dir) throws Exception {
        Random random = new Random(17);
        List<String> train = new ArrayList<>();
        int[] trainLabels = new int[TRAIN];
        for (int i = 0; i < TRAIN; i++) {
            trainLabels[i] = i % TopicCorpus.LABELS.length;
            train.add(TopicCorpus.text(random, trainLabels[i], 4 + random.nextInt(6)));
        }
        List<String> eval = new ArrayList<>();
        int[] evalLabels = new int[TEST];
        for (int i = 0; i < TEST; i++) {
            evalLabels[i] = random.nextInt(TopicCorpus.LABELS.length);
            eval.add(TopicCorpus.text(random, evalLabels[i], 4 + random.nextInt(6)));
        }
        eval.add("");
        StringBuilder longText = new StringBuilder();
        while (longText.length() < 3 * FEATURIZER.maxCodePoints()) {
            longText.append(TopicCorpus.text(random, 2, 4 + random.nextInt(6))).append(' ');
        }
        eval.add(longText.toString());

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
        MultiDataSet all = new MultiDataSet(new INDArray[] {TopicCorpus.bagOfWords(utf8(train)), values(sketch, train)},
                new INDArray[] {TopicCorpus.oneHot(trainLabels)});
        joint.fit(new TestMultiDataSetIterator(30, all.asList().toArray(new org.nd4j.linalg.dataset.api.MultiDataSet[0])),
                20);

        assertThrows(IllegalArgumentException.class, () -> joint.graphInputs(TopicCorpus.bagOfWords(utf8(eval))),
                "the sketch cannot be made from the trainer's features");
        INDArray x = values(sketch, eval);
        Map<String, INDArray> activations = joint.graph().feedForward(new INDArray[] {TopicCorpus.bagOfWords(
                utf8(eval)), x}, false);
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
            TextPredictor predictor = TextPredictor.of(model);
            float[] p = new float[TopicCorpus.LABELS.length];
            int agree = 0;
            int correct = 0;
            double maxDifference = 0;
            for (int i = 0; i < eval.size(); i++) {
                int label = predictor.scores(eval.get(i), p);
                agree += label == argmax(dl4j[i]) ? 1 : 0;
                correct += i < TEST && label == evalLabels[i] ? 1 : 0;
                for (int j = 0; j < p.length; j++) {
                    maxDifference = Math.max(maxDifference, Math.abs(p[j] - dl4j[i][j]));
                }
            }
            System.out.printf(Locale.ROOT, "sketch model, %s: Java agrees with DL4J on %d of %d texts, max |dp| %.2g,"
                    + " held-out accuracy %.3f%n", weights, agree, eval.size(), maxDifference, correct / (double) TEST);
            if (weights == WeightType.FLOAT32) {
                assertEquals(eval.size(), agree, "float32: the same label on every text");
                assertTrue(maxDifference <= 1e-5, "float32 probabilities within 1e-5: " + maxDifference);
                assertTrue(correct / (double) TEST > 0.7, "the sketch network learned the topics: " + correct);
                illFormedUtf8LabelsAgree(joint, sketch, predictor, eval.subList(0, 12));
            } else {
                assertTrue(agree >= eval.size() - 3, "int8 agrees on nearly every text: " + agree);
            }
        }
    }

    private static void illFormedUtf8LabelsAgree(JointProjectionModel joint, SketchProjection sketch,
                                                 TextPredictor predictor, List<String> texts) {
        List<byte[]> bytes = TopicCorpus.illFormedVariants(utf8(texts));
        SketchProjection.Scratch scratch = sketch.newScratch();
        float[] x = new float[bytes.size() * sketch.buckets()];
        for (int r = 0; r < bytes.size(); r++) {
            byte[] t = bytes.get(r);
            sketch.projectUtf8(t, 0, t.length, scratch, x, r * sketch.buckets());
        }
        INDArray[] out = joint.output(new INDArray[] {TopicCorpus.bagOfWords(bytes),
                Nd4j.create(x, new long[] {bytes.size(), sketch.buckets()}, 'c')}, null);
        float[][] dl4j = out[1].toFloatMatrix();
        for (int r = 0; r < bytes.size(); r++) {
            byte[] t = bytes.get(r);
            assertEquals(argmax(dl4j[r]), predictor.predictUtf8(t, 0, t.length), "ill-formed text " + r);
        }
    }

    /** The sketch input: the reference count sketch of each text, {@code [n, B]}. */
    private static INDArray values(SketchProjection sketch, List<String> texts) {
        SketchProjection.Scratch scratch = sketch.newScratch();
        float[] x = new float[texts.size() * sketch.buckets()];
        for (int r = 0; r < texts.size(); r++) {
            sketch.project(texts.get(r), scratch, x, r * sketch.buckets());
        }
        return Nd4j.create(x, new long[] {texts.size(), sketch.buckets()}, 'c');
    }

    private static List<byte[]> utf8(List<String> texts) {
        List<byte[]> out = new ArrayList<>();
        for (String t : texts) {
            out.add(t.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int j = 1; j < p.length; j++) {
            best = p[j] > p[best] ? j : best;
        }
        return best;
    }
}
