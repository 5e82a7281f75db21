package io.github.dl4jprojection.runtime.model;

import io.github.dl4jprojection.runtime.internal.model.LibraryVersion;
import io.github.dl4jprojection.runtime.internal.text.SketchProjection;
import io.github.dl4jprojection.runtime.internal.text.TokenProjection;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import io.github.dl4jprojection.runtime.text.TextPredictor;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Writes golden files of the format version the writer writes ({@link PnetFormat#VERSION}) under
 * {@code src/test/resources/golden/v<VERSION>}: three tiny models ({@code .pnet}) and, for each,
 * inputs with the bits, label and probabilities this runtime computes ({@code .expected.txt}). Not a
 * test: run it once when a new version is registered (a version's folder is then never regenerated:
 * it pins what that version's files are), and review the diff, since {@link GoldenFilesTest} runs
 * every committed folder to catch accidental changes.
 * <pre>
 *   mvn -q -o test-compile -pl dl4j-projection-runtime
 *   java -cp dl4j-projection-runtime/target/classes:dl4j-projection-runtime/target/test-classes \
 *       io.github.dl4jprojection.runtime.model.GoldenFiles dl4j-projection-runtime/src/test/resources/golden/v2
 * </pre>
 * Expected file lines are tab-separated {@code key=value} fields: {@code x} (dense input) or
 * {@code keys} (hex) and {@code weights} (features), then {@code bits} (hex words), {@code label}
 * and {@code p}; floats are written with {@link Float#toString}, which reads back exactly.
 */
public final class GoldenFiles {

    /** The models of every version's folder. */
    static final String[] MODELS = {"dense-float32", "dense-int8", "features"};
    /** The sequence model, from version 2 on. */
    static final String SEQUENCE = "sequence";
    /** The integer-only (INT8_FIXED) models, from version 3 on: their cases also pin the int32 logits. */
    static final String[] FIXED = {"dense-fixed", "features-fixed"};
    /** The SKETCH model, from version 4 on. */
    static final String SKETCH = "sketch";
    /** The PATCH models, from version 5 on: float32 (two stages) and int8 (one stage, convolution int8 too). */
    static final String[] PATCH = {"patch-float32", "patch-int8"};
    static final int CASES = 40;

    private GoldenFiles() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args.length > 0 ? args[0] : "src/test/resources/golden/v" + PnetFormat.VERSION);
        Files.createDirectories(dir);
        ProjectionModel[] models = {denseFloat32(), denseInt8(), features(), sequence(), denseFixed(), featuresFixed(),
            sketch(), patchFloat32(), patchInt8()};
        String[] names = {MODELS[0], MODELS[1], MODELS[2], SEQUENCE, FIXED[0], FIXED[1], SKETCH, PATCH[0], PATCH[1]};
        // One generator for all models, in this order: the cases of the first three are those of golden/v1, the
        // sequence model's those of golden/v2; each version's new models come last, so earlier cases stay.
        Random random = new Random(20240501L);
        for (int m = 0; m < models.length; m++) {
            ModelWriter.write(models[m], dir.resolve(names[m] + PnetFormat.FILE_EXTENSION));
            try (Writer out = Files.newBufferedWriter(dir.resolve(names[m] + ".expected.txt"),
                    StandardCharsets.UTF_8)) {
                for (int c = 0; c < CASES; c++) {
                    out.write(models[m].sequenceEncoder() != null ? sequenceCaseLine(models[m], random)
                            : models[m].family() == ModelFamily.SKETCH ? sketchCaseLine(models[m], random)
                            : caseLine(models[m], random));
                    out.write('\n');
                }
            }
            System.out.println("wrote " + dir.resolve(names[m] + PnetFormat.FILE_EXTENSION));
        }
    }

    /**
     * A sequence model on the real "sgnn-text" featurizer (so the cases are raw texts): 2 x 16 bits per token,
     * ZERO_ONE, a RELU bottleneck of 6, a width-3 TANH convolution of 5 channels, a RELU hidden layer of 4, 3
     * labels, at most 12 tokens.
     */
    static ProjectionModel sequence() {
        Random random = new Random(404);
        FeaturizerConfig featurizer = FeaturizerConfig.builder().maxCodePoints(300).maxFeatures(64).wordNgramMax(2)
                .maxSkip(1).charNgrams(2, 3).build();
        DenseBlock token = TestModels.randomBlock(random, 32, 6, Nonlinearity.RELU, 0.5f);
        DenseBlock conv = TestModels.randomBlock(random, 3 * 6, 5, Nonlinearity.TANH, 0.5f);
        return ProjectionModel.builder().projection(spec(2, 16, 0x5E9L, 0.5)).encoding(BitEncoding.ZERO_ONE)
                .input(InputSpec.features(featurizer.toSection()))
                .sequenceEncoder(SequenceEncoder.of(12, token, 3, conv))
                .addLayer(TestModels.randomBlock(random, 5, 4, Nonlinearity.RELU, 0.7f))
                .addLayer(TestModels.randomBlock(random, 4, 3, Nonlinearity.IDENTITY, 0.7f))
                .labels("ham", "spam", "égal").provenance(ProvenanceKeys.LIBRARY_VERSION, LibraryVersion.get())
                .provenance(ProvenanceKeys.CREATED, "2026-12-02T00:00:00Z")
                .provenance(ProvenanceKeys.TRAINING_DATA, "none: random weights for the golden-file test").build();
    }

    /**
     * A SKETCH model on the real "sgnn-text" featurizer (count weights, so the square roots are pinned): 24 buckets,
     * a RELU hidden layer of 5, 2 labels.
     */
    static ProjectionModel sketch() {
        Random random = new Random(707);
        FeaturizerConfig featurizer = FeaturizerConfig.builder().maxCodePoints(300).maxFeatures(64).wordNgramMax(2)
                .maxSkip(1).charNgrams(2, 3).build();
        return ProjectionModel.builder().family(ModelFamily.SKETCH).projection(spec(1, 24, 0x5CE7L, 1))
                .encoding(BitEncoding.ZERO_ONE).input(InputSpec.features(featurizer.toSection()))
                .addLayer(TestModels.randomBlock(random, 24, 5, Nonlinearity.RELU, 0.9f))
                .addLayer(TestModels.randomBlock(random, 5, 2, Nonlinearity.IDENTITY, 0.9f))
                .labels("ham", "spam").provenance(ProvenanceKeys.LIBRARY_VERSION, LibraryVersion.get())
                .provenance(ProvenanceKeys.CREATED, "2026-12-03T00:00:00Z")
                .provenance(ProvenanceKeys.TRAINING_DATA, "none: random weights for the golden-file test").build();
    }

    /**
     * A PATCH model on a 9 x 8 x 2 image: 3 x 3 patches at stride 1 to 2 x 5 bits (7 x 6 positions, 420 bits),
     * PLUS_MINUS_ONE; stages 2 x 2 to 4 channels pooled by 2 (6 x 5 to 3 x 2: the floor drops a column) and 2 x 2 to
     * 3 channels (2 x 1); a RELU hidden layer of 5; 3 labels.
     */
    static ProjectionModel patchFloat32() {
        return PatchModels.builder(808, 9, 8, 2, spec(2, 5, 0x9A7CL, 0.5), BitEncoding.PLUS_MINUS_ONE, 3, 1,
                new int[][] {{2, 4, 2}, {2, 3, 1}}, 5, 3).labels("T-shirt", "Trouser", "Bag")
                .provenance(ProvenanceKeys.LIBRARY_VERSION, LibraryVersion.get())
                .provenance(ProvenanceKeys.CREATED, "2026-12-03T00:00:00Z")
                .provenance(ProvenanceKeys.TRAINING_DATA, "none: random weights for the golden-file test").build();
    }

    /**
     * A PATCH model on an 8 x 8 x 1 image: 4 x 4 patches at stride 2 to 4 x 4 bits (3 x 3 positions), ZERO_ONE,
     * density 1; one stage 2 x 2 to 6 channels pooled by 2 (2 x 2 to 1 x 1); no hidden layer; 4 labels; the
     * convolution and the logits layer int8.
     */
    static ProjectionModel patchInt8() {
        return PatchModels.quantized(PatchModels.builder(909, 8, 8, 1, spec(4, 4, 0x9A7DL, 1), BitEncoding.ZERO_ONE,
                4, 2, new int[][] {{2, 6, 2}}, 0, 4).labels("0", "1", "2", "3")
                .provenance(ProvenanceKeys.LIBRARY_VERSION, LibraryVersion.get())
                .provenance(ProvenanceKeys.CREATED, "2026-12-03T00:00:00Z")
                .provenance(ProvenanceKeys.TRAINING_DATA, "none: random weights for the golden-file test").build());
    }

    /** {@code text=...} (0 to 20 words), then the sketch values, the label and the probabilities. */
    private static String sketchCaseLine(ProjectionModel model, Random random) {
        String text = randomText(random);
        float[] x = new SketchProjection(FeaturizerConfig.fromSection(model.input().featurizer()),
                model.projectionSpec().numBits(), model.projectionSpec().seed()).project(text);
        float[] p = new float[model.numLabels()];
        int label = TextPredictor.of(model).scores(text, p);
        return "text=" + text + "\tsketch=" + floats(x) + "\tlabel=" + label + "\tp=" + floats(p);
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int words = random.nextInt(21);
        for (int w = 0; w < words; w++) {
            text.append(w == 0 ? "" : " ").append(VOCABULARY[random.nextInt(VOCABULARY.length)]);
        }
        return text.toString();
    }

    /** Words, symbols and a few non-ASCII tokens; no tab or line break (the case file's separators). */
    private static final String[] VOCABULARY = {"free", "money", "Meeting", "at", "noon", "!", "?", "café", "日本",
        "\uD83D\uDE00", "x", "viagra", "re:", "the", "unsubscribe", "$100", "don't", "3.14"};

    /** {@code text=...} (0 to 20 words: the empty text, texts over the 12-token cap), then token bits and scores. */
    private static String sequenceCaseLine(ProjectionModel model, Random random) {
        String text = randomText(random);
        TokenProjection tokens = new TokenProjection(FeaturizerConfig.fromSection(model.input().featurizer()),
                model.projectionSpec(), model.sequenceEncoder().maxTokens());
        long[] bits = new long[model.sequenceEncoder().maxTokens() * tokens.numWords()];
        int n = tokens.project(text, tokens.newScratch(), bits);
        float[] p = new float[model.numLabels()];
        int label = model.predictor().scoresTokens(bits, n, p);
        StringBuilder hex = new StringBuilder();
        for (int w = 0; w < n * tokens.numWords(); w++) {
            hex.append(w == 0 ? "" : ",").append(Long.toHexString(bits[w]));
        }
        return "text=" + text + "\ttokens=" + n + "\tbits=" + hex + "\tlabel=" + label + "\tp=" + floats(p);
    }

    private static ProjectionModel.Builder base(long seed, InputSpec input, ProjectionSpec spec, BitEncoding enc,
                                                int[] hidden, Nonlinearity[] functions, String... labels) {
        ProjectionModel.Builder b = TestModels.denseBuilder(seed, input, spec, enc, hidden, functions, labels.length);
        return b.labels(labels).provenance(ProvenanceKeys.LIBRARY_VERSION, LibraryVersion.get())
                .provenance(ProvenanceKeys.CREATED, "2024-05-01T00:00:00Z")
                .provenance(ProvenanceKeys.TRAINING_SEED, Long.toString(seed))
                .provenance(ProvenanceKeys.TRAINING_DATA, "none: random weights for the golden-file test");
    }

    /** 4x4 image, 12 x 6 = 72 bits (a partly used second word), RELU and TANH hidden layers, UTF-8 labels. */
    static ProjectionModel denseFloat32() {
        return base(101, InputSpec.image(4, 4, 1), spec(12, 6, 0x5EEDL, 0.25), BitEncoding.PLUS_MINUS_ONE,
                new int[] {10, 8}, new Nonlinearity[] {Nonlinearity.RELU, Nonlinearity.TANH},
                "zéro", "один", "二", "\uD83D\uDE00").build();
    }

    /** 20 inputs, 5 x 13 bits, LEAKY_RELU and TANH hidden layers, 0/1 encoding, all layers int8. */
    static ProjectionModel denseInt8() {
        ProjectionModel f = base(202, InputSpec.dense(20), spec(5, 13, -7L, 1), BitEncoding.ZERO_ONE,
                new int[] {9, 7}, new Nonlinearity[] {Nonlinearity.LEAKY_RELU, Nonlinearity.TANH},
                "a", "b", "c").provenance(ProvenanceKeys.WEIGHTS, "int8").build();
        return TestModels.quantized(f);
    }

    /**
     * 20 inputs, 6 x 11 bits, PLUS_MINUS_ONE, RELU, LEAKY_RELU, TANH and HARD_TANH hidden layers, integer-only:
     * calibrated on 200 random inputs.
     */
    static ProjectionModel denseFixed() {
        ProjectionModel f = base(505, InputSpec.dense(20), spec(6, 11, 0xF1EDL, 0.5), BitEncoding.PLUS_MINUS_ONE,
                new int[] {10, 9, 8, 7}, new Nonlinearity[] {Nonlinearity.RELU, Nonlinearity.LEAKY_RELU,
                    Nonlinearity.TANH, Nonlinearity.HARD_TANH}, "a", "b", "c").build();
        return TestModels.calibrated(f, new Random(505), 200);
    }

    /** Hashed features, 16 x 8 bits, ZERO_ONE, a SIGMOID hidden layer, integer-only: calibrated on 200 random bags. */
    static ProjectionModel featuresFixed() {
        ProjectionModel f = base(606, InputSpec.features(TestModels.testFeaturizer()), spec(16, 8, 606L, 0.25),
                BitEncoding.ZERO_ONE, new int[] {6}, new Nonlinearity[] {Nonlinearity.SIGMOID}, "x", "y").build();
        return TestModels.calibrated(f, new Random(606), 200);
    }

    /** Hashed features with a featurizer section, 16 x 8 bits, a SIGMOID hidden layer. */
    static ProjectionModel features() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("example.setting", "value");
        settings.put("ngrams", "1,2,3");
        FeaturizerSection featurizer = FeaturizerSection.of("golden-test-featurizer", 3, settings);
        return base(303, InputSpec.features(featurizer), spec(16, 8, Long.MIN_VALUE, 0.125),
                BitEncoding.PLUS_MINUS_ONE, new int[] {6}, new Nonlinearity[] {Nonlinearity.SIGMOID},
                "ham", "spam", "other").build();
    }

    private static ProjectionSpec spec(int t, int d, long seed, double density) {
        return TestModels.spec(t, d, seed, density);
    }

    private static String caseLine(ProjectionModel model, Random random) {
        Predictor predictor = model.predictor();
        StringBuilder line = new StringBuilder();
        long[] bits = new long[model.patchEncoder() != null ? PatchModels.bitWords(model)
                : model.projectionSpec().numWords()];
        float[] p = new float[model.numLabels()];
        int label;
        if (model.input().kind() == InputKind.DENSE) {
            float[] x = TestModels.randomInput(random, model.input().nIn());
            line.append("x=").append(floats(x));
            predictor.project(x, bits);
            label = predictor.scores(x, p);
        } else {
            int count = random.nextInt(9);
            long[] keys = new long[count];
            float[] weights = new float[count];
            StringBuilder hex = new StringBuilder();
            for (int j = 0; j < count; j++) {
                keys[j] = random.nextLong();
                weights[j] = random.nextInt(4) == 0 ? (float) random.nextGaussian() : 1 + random.nextInt(3);
                hex.append(j == 0 ? "" : ",").append(Long.toHexString(keys[j]));
            }
            line.append("keys=").append(hex).append("\tweights=").append(floats(weights));
            predictor.projectFeatures(keys, weights, count, bits);
            label = predictor.scoresFeatures(keys, weights, count, p);
        }
        StringBuilder words = new StringBuilder();
        for (int w = 0; w < bits.length; w++) {
            words.append(w == 0 ? "" : ",").append(Long.toHexString(bits[w]));
        }
        line.append("\tbits=").append(words).append("\tlabel=").append(label).append("\tp=").append(floats(p));
        if (model.isFixedPoint()) {
            int[] logits = TestModels.referenceIntegerLogits(model, bits);
            StringBuilder ints = new StringBuilder();
            for (int j = 0; j < logits.length; j++) {
                ints.append(j == 0 ? "" : ",").append(logits[j]);
            }
            line.append("\tlogits=").append(ints);
        }
        return line.toString();
    }

    private static String floats(float[] v) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ",").append(v[i]);
        }
        return s.toString();
    }
}
