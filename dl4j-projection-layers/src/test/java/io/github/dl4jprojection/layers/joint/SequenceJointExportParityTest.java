package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.TokenBitsInputLayer;
import io.github.dl4jprojection.layers.export.CExporter;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.runtime.internal.text.FeatureBag;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.internal.text.TokenProjection;
import io.github.dl4jprojection.runtime.internal.text.TokenProjectionScratch;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.Predictor;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.SequenceEncoder;
import io.github.dl4jprojection.runtime.model.WeightType;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import io.github.dl4jprojection.runtime.text.TextPredictor;
import java.io.File;
import java.nio.charset.StandardCharsets;
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
 * Parity on raw text for the sequence family: a joint model (an MLP trainer on a hashed bag of words, and a
 * projection network on {@link TokenBitsInputLayer} bits of the runtime's {@link TokenProjection}, with the
 * bottleneck / masked convolution / max-pooling encoder) trained on a synthetic three-topic corpus, exported as a
 * format-2 SEQUENCE model, written and read back. On held-out texts of every length (so minibatches are padded),
 * ill-formed UTF-8, the empty text and texts over {@code maxTokens}, the DL4J projection branch and the Java
 * runtime give the same labels and probabilities within 1e-5. The C runtime has no sequence models yet:
 * {@link CExporter} must refuse one.
 */
@ExtendWith(SingleThreadedNd4j.class)
class SequenceJointExportParityTest {

    private static final String[][] TOPICS = {
            {"goal", "match", "Fußball", "Tor", "мяч", "⚽", "team", "score", "win", "stadium"},
            {"pizza", "pasta", "café", "Crème", "хлеб", "🍕", "cook", "tasty", "dinner", "soup"},
            {"code", "laptop", "Software", "ПРОГРАММА", "💻", "bug", "server", "cloud", "app", "ΚΩΔΙΚΑΣ"}};
    private static final String[] NOISE = {"the", "a", "and", "is", "very", "today", "!", "?", "...", "👍🏽", "и"};
    private static final int TRAIN = 150;
    private static final int TEST = 45;
    private static final int BUCKETS = 64;
    private static final int MAX_TOKENS = 24;

    private static final FeaturizerConfig FEATURIZER = FeaturizerConfig.builder().maxCodePoints(256).maxFeatures(64)
            .hashSeed(11).build();
    private static final ProjectionSpec SPEC = ProjectionSpec.builder().numFunctions(2).bitsPerFunction(16).seed(5)
            .density(0.5).build();

    @Test
    void dl4jAndJavaAgreeOnRawText(@TempDir Path dir) throws Exception {
        Random random = new Random(17);
        List<String> train = new ArrayList<>();
        int[] trainLabels = new int[TRAIN];
        for (int i = 0; i < TRAIN; i++) {
            trainLabels[i] = i % TOPICS.length;
            train.add(text(random, trainLabels[i], 2 + random.nextInt(12)));
        }
        List<byte[]> eval = new ArrayList<>();
        int[] evalLabels = new int[TEST];
        for (int i = 0; i < TEST; i++) {
            evalLabels[i] = random.nextInt(TOPICS.length);
            eval.add(text(random, evalLabels[i], 1 + random.nextInt(20)).getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 6; i++) {
            byte[] t = eval.get(i);
            byte[] b = Arrays.copyOf(t, t.length + 2);
            b[t.length] = (byte) 0xED;
            b[t.length + 1] = (byte) 0xA0;
            eval.add(b);
        }
        eval.add(new byte[0]);
        eval.add(text(random, 1, 3 * MAX_TOKENS).getBytes(StandardCharsets.UTF_8));

        TokenProjection tokens = new TokenProjection(FEATURIZER, SPEC, MAX_TOKENS);
        TextFeaturizer words = new TextFeaturizer(FeaturizerConfig.builder().wordNgramMax(1).maxSkip(0).noCharNgrams()
                .build());
        JointProjectionModel joint = new JointProjectionModel.Builder()
                .trainerInputType(InputType.feedForward(BUCKETS))
                .trainerLayer("trainer_hidden", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build(),
                        JointProjectionModel.TRAINER_INPUT)
                .nClasses(TOPICS.length).labelNames(Arrays.asList("sport", "food", "tech"))
                .tokenBitsInput(new TokenBitsInputLayer.Builder().spec(SPEC).maxTokens(MAX_TOKENS).build())
                .sequenceEncoder(8, 3, 12)
                .hiddenLayers(6)
                .updater(new Adam(1e-2))
                .seed(3)
                .build();
        List<byte[]> trainBytes = new ArrayList<>();
        for (String t : train) {
            trainBytes.add(t.getBytes(StandardCharsets.UTF_8));
        }
        List<org.nd4j.linalg.dataset.api.MultiDataSet> batches = new ArrayList<>();
        for (int from = 0; from < TRAIN; from += 30) {
            List<byte[]> part = trainBytes.subList(from, from + 30);
            TokenBitsBatch b = batch(tokens, part);
            INDArray oneHot = Nd4j.zeros(30, TOPICS.length);
            for (int i = 0; i < 30; i++) {
                oneHot.putScalar(i, trainLabels[from + i], 1.0);
            }
            batches.add(new MultiDataSet(new INDArray[] {bagOfWords(words, part), b.features()},
                    new INDArray[] {oneHot}, new INDArray[] {null, b.mask()}, null));
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

        // One DL4J forward pass over the whole evaluation set: texts of 1 to 24 tokens padded to the longest.
        TokenBitsBatch evalBatch = batch(tokens, eval);
        INDArray dl4j = joint.output(new INDArray[] {bagOfWords(words, eval), evalBatch.features()},
                new INDArray[] {null, evalBatch.mask()})[1];
        TextPredictor text = TextPredictor.of(model);
        Predictor predictor = model.predictor();
        TokenProjectionScratch scratch = tokens.newScratch();
        long[] bits = new long[MAX_TOKENS * tokens.numWords()];
        float[] p = new float[3];
        int correct = 0;
        double worst = 0;
        for (int i = 0; i < eval.size(); i++) {
            byte[] t = eval.get(i);
            int label = predictor.scoresTokens(bits, tokens.projectUtf8(t, 0, t.length, scratch, bits), p);
            assertEquals(label, text.predictUtf8(t, 0, t.length), "TextPredictor, text " + i);
            float[] expected = dl4j.getRow(i).toFloatVector();
            for (int j = 0; j < 3; j++) {
                worst = Math.max(worst, Math.abs(expected[j] - p[j]));
                assertEquals(expected[j], p[j], 1e-5, "text " + i + ", probability " + j);
            }
            assertEquals(argmax(expected), label, "text " + i + ": label");
            correct += i < TEST && label == evalLabels[i] ? 1 : 0;
        }
        double accuracy = correct / (double) TEST;
        System.out.printf(Locale.ROOT, "sequence model: DL4J and Java agree on %d raw texts (largest difference"
                + " %.2e); held-out accuracy %.3f%n", eval.size(), worst, accuracy);
        assertTrue(accuracy > 0.7, "the sequence projection network learned the topics (chance 1/3): " + accuracy);

        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> CExporter.header(model, "topics"));
        assertTrue(c.getMessage().contains("sequence models"), c.getMessage());
        ProjectionModel int8 = ProjectionNetExporter.from(joint).input(InputSpec.features(FEATURIZER.toSection()))
                .weights(WeightType.INT8).export();
        assertEquals(WeightType.INT8, int8.sequenceEncoder().convLayer().weightType());
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

    private static int argmax(float[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (v[j] > v[best]) {
                best = j;
            }
        }
        return best;
    }

    private static String text(Random random, int topic, int n) {
        StringBuilder s = new StringBuilder();
        for (int w = 0; w < n; w++) {
            String word = random.nextInt(10) < 6 ? TOPICS[topic][random.nextInt(TOPICS[topic].length)]
                    : NOISE[random.nextInt(NOISE.length)];
            word = random.nextInt(4) == 0 ? word.toUpperCase(Locale.ROOT) : word;
            s.append(w == 0 ? "" : random.nextInt(4) == 0 ? ", " : " ").append(word);
        }
        return s.toString();
    }

    private static TokenBitsBatch batch(TokenProjection tokens, List<byte[]> texts) {
        List<long[]> packed = new ArrayList<>();
        int[] counts = new int[texts.size()];
        TokenProjectionScratch scratch = tokens.newScratch();
        for (int r = 0; r < texts.size(); r++) {
            long[] bits = new long[MAX_TOKENS * tokens.numWords()];
            byte[] t = texts.get(r);
            counts[r] = tokens.projectUtf8(t, 0, t.length, scratch, bits);
            packed.add(bits);
        }
        return TokenBitsBatch.of(packed, counts, tokens.numBits());
    }

    private static INDArray bagOfWords(TextFeaturizer words, List<byte[]> texts) {
        float[][] x = new float[texts.size()][BUCKETS];
        for (int r = 0; r < texts.size(); r++) {
            FeatureBag bag = words.featurize(new String(texts.get(r), StandardCharsets.UTF_8));
            for (int j = 0; j < bag.size(); j++) {
                x[r][(int) Long.remainderUnsigned(bag.key(j), BUCKETS)] += (float) Math.log1p(bag.count(j));
            }
        }
        return Nd4j.create(x);
    }
}
