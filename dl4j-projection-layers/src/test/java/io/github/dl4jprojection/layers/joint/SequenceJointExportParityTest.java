package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.TokenBitsInputLayer;
import io.github.dl4jprojection.layers.export.CDriver;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.layers.export.ThreeWayParity;
import io.github.dl4jprojection.runtime.internal.text.TokenProjection;
import io.github.dl4jprojection.runtime.internal.text.TokenProjectionScratch;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.SequenceEncoder;
import io.github.dl4jprojection.runtime.model.WeightType;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Three-way parity on raw text for the sequence family: a joint model (an MLP trainer on a hashed bag of words, and a
 * projection network on {@link TokenBitsInputLayer} bits of the runtime's {@link TokenProjection}, with the
 * bottleneck / masked convolution / max-pooling encoder) trained on the synthetic three-topic corpus of
 * {@link TopicCorpus}, exported as a format-2 SEQUENCE model, written and read back. On held-out texts of every length
 * (so minibatches are padded), ill-formed UTF-8 variants of them, the empty text and a text of three times
 * {@code maxTokens} words, the DL4J projection branch, the Java runtime and the emitted C ({@code pnet_encode_text} on
 * the same bytes) give the same bits of every token, the same labels and probabilities within 1e-5
 * ({@link ThreeWayParity#sequence}). The int8 export runs alike in Java and C; its agreement with the float model is
 * printed.
 */
@ExtendWith(SingleThreadedNd4j.class)
class SequenceJointExportParityTest {

    private static final int TRAIN = 150;
    private static final int TEST = 45;
    private static final int MAX_TOKENS = 24;

    private static final FeaturizerConfig FEATURIZER = FeaturizerConfig.builder().maxCodePoints(256).maxFeatures(64)
            .hashSeed(11).build();
    private static final ProjectionSpec SPEC = ProjectionSpec.builder().numFunctions(2).bitsPerFunction(16).seed(5)
            .density(0.5).build();

    @Test
    void dl4jJavaAndCAgreeOnRawText(@TempDir Path dir) throws Exception {
        Random random = new Random(17);
        List<byte[]> train = new ArrayList<>();
        int[] trainLabels = new int[TRAIN];
        for (int i = 0; i < TRAIN; i++) {
            trainLabels[i] = i % TopicCorpus.LABELS.length;
            train.add(TopicCorpus.utf8(random, trainLabels[i], 2 + random.nextInt(12)));
        }
        List<byte[]> eval = new ArrayList<>();
        int[] evalLabels = new int[TEST];
        for (int i = 0; i < TEST; i++) {
            evalLabels[i] = random.nextInt(TopicCorpus.LABELS.length);
            eval.add(TopicCorpus.utf8(random, evalLabels[i], 1 + random.nextInt(20)));
        }
        eval.addAll(TopicCorpus.illFormedVariants(eval.subList(0, 12)));
        eval.add(new byte[0]);
        eval.add(TopicCorpus.utf8(random, 1, 3 * MAX_TOKENS));

        TokenProjection tokens = new TokenProjection(FEATURIZER, SPEC, MAX_TOKENS);
        JointProjectionModel joint = new JointProjectionModel.Builder()
                .trainerInputType(InputType.feedForward(TopicCorpus.BUCKETS))
                .trainerLayer("trainer_hidden", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build(),
                        JointProjectionModel.TRAINER_INPUT)
                .nClasses(TopicCorpus.LABELS.length).labelNames(Arrays.asList(TopicCorpus.LABELS))
                .tokenBitsInput(new TokenBitsInputLayer.Builder().spec(SPEC).maxTokens(MAX_TOKENS).build())
                .sequenceEncoder(8, 3, 12)
                .hiddenLayers(6)
                .updater(new Adam(1e-2))
                .seed(3)
                .build();
        List<org.nd4j.linalg.dataset.api.MultiDataSet> batches = new ArrayList<>();
        for (int from = 0; from < TRAIN; from += 30) {
            List<byte[]> part = train.subList(from, from + 30);
            TokenBitsBatch b = batch(tokens, part, new int[part.size()]);
            batches.add(new MultiDataSet(new INDArray[] {TopicCorpus.bagOfWords(part), b.features()},
                    new INDArray[] {TopicCorpus.oneHot(Arrays.copyOfRange(trainLabels, from, from + 30))},
                    new INDArray[] {null, b.mask()}, null));
        }
        joint.fit(new org.nd4j.linalg.dataset.api.iterator.TestMultiDataSetIterator(1,
                batches.toArray(new org.nd4j.linalg.dataset.api.MultiDataSet[0])), 30);

        // The saved joint model (DL4J's JSON of the custom layer, ModelSerializer) predicts as before.
        File saved = dir.resolve("joint.zip").toFile();
        joint.save(saved);
        JointProjectionModel reloaded = JointProjectionModel.load(saved);
        assertEquals(joint.projectionSequenceLayerNames(), reloaded.projectionSequenceLayerNames());
        ComputationGraphConfiguration json = ComputationGraphConfiguration.fromJson(
                joint.graph().getConfiguration().toJson());
        assertEquals(joint.graph().getConfiguration().getVertices().get(joint.projectionInputLayerName()),
                json.getVertices().get(joint.projectionInputLayerName()));

        ProjectionModel exported = ProjectionNetExporter.from(reloaded)
                .input(InputSpec.features(FEATURIZER.toSection())).export();
        Path file = dir.resolve("topics.pnet");
        ModelWriter.write(exported, file);
        ProjectionModel model = ProjectionModel.load(file);
        SequenceEncoder encoder = model.sequenceEncoder();
        assertEquals(MAX_TOKENS, encoder.maxTokens());
        assertEquals(3, encoder.convWidth());

        // One DL4J forward pass over the whole evaluation set: texts of 1 to 24 tokens padded to the longest. The
        // input layer's activations (the bits) do not depend on the mask.
        int[] counts = new int[eval.size()];
        TokenBitsBatch evalBatch = batch(tokens, eval, counts);
        INDArray[] inputs = {TopicCorpus.bagOfWords(eval), evalBatch.features()};
        INDArray dl4j = joint.output(inputs, new INDArray[] {null, evalBatch.mask()})[1];
        INDArray dl4jBits = joint.graph().feedForward(inputs, false).get(joint.projectionInputLayerName());
        int[] predicted = ThreeWayParity.sequence(model, eval, tokenMajor(dl4jBits, counts), dl4j.toFloatMatrix(),
                Files.createDirectories(dir.resolve("c")), CDriver.Target.HOST);
        int correct = 0;
        for (int i = 0; i < TEST; i++) {
            correct += predicted[i] == evalLabels[i] ? 1 : 0;
        }
        double accuracy = correct / (double) TEST;
        assertTrue(accuracy > 0.7, "the sequence projection network learned the topics (chance 1/3): " + accuracy);

        ProjectionModel int8 = ProjectionNetExporter.from(joint).input(InputSpec.features(FEATURIZER.toSection()))
                .weights(WeightType.INT8).export();
        assertEquals(WeightType.INT8, int8.sequenceEncoder().convLayer().weightType());
        int[] int8Labels = ThreeWayParity.sequence(int8, eval, null, null, Files.createDirectories(dir.resolve("c8")),
                CDriver.Target.HOST);
        int same = 0;
        for (int i = 0; i < eval.size(); i++) {
            same += int8Labels[i] == predicted[i] ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "sequence model: DL4J, Java and C identical on %d raw texts (%d ill-formed,"
                + " empty or over maxTokens); held-out accuracy %.3f; int8 export (Java == C) agrees with float on"
                + " %d of %d%n", eval.size(), eval.size() - TEST, accuracy, same, eval.size());
    }

    @Test
    void theBuilderAsksForTheEncoderAndTheBatchPathNamesTokenBits() {
        JointProjectionModel.Builder b = new JointProjectionModel.Builder()
                .trainerInputType(InputType.feedForward(4))
                .trainerLayer("h", new DenseLayer.Builder().nOut(3).build(), JointProjectionModel.TRAINER_INPUT)
                .nClasses(2)
                .tokenBitsInput(new TokenBitsInputLayer.Builder().spec(SPEC).maxTokens(8).build());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(missing.getMessage().contains("sequenceEncoder"), missing.getMessage());
        IllegalArgumentException even = assertThrows(IllegalArgumentException.class,
                () -> b.sequenceEncoder(4, 2, 4).build());
        assertTrue(even.getMessage().contains("convWidth must be odd"), even.getMessage());
        JointProjectionModel joint = b.sequenceEncoder(4, 3, 4).build();
        IllegalArgumentException dense = assertThrows(IllegalArgumentException.class,
                () -> joint.graphInputs(Nd4j.zeros(2, 4)));
        assertTrue(dense.getMessage().contains("per-token bits"), dense.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TokenBitsInputLayer.Builder().spec(SPEC).build());
        INDArray notBits = Nd4j.ones(1, SPEC.numBits(), 2).muli(0.5);
        assertThrows(Exception.class, () -> joint.graph().output(false, new INDArray[] {Nd4j.zeros(1, 4), notBits},
                new INDArray[] {null, Nd4j.ones(1, 2)}));
    }

    /** The token-bits input of {@code texts}; {@code counts} receives each text's number of tokens. */
    private static TokenBitsBatch batch(TokenProjection tokens, List<byte[]> texts, int[] counts) {
        List<long[]> packed = new ArrayList<>();
        TokenProjectionScratch scratch = tokens.newScratch();
        for (int r = 0; r < texts.size(); r++) {
            long[] bits = new long[MAX_TOKENS * tokens.numWords()];
            byte[] t = texts.get(r);
            counts[r] = tokens.projectUtf8(t, 0, t.length, scratch, bits);
            packed.add(bits);
        }
        return TokenBitsBatch.of(packed, counts, tokens.numBits());
    }

    /** Activations {@code [n, B, L]} as, per text, the bits of its {@code counts[r]} tokens, token after token. */
    private static float[][] tokenMajor(INDArray bits, int[] counts) {
        int numBits = (int) bits.size(1);
        float[][] out = new float[counts.length][];
        for (int r = 0; r < counts.length; r++) {
            out[r] = new float[counts[r] * numBits];
            for (int t = 0; t < counts[r]; t++) {
                for (int b = 0; b < numBits; b++) {
                    out[r][t * numBits + b] = bits.getFloat(r, b, t);
                }
            }
        }
        return out;
    }
}
