package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.BitVectorInputLayer;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.layers.export.ThreeWayParity;
import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.internal.text.TextProjection;
import io.github.dl4jprojection.runtime.internal.text.TextProjectionScratch;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import io.github.dl4jprojection.runtime.text.TextPredictor;
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
 * Three-way parity on raw text: a joint text model (an MLP trainer on a hashed bag of words, and a projection network
 * whose {@link BitVectorInputLayer} is fed the runtime's {@link TextProjection} bits, SGNN style) trained on a small
 * synthetic three-topic corpus in several scripts, exported with its featurizer section, written and read back as a
 * file. On the held-out texts, ill-formed UTF-8 variants of them, the empty text and a text longer than the
 * featurizer's cap, the DL4J projection branch (on the Java featurizer's bits), the Java {@link TextPredictor} and the
 * emitted C ({@code pnet_project_text} on the same bytes) give identical bits and labels and probabilities within 1e-5.
 */
@ExtendWith(SingleThreadedNd4j.class)
class TextJointExportParityTest {

    private static final int TRAIN = 150;
    private static final int TEST = 45;

    private static final FeaturizerConfig FEATURIZER = FeaturizerConfig.builder().maxCodePoints(256).maxFeatures(160)
            .hashSeed(11).build();
    private static final ProjectionSpec SPEC = ProjectionSpec.builder().numFunctions(8).bitsPerFunction(16).seed(5)
            .density(0.5).build();

    @Test
    void dl4jJavaAndCAgreeOnRawText(@TempDir Path dir) throws Exception {
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

        TextProjection projection = new TextProjection(FEATURIZER, SPEC);
        JointProjectionModel joint = new JointProjectionModel.Builder()
                .trainerInputType(InputType.feedForward(TopicCorpus.BUCKETS))
                .trainerLayer("trainer_hidden", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build(),
                        JointProjectionModel.TRAINER_INPUT)
                .nClasses(TopicCorpus.LABELS.length).labelNames(Arrays.asList(TopicCorpus.LABELS))
                .bitVectorInput(new BitVectorInputLayer.Builder().spec(SPEC).build())
                .hiddenLayers(16)
                .updater(new Adam(1e-2))
                .seed(3)
                .build();
        MultiDataSet all = new MultiDataSet(new INDArray[] {TopicCorpus.bagOfWords(train), bits(projection, train)},
                new INDArray[] {TopicCorpus.oneHot(trainLabels)});
        joint.fit(new TestMultiDataSetIterator(30, all.asList().toArray(new org.nd4j.linalg.dataset.api.MultiDataSet[0])),
                25);

        ProjectionModel exported = ProjectionNetExporter.from(joint)
                .input(InputSpec.features(FEATURIZER.toSection()))
                .export();
        Path file = dir.resolve("topics.pnet");
        ModelWriter.write(exported, file);
        ProjectionModel model = ProjectionModel.load(file);
        assertEquals(FEATURIZER, FeaturizerConfig.fromSection(model.input().featurizer()), "the file's featurizer");

        Map<String, INDArray> activations = joint.graph().feedForward(new INDArray[] {TopicCorpus.bagOfWords(eval),
                bits(projection, eval)}, false);
        Path cDir = Files.createDirectories(dir.resolve("c"));
        int[] predicted = ThreeWayParity.text(model, eval,
                activations.get(joint.projectionInputLayerName()).toFloatMatrix(),
                activations.get(joint.projectionOutputName()).toFloatMatrix(), cDir);

        int correct = 0;
        for (int i = 0; i < TEST; i++) {
            correct += predicted[i] == evalLabels[i] ? 1 : 0;
        }
        double accuracy = correct / (double) TEST;
        System.out.printf(Locale.ROOT, "joint text model: DL4J, Java and C identical on %d raw texts (%d ill-formed);"
                + " held-out accuracy %.3f%n", eval.size(), eval.size() - TEST, accuracy);
        assertTrue(accuracy > 0.7, "the projection network learned the topics (chance 1/3): " + accuracy);
    }

    /** The bits input: the reference text projection of the raw bytes, as 0/1. */
    private static INDArray bits(TextProjection projection, List<byte[]> texts) {
        TextProjectionScratch scratch = projection.newScratch();
        long[] words = new long[projection.numWords()];
        float[][] x = new float[texts.size()][projection.numBits()];
        for (int r = 0; r < texts.size(); r++) {
            byte[] t = texts.get(r);
            projection.projectUtf8(t, 0, t.length, scratch, words);
            PackedBits.unpack(words, projection.numBits(), BitEncoding.ZERO_ONE, x[r], 0);
        }
        return Nd4j.create(x);
    }
}
