package io.github.dl4jprojection.layers.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.internal.text.FeaturizerScratch;
import io.github.dl4jprojection.runtime.internal.text.SketchProjection;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.internal.text.TokenProjection;
import io.github.dl4jprojection.runtime.internal.text.TokenProjectionScratch;
import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.InputKind;
import io.github.dl4jprojection.runtime.model.ModelFamily;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import io.github.dl4jprojection.runtime.model.Predictor;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.SequenceEncoder;
import io.github.dl4jprojection.runtime.text.FeatureWeighting;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import io.github.dl4jprojection.runtime.text.TextPredictor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The three-way parity check of DESIGN.md on a whole evaluation set: for every example the DL4J projection branch,
 * the Java runtime and the emitted C give identical projection bits and labels, and probabilities within 1e-5.
 *
 * <p>The DL4J side comes in as arrays, so any graph layout can be checked: {@code dl4jBits[n][T*d]} are the
 * activations of the projection vertex (encoded bits: 0/1 or -1/+1, compared exactly after decoding the runtime's
 * packed bits with the model's encoding; for a sequence model those of every token read, token after token; for a
 * sketch model the {@code B} sketch values, compared bit for bit; for a patch model those of every patch position,
 * position-major: {@code H0 * W0 * T * d} values) and {@code dl4jProbabilities[n][K]} the projection
 * network's softmax output.
 * Pass null for both to compare only Java and C (an int8 export, which DL4J does not compute). An integer-only model
 * ({@link ProjectionModel#isFixedPoint()}) runs the C's integer calls and is compared on its int32 logits, exactly.
 *
 * <p>The C half needs a compiler ({@link CDriver#assumeCompiler}): the Java checks run first, then a missing
 * compiler skips the rest of the calling test. Each check also runs on a Cortex-M4 in QEMU when given a
 * {@link CDriver.Target} ({@link CDriver.Target#assumeAvailable} decides whether it may be skipped).
 */
public final class ThreeWayParity {

    /** Largest allowed difference between two implementations' probabilities. */
    public static final float PROBABILITY_TOLERANCE = 1e-5f;

    private ThreeWayParity() {
    }

    /**
     * One example through the Java runtime; returns the label. {@code logits} may be null; {@code intLogits} is
     * null unless the model is integer-only, then it receives the int32 logits.
     */
    private interface JavaCase {
        int run(Predictor predictor, int example, long[] bits, float[] logits, int[] intLogits, float[] probabilities);
    }

    /**
     * Checks a DENSE model on inputs {@code x[n][nIn]}.
     *
     * @param cDir an empty folder for the emitted C, the driver and its input and output
     * @return the Java runtime's label per example
     */
    public static int[] dense(ProjectionModel model, float[][] x, float[][] dl4jBits, float[][] dl4jProbabilities,
                              Path cDir) throws IOException, InterruptedException {
        return dense(model, x, dl4jBits, dl4jProbabilities, cDir, CDriver.Target.HOST);
    }

    /** {@link #dense(ProjectionModel, float[][], float[][], float[][], Path)} with the C built for {@code target}. */
    public static int[] dense(ProjectionModel model, float[][] x, float[][] dl4jBits, float[][] dl4jProbabilities,
                              Path cDir, CDriver.Target target) throws IOException, InterruptedException {
        assertEquals(InputKind.DENSE, model.input().kind(), "a dense model");
        List<String> lines = new ArrayList<>();
        for (float[] row : x) {
            lines.add(CDriver.denseLine(row));
        }
        return check(model, x.length, (predictor, r, bits, logits, ints, p) -> {
            predictor.project(x[r], bits);
            if (ints != null) {
                predictor.integerLogits(x[r], ints);
            } else {
                predictor.logits(x[r], logits);
            }
            return predictor.scores(x[r], p);
        }, lines, dl4jBits, dl4jProbabilities, cDir, target);
    }

    /**
     * Checks an integer-only DENSE model on raw 8-bit images ({@code pixels[n][nIn]}, unsigned): C's
     * {@code pnet_predict_pixels} path (int32 projection sums, integer layers) against the Java runtime on the same
     * values as floats ({@link Predictor#integerLogits}) and {@link Predictor#predictPixels}: identical bits, labels
     * and int32 logits, probabilities within 1e-5.
     *
     * @return the Java runtime's label per image
     */
    public static int[] pixels(ProjectionModel model, byte[][] pixels, Path cDir, CDriver.Target target)
            throws IOException, InterruptedException {
        assertTrue(model.isFixedPoint(), "an integer-only model");
        List<String> lines = new ArrayList<>();
        float[][] x = new float[pixels.length][model.input().nIn()];
        for (int r = 0; r < pixels.length; r++) {
            lines.add(CDriver.textLine('p', pixels[r]));
            for (int i = 0; i < x[r].length; i++) {
                x[r][i] = pixels[r][i] & 0xFF;
            }
        }
        return check(model, pixels.length, (predictor, r, bits, logits, ints, p) -> {
            predictor.project(x[r], bits);
            int label = predictor.integerLogits(x[r], ints);
            assertEquals(label, predictor.predictPixels(pixels[r]), "image " + r + ": predictPixels");
            return predictor.scores(x[r], p);
        }, lines, null, null, cDir, target);
    }

    /**
     * Checks a FEATURES model on feature bags ({@code keys[r]} and {@code weights[r]}, all entries used). The runtime
     * has no public logits for a bag model's feature input, so its logits are not compared; bits, labels and
     * probabilities are. A sketch model's sketch ({@link Predictor#sketch}) is compared bit for bit with C's
     * {@code pnet_sketch_features}, and its logits too.
     *
     * @param cDir an empty folder for the emitted C, the driver and its input and output
     * @return the Java runtime's label per example
     */
    public static int[] features(ProjectionModel model, long[][] keys, float[][] weights, float[][] dl4jBits,
                                 float[][] dl4jProbabilities, Path cDir) throws IOException, InterruptedException {
        assertEquals(InputKind.FEATURES, model.input().kind(), "a feature model");
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < keys.length; r++) {
            lines.add(CDriver.featureLine(keys[r], weights[r], keys[r].length));
        }
        float[] x = new float[model.projectionSpec().numBits()];
        if (model.family() == ModelFamily.SKETCH) {
            return check(model, keys.length, (predictor, r, words, logits, ints, p) -> {
                predictor.sketch(keys[r], weights[r], keys[r].length, x);
                sketchWords(x, words);
                int label = predictor.logitsFeatures(keys[r], weights[r], keys[r].length, logits);
                assertEquals(label, predictor.scoresFeatures(keys[r], weights[r], keys[r].length, p),
                        "bag " + r + ": scoresFeatures");
                return label;
            }, lines, dl4jBits, dl4jProbabilities, cDir, CDriver.Target.HOST);
        }
        return check(model, keys.length, (predictor, r, bits, logits, ints, p) -> {
            predictor.projectFeatures(keys[r], weights[r], keys[r].length, bits);
            if (ints != null) {
                predictor.integerLogitsFeatures(keys[r], weights[r], keys[r].length, ints);
            }
            return predictor.scoresFeatures(keys[r], weights[r], keys[r].length, p);
        }, lines, dl4jBits, dl4jProbabilities, cDir, CDriver.Target.HOST);
    }

    /**
     * Checks a text model (an {@code sgnn-text} featurizer section) on raw UTF-8 texts, well-formed or not. Java: the
     * model's own featurizer ({@link FeaturizerConfig#fromSection}) on the bytes, its bag into the runtime
     * {@link Predictor}, and {@link TextPredictor#predictUtf8} gives the same label; C: {@code pnet_project_text} and
     * {@code pnet_forward} of the emitted code on the same bytes. Logits are not compared (as for feature bags).
     *
     * @param cDir an empty folder for the emitted C, the driver and its input and output
     * @return the Java runtime's label per text
     */
    public static int[] text(ProjectionModel model, List<byte[]> utf8, float[][] dl4jBits, float[][] dl4jProbabilities,
                             Path cDir) throws IOException, InterruptedException {
        return text(model, utf8, dl4jBits, dl4jProbabilities, cDir, CDriver.Target.HOST);
    }

    /** {@link #text(ProjectionModel, List, float[][], float[][], Path)} with the C built for {@code target}. */
    public static int[] text(ProjectionModel model, List<byte[]> utf8, float[][] dl4jBits, float[][] dl4jProbabilities,
                             Path cDir, CDriver.Target target) throws IOException, InterruptedException {
        assertEquals(InputKind.FEATURES, model.input().kind(), "a feature model");
        TextFeaturizer featurizer = new TextFeaturizer(FeaturizerConfig.fromSection(model.input().featurizer()));
        FeaturizerScratch scratch = featurizer.newScratch();
        float[] weights = new float[featurizer.config().maxFeatures()];
        TextPredictor textPredictor = TextPredictor.of(model);
        List<String> lines = new ArrayList<>();
        for (byte[] bytes : utf8) {
            lines.add(CDriver.textLine('t', bytes));
        }
        return check(model, utf8.size(), (predictor, r, bits, logits, ints, p) -> {
            byte[] bytes = utf8.get(r);
            int n = featurizer.featurizeUtf8(bytes, 0, bytes.length, scratch);
            for (int j = 0; j < n; j++) {
                weights[j] = featurizer.config().weighting() == FeatureWeighting.BINARY ? 1f : scratch.counts()[j];
            }
            predictor.projectFeatures(scratch.keys(), weights, n, bits);
            if (ints != null) {
                predictor.integerLogitsFeatures(scratch.keys(), weights, n, ints);
            }
            int label = predictor.scoresFeatures(scratch.keys(), weights, n, p);
            assertEquals(label, textPredictor.predictUtf8(bytes, 0, bytes.length), "text " + r + ": TextPredictor");
            return label;
        }, lines, dl4jBits, dl4jProbabilities, cDir, target);
    }

    /**
     * Checks a sequence model (format 2's SEQUENCE family with an {@code sgnn-text} featurizer) on raw UTF-8 texts.
     * Java: {@link TokenProjection} of the bytes (every token read, at most {@code maxTokens}), then
     * {@link Predictor#logitsTokens} and {@link Predictor#scoresTokens}, and {@link TextPredictor#predictUtf8} gives
     * the same label; C: {@code pnet_encode_text} and {@code pnet_forward} of the emitted code on the same bytes.
     * Identical bits of every token and labels; logits within 1e-5 (relative above 1) and probabilities within 1e-5.
     *
     * @param dl4jTokenBits null, or per text the DL4J projection input's encoded bits of the tokens read, token after
     *                      token ({@code n_r * T * d} values)
     * @param cDir          an empty folder for the emitted C, the driver and its input and output
     * @return the Java runtime's label per text
     */
    public static int[] sequence(ProjectionModel model, List<byte[]> utf8, float[][] dl4jTokenBits,
                                 float[][] dl4jProbabilities, Path cDir, CDriver.Target target)
            throws IOException, InterruptedException {
        SequenceEncoder encoder = model.sequenceEncoder();
        assertTrue(encoder != null, "a sequence model");
        TokenProjection tokens = new TokenProjection(FeaturizerConfig.fromSection(model.input().featurizer()),
                model.projectionSpec(), encoder.maxTokens());
        TokenProjectionScratch scratch = tokens.newScratch();
        TextPredictor textPredictor = TextPredictor.of(model);
        int[] counts = new int[utf8.size()];
        List<String> lines = new ArrayList<>();
        for (byte[] bytes : utf8) {
            lines.add(CDriver.textLine('t', bytes));
        }
        return check(model, utf8.size(), (predictor, r, bits, logits, ints, p) -> {
            byte[] bytes = utf8.get(r);
            counts[r] = tokens.projectUtf8(bytes, 0, bytes.length, scratch, bits);
            int label = predictor.logitsTokens(bits, counts[r], logits);
            assertEquals(label, predictor.scoresTokens(bits, counts[r], p), "text " + r + ": scoresTokens");
            assertEquals(label, textPredictor.predictUtf8(bytes, 0, bytes.length), "text " + r + ": TextPredictor");
            return label;
        }, counts, lines, dl4jTokenBits, dl4jProbabilities, cDir, target);
    }

    /**
     * Checks a sketch model (format 4's SKETCH family with an {@code sgnn-text} featurizer) on raw UTF-8 texts. Java:
     * {@link SketchProjection#projectUtf8} of the bytes, which equals {@link Predictor#sketch} of the featurizer's bag,
     * then {@link Predictor#logitsFeatures} and {@link Predictor#scoresFeatures} of that bag, and
     * {@link TextPredictor#predictUtf8} gives the same label; C: {@code pnet_sketch_text} and {@code pnet_forward} of
     * the emitted code on the same bytes. Identical sketch values (every float's bits), labels and logits (unless a
     * hidden layer is tanh or sigmoid: within 1e-5); probabilities within 1e-5.
     *
     * @param dl4jX null, or per text the DL4J network's input: the {@code B} sketch values
     * @param cDir  an empty folder for the emitted C, the driver and its input and output
     * @return the Java runtime's label per text
     */
    public static int[] sketch(ProjectionModel model, List<byte[]> utf8, float[][] dl4jX, float[][] dl4jProbabilities,
                               Path cDir, CDriver.Target target) throws IOException, InterruptedException {
        assertEquals(ModelFamily.SKETCH, model.family(), "a sketch model");
        FeaturizerConfig config = FeaturizerConfig.fromSection(model.input().featurizer());
        int buckets = model.projectionSpec().numBits();
        SketchProjection projection = new SketchProjection(config, buckets, model.projectionSpec().seed());
        SketchProjection.Scratch scratch = projection.newScratch();
        float[] x = new float[buckets];
        float[] fromBag = new float[buckets];
        float[] weights = new float[config.maxFeatures()];
        TextPredictor textPredictor = TextPredictor.of(model);
        List<String> lines = new ArrayList<>();
        for (byte[] bytes : utf8) {
            lines.add(CDriver.textLine('t', bytes));
        }
        return check(model, utf8.size(), (predictor, r, words, logits, ints, p) -> {
            byte[] bytes = utf8.get(r);
            int n = projection.projectUtf8(bytes, 0, bytes.length, scratch, x, 0);
            FeaturizerScratch bag = scratch.features();
            for (int j = 0; j < n; j++) {
                weights[j] = config.weighting() == FeatureWeighting.BINARY ? 1f : bag.counts()[j];
            }
            predictor.sketch(bag.keys(), weights, n, fromBag);
            assertArrayEquals(x, fromBag, "text " + r + ": SketchProjection vs Predictor.sketch of its bag");
            sketchWords(x, words);
            int label = predictor.logitsFeatures(bag.keys(), weights, n, logits);
            assertEquals(label, predictor.scoresFeatures(bag.keys(), weights, n, p), "text " + r + ": scoresFeatures");
            assertEquals(label, textPredictor.predictUtf8(bytes, 0, bytes.length), "text " + r + ": TextPredictor");
            return label;
        }, lines, dl4jX, dl4jProbabilities, cDir, target);
    }

    /** The words the C driver prints for a sketch: each value's IEEE bits (every bit, as -0 and +0 differ). */
    private static void sketchWords(float[] x, long[] words) {
        for (int b = 0; b < x.length; b++) {
            words[b] = Float.floatToRawIntBits(x[b]) & 0xFFFFFFFFL;
        }
    }

    private static int[] check(ProjectionModel model, int n, JavaCase javaCase, List<String> cLines,
                               float[][] dl4jBits, float[][] dl4jProbabilities, Path cDir, CDriver.Target target)
            throws IOException, InterruptedException {
        return check(model, n, javaCase, null, cLines, dl4jBits, dl4jProbabilities, cDir, target);
    }

    /**
     * The checks of every family; {@code tokenCounts} is null, or for a sequence model receives each example's
     * number of tokens from {@code javaCase} (whose bits array then holds {@code maxTokens} tokens' words). For a
     * sketch model the "bits" are the sketch's {@code B} values as words ({@link #sketchWords}).
     */
    private static int[] check(ProjectionModel model, int n, JavaCase javaCase, int[] tokenCounts,
                               List<String> cLines, float[][] dl4jBits, float[][] dl4jProbabilities, Path cDir,
                               CDriver.Target target) throws IOException, InterruptedException {
        boolean withDl4j = dl4jBits != null;
        if (withDl4j != (dl4jProbabilities != null)) {
            throw new IllegalArgumentException("give both DL4J arrays (bits and probabilities) or neither");
        }
        if (withDl4j) {
            assertEquals(n, dl4jBits.length, "DL4J bit rows");
            assertEquals(n, dl4jProbabilities.length, "DL4J probability rows");
        }
        int numBits = model.projectionSpec().numBits();
        int k = model.numLabels();
        boolean denseInput = model.input().kind() == InputKind.DENSE;
        boolean sketch = model.family() == ModelFamily.SKETCH;
        // A patch model's bits are those of every position, position-major, in one packed run.
        int chunkBits = model.patchEncoder() == null ? numBits : patchPositions(model) * numBits;
        int words = sketch ? numBits : (chunkBits + 63) >>> 6;
        boolean sequence = tokenCounts != null;
        long[][] bits = new long[n][sequence ? model.sequenceEncoder().maxTokens() * words : words];
        float[][] logits = new float[n][];
        boolean fixed = model.isFixedPoint();
        int[][] intLogits = new int[n][];
        float[][] p = new float[n][k];
        int[] labels = new int[n];
        Predictor predictor = model.predictor();
        for (int r = 0; r < n; r++) {
            logits[r] = (denseInput || sequence || sketch) && !fixed ? new float[k] : null;
            intLogits[r] = fixed ? new int[k] : null;
            labels[r] = javaCase.run(predictor, r, bits[r], logits[r], intLogits[r], p[r]);
            if (sequence) {
                bits[r] = Arrays.copyOf(bits[r], tokenCounts[r] * words);
            }
            if (withDl4j) {
                int chunks = sketch ? 0 : bits[r].length / words;
                float[] decoded = new float[sketch ? numBits : chunks * chunkBits];
                for (int b = 0; sketch && b < numBits; b++) {
                    decoded[b] = Float.intBitsToFloat((int) bits[r][b]);
                }
                for (int t = 0; t < chunks; t++) {
                    PackedBits.unpack(Arrays.copyOfRange(bits[r], t * words, (t + 1) * words), chunkBits,
                            model.encoding(), decoded, t * chunkBits);
                }
                assertArrayEquals(decoded, dl4jBits[r], "example " + r + ": projection bits, Java vs DL4J");
                assertEquals(argmax(dl4jProbabilities[r]), labels[r], "example " + r + ": label, DL4J vs Java");
                for (int j = 0; j < k; j++) {
                    assertEquals(dl4jProbabilities[r][j], p[r][j], PROBABILITY_TOLERANCE,
                            "example " + r + ": probability " + j + ", DL4J vs Java");
                }
            }
        }

        target.assumeAvailable();
        CDriver c = CDriver.build(model, cDir, target);
        List<String> cLabelNames = new ArrayList<>();
        List<CDriver.Result> results = c.run(cLines, cLabelNames);
        assertEquals(model.labels(), cLabelNames, "label names in the C header");
        // A sequence model's logits within 1e-5: its Java kernels may sum in another order than C for speed. A sketch
        // model's dense layers are a dense model's, on the same floats x: bit-identical logits.
        boolean exactLogits = !usesLibm(model) && !sequence;
        long instructions = 0;
        long maxInstructions = 0;
        long maxStack = 0;
        for (int r = 0; r < n; r++) {
            CDriver.Result result = results.get(r);
            CDriver.assertMatches(result, bits[r], labels[r], logits[r], p[r], exactLogits,
                    "example " + r + ": Java vs C on " + target);
            if (fixed) {
                assertArrayEquals(intLogits[r], result.logitWords, "example " + r + ": int32 logits, Java vs C on "
                        + target);
            }
            instructions += result.instructions;
            maxInstructions = Math.max(maxInstructions, result.instructions);
            maxStack = Math.max(maxStack, result.stackBytes);
        }
        if (!target.isHost()) {
            System.out.println(target + ", " + n + " examples equal to the Java runtime: " + instructions / n
                    + " instructions per prediction on average, at most " + maxInstructions + "; stack at most "
                    + maxStack + " bytes (" + cDir + ")");
        }
        return labels;
    }

    /** {@code H0 * W0}, the patch positions of a patch model's image. */
    static int patchPositions(ProjectionModel model) {
        int[] bitMap = model.patchEncoder().shapes(model.input().height(), model.input().width(),
                model.projectionSpec().numBits())[0];
        return bitMap[1] * bitMap[2];
    }

    /** tanh and sigmoid are the only layer functions whose last bit depends on the math library. */
    private static boolean usesLibm(ProjectionModel model) {
        List<DenseBlock> blocks = new ArrayList<>(model.layers());
        for (int l = 0; model.patchEncoder() != null && l < model.patchEncoder().stages().size(); l++) {
            blocks.add(model.patchEncoder().stages().get(l).conv());
        }
        for (DenseBlock layer : blocks) {
            if (layer.nonlinearity() == Nonlinearity.TANH || layer.nonlinearity() == Nonlinearity.SIGMOID) {
                return true;
            }
        }
        return false;
    }

    /** The first index of the largest value, the runtime's tie rule. */
    public static int argmax(float[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (v[j] > v[best]) {
                best = j;
            }
        }
        return best;
    }
}
