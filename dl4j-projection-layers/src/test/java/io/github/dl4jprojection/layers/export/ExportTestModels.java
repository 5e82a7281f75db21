package io.github.dl4jprojection.layers.export;

import io.github.dl4jprojection.runtime.internal.model.Int8Quantizer;
import io.github.dl4jprojection.runtime.model.ConvStage;
import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.FeaturizerSection;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ModelFamily;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import io.github.dl4jprojection.runtime.model.PatchEncoder;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.SequenceEncoder;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Random runtime models for the C tests; no DL4J involved. */
final class ExportTestModels {

    private ExportTestModels() {
    }

    static ProjectionModel build(long seed, InputSpec input, ProjectionSpec spec, BitEncoding encoding,
                                 int[] hidden, Nonlinearity[] functions, String... labels) {
        return withLayers(new Random(seed), ProjectionModel.builder().projection(spec).encoding(encoding).input(input),
                spec.numBits(), 1f, hidden, functions, labels);
    }

    /**
     * A random sketch model (format 4's SKETCH family) of {@code buckets} buckets on {@code input}, then dense layers
     * as {@link #build}. The first layer's weights have standard deviation {@code 1}, not {@code 1 / sqrt(B)}: the
     * sketch has unit norm, so its sums keep the spread of a bit projection's and the inputs reach several labels.
     */
    static ProjectionModel sketch(long seed, InputSpec input, int buckets, long sketchSeed, int[] hidden,
                                  Nonlinearity[] functions, String... labels) {
        ProjectionSpec spec = spec(1, buckets, sketchSeed, 1);
        return withLayers(new Random(seed), ProjectionModel.builder().family(ModelFamily.SKETCH).projection(spec)
                .encoding(BitEncoding.ZERO_ONE).input(input), buckets, (float) Math.sqrt(buckets), hidden, functions,
                labels);
    }

    /**
     * A random sequence model on the {@code text} featurizer: a bottleneck of {@code width} outputs ({@code token}),
     * a convolution of {@code convWidth} tokens and {@code channels} outputs ({@code conv}), then dense layers as
     * {@link #build}.
     */
    static ProjectionModel sequence(long seed, FeaturizerConfig text, ProjectionSpec spec, BitEncoding encoding,
                                    int maxTokens, int width, Nonlinearity token, int convWidth, int channels,
                                    Nonlinearity conv, int[] hidden, Nonlinearity[] functions, String... labels) {
        Random random = new Random(seed);
        SequenceEncoder encoder = SequenceEncoder.of(maxTokens, layer(random, spec.numBits(), width, token, 1f),
                convWidth, layer(random, convWidth * width, channels, conv, 1f));
        return withLayers(random, ProjectionModel.builder().projection(spec).encoding(encoding)
                .input(InputSpec.features(text.toSection())).sequenceEncoder(encoder), channels, 1f, hidden, functions,
                labels);
    }

    /**
     * A random patch model (format 5's PATCH family) on {@code h x w x c} images: {@code window x window} patches at
     * {@code stride} projected to {@code spec}'s bits, then one stage per {@code {kernel, outChannels, pool}} row of
     * {@code stages} with activation {@code stageFunction}, then dense layers as {@link #build}.
     */
    static ProjectionModel patch(long seed, int h, int w, int c, ProjectionSpec spec, BitEncoding encoding, int window,
                                 int stride, int[][] stages, Nonlinearity stageFunction, int[] hidden,
                                 Nonlinearity[] functions, String... labels) {
        Random random = new Random(seed);
        List<ConvStage> list = new ArrayList<>();
        int channels = spec.numBits();
        for (int[] stage : stages) {
            list.add(ConvStage.of(stage[0], layer(random, stage[0] * stage[0] * channels, stage[1], stageFunction, 2f),
                    stage[2]));
            channels = stage[1];
        }
        PatchEncoder encoder = PatchEncoder.of(window, stride, list);
        return withLayers(random, ProjectionModel.builder().projection(spec).encoding(encoding)
                .input(InputSpec.image(h, w, c)).patchEncoder(encoder), encoder.outputWidth(h, w, spec.numBits()), 1f,
                hidden, functions, labels);
    }

    /**
     * Adds random dense layers on {@code width} inputs (the last: one output per label; the first's weights scaled by
     * {@code firstGain}) and builds.
     */
    private static ProjectionModel withLayers(Random random, ProjectionModel.Builder b, int width, float firstGain,
                                              int[] hidden, Nonlinearity[] functions, String... labels) {
        for (int l = 0; l <= hidden.length; l++) {
            boolean last = l == hidden.length;
            int nOut = last ? labels.length : hidden[l];
            b.addLayer(layer(random, width, nOut, last ? Nonlinearity.IDENTITY : functions[l],
                    (last ? 2f : 1f) * (l == 0 ? firstGain : 1f)));
            width = nOut;
        }
        return b.labels(labels).provenance("library.version", "test").provenance("note", "C parity */ /* ??= \\")
                .build();
    }

    /** Gaussian weights of standard deviation {@code gain / sqrt(nIn)}, biases of 0.1; leaky ReLU slope 0.2. */
    private static DenseBlock layer(Random random, int nIn, int nOut, Nonlinearity f, float gain) {
        float[] w = new float[nIn * nOut];
        float scale = gain / (float) Math.sqrt(nIn);
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) random.nextGaussian() * scale;
        }
        float[] bias = new float[nOut];
        for (int j = 0; j < nOut; j++) {
            bias[j] = (float) random.nextGaussian() * 0.1f;
        }
        return f == Nonlinearity.LEAKY_RELU ? DenseBlock.float32(nIn, nOut, w, bias, f, 0.2f)
                : DenseBlock.float32(nIn, nOut, w, bias, f);
    }

    /** The model with int8 weights in every dense layer, and in a sequence or patch model's encoder. */
    static ProjectionModel quantized(ProjectionModel model) {
        ProjectionModel.Builder b = model.toBuilder().layers(Collections.<DenseBlock>emptyList());
        for (DenseBlock layer : model.layers()) {
            b.addLayer(Int8Quantizer.quantize(layer));
        }
        PatchEncoder patch = model.patchEncoder();
        if (patch != null) {
            List<ConvStage> stages = new ArrayList<>();
            for (ConvStage stage : patch.stages()) {
                stages.add(ConvStage.of(stage.kernel(), Int8Quantizer.quantize(stage.conv()), stage.pool()));
            }
            b.patchEncoder(PatchEncoder.of(patch.window(), patch.stride(), stages));
        }
        SequenceEncoder s = model.sequenceEncoder();
        if (s != null) {
            b.sequenceEncoder(SequenceEncoder.of(s.maxTokens(), Int8Quantizer.quantize(s.tokenLayer()), s.convWidth(),
                    Int8Quantizer.quantize(s.convLayer())));
        }
        return b.build();
    }

    static ProjectionSpec spec(int t, int d, long seed, double density) {
        return ProjectionSpec.builder().numFunctions(t).bitsPerFunction(d).seed(seed).density(density).build();
    }

    static FeaturizerSection featurizer() {
        return FeaturizerSection.of("test-featurizer", 2, Collections.singletonMap("ngrams", "1,2"));
    }

    /** Zeros, pixel-like integers and Gaussians (whose float sums round). */
    static float[] randomInput(Random random, int n) {
        float[] x = new float[n];
        int style = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(3);
            if (kind == 0) {
                continue;
            }
            x[i] = style == 0 ? random.nextInt(256) : style == 1 ? (float) random.nextGaussian()
                    : (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
        }
        return x;
    }
}
