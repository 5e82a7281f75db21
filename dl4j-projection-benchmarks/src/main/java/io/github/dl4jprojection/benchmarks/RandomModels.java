package io.github.dl4jprojection.benchmarks;

import io.github.dl4jprojection.runtime.internal.model.Int8Quantizer;
import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ModelFamily;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.SequenceEncoder;
import io.github.dl4jprojection.runtime.model.WeightType;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.util.Random;

/**
 * Projection networks with random weights from a fixed seed: {@code B} bits -> dense {@code hidden}
 * (ReLU) -> {@code classes} logits, the shape of the Fashion-MNIST example. Weights are Gaussian with
 * standard deviation {@code 1 / sqrt(nIn)} so activations stay in a realistic range.
 */
final class RandomModels {

    /** Bits per projection function of every benchmarked model (the examples' d). */
    static final int BITS_PER_FUNCTION = 16;
    static final int HIDDEN = 40;
    static final int CLASSES = 10;
    static final long SEED = 42L;

    private RandomModels() {
    }

    /** The projection of {@code bits} bits (T = bits / 16, d = 16) at {@code density}. */
    static ProjectionSpec spec(int bits, double density) {
        return ProjectionSpec.builder().numFunctions(bits / BITS_PER_FUNCTION).bitsPerFunction(BITS_PER_FUNCTION)
                .seed(SEED).density(density).build();
    }

    /** A model over {@code input} with two layers (hidden, then logits) of {@code weightType} weights. */
    static ProjectionModel model(InputSpec input, ProjectionSpec spec, int classes, WeightType weightType) {
        Random random = new Random(SEED);
        DenseBlock hidden = block(spec.numBits(), HIDDEN, Nonlinearity.RELU, random);
        DenseBlock logits = block(HIDDEN, classes, Nonlinearity.IDENTITY, random);
        if (weightType == WeightType.INT8) {
            hidden = Int8Quantizer.quantize(hidden);
            logits = Int8Quantizer.quantize(logits);
        }
        String[] labels = new String[classes];
        for (int i = 0; i < classes; i++) {
            labels[i] = "class" + i;
        }
        return ProjectionModel.builder().projection(spec).encoding(BitEncoding.PLUS_MINUS_ONE).input(input)
                .addLayer(hidden).addLayer(logits).labels(labels).build();
    }

    /**
     * A sequence model (format version 2) over {@code input}: {@code spec} bits per token, a ReLU bottleneck of
     * {@code bottleneck}, a ReLU convolution of width 3 and {@code channels}, then {@code classes} logits.
     */
    static ProjectionModel sequenceModel(InputSpec input, ProjectionSpec spec, int maxTokens, int bottleneck,
                                         int channels, int classes) {
        Random random = new Random(SEED);
        DenseBlock token = block(spec.numBits(), bottleneck, Nonlinearity.RELU, random);
        DenseBlock conv = block(3 * bottleneck, channels, Nonlinearity.RELU, random);
        DenseBlock logits = block(channels, classes, Nonlinearity.IDENTITY, random);
        String[] labels = new String[classes];
        for (int i = 0; i < classes; i++) {
            labels[i] = "class" + i;
        }
        return ProjectionModel.builder().projection(spec).encoding(BitEncoding.PLUS_MINUS_ONE).input(input)
                .sequenceEncoder(SequenceEncoder.of(maxTokens, token, 3, conv)).addLayer(logits).labels(labels)
                .build();
    }

    /**
     * A sketch model (format version 4's SKETCH family) over {@code input}: {@code buckets} buckets straight into
     * {@code classes} logits of {@code weightType} weights, the linear layer of docs/RESULTS.md's measurements.
     */
    static ProjectionModel sketchModel(InputSpec input, int buckets, int classes, WeightType weightType) {
        Random random = new Random(SEED);
        DenseBlock logits = block(buckets, classes, Nonlinearity.IDENTITY, random);
        if (weightType == WeightType.INT8) {
            logits = Int8Quantizer.quantize(logits);
        }
        String[] labels = new String[classes];
        for (int i = 0; i < classes; i++) {
            labels[i] = "class" + i;
        }
        ProjectionSpec spec = ProjectionSpec.builder().numFunctions(1).bitsPerFunction(buckets).seed(SEED).density(1)
                .build();
        return ProjectionModel.builder().family(ModelFamily.SKETCH).projection(spec).encoding(BitEncoding.ZERO_ONE)
                .input(input).addLayer(logits).labels(labels).build();
    }

    private static DenseBlock block(int nIn, int nOut, Nonlinearity f, Random random) {
        float[] w = new float[nIn * nOut];
        double std = 1.0 / Math.sqrt(nIn);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * std);
        }
        float[] b = new float[nOut];
        for (int j = 0; j < nOut; j++) {
            b[j] = (float) (random.nextGaussian() * 0.1);
        }
        return DenseBlock.float32(nIn, nOut, w, b, f);
    }
}
