package io.github.dl4jprojection.layers.export;

import io.github.dl4jprojection.runtime.internal.model.Int8Quantizer;
import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.FeaturizerSection;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.util.Collections;
import java.util.Random;

/** Random runtime models for the C tests; no DL4J involved. */
final class ExportTestModels {

    private ExportTestModels() {
    }

    static ProjectionModel build(long seed, InputSpec input, ProjectionSpec spec, BitEncoding encoding,
                                 int[] hidden, Nonlinearity[] functions, String... labels) {
        Random random = new Random(seed);
        ProjectionModel.Builder b = ProjectionModel.builder().projection(spec).encoding(encoding).input(input);
        int width = spec.numBits();
        for (int l = 0; l <= hidden.length; l++) {
            boolean last = l == hidden.length;
            int nOut = last ? labels.length : hidden[l];
            float[] w = new float[width * nOut];
            float scale = (last ? 2f : 1f) / (float) Math.sqrt(width);
            for (int k = 0; k < w.length; k++) {
                w[k] = (float) random.nextGaussian() * scale;
            }
            float[] bias = new float[nOut];
            for (int j = 0; j < nOut; j++) {
                bias[j] = (float) random.nextGaussian() * 0.1f;
            }
            Nonlinearity f = last ? Nonlinearity.IDENTITY : functions[l];
            b.addLayer(f == Nonlinearity.LEAKY_RELU ? DenseBlock.float32(width, nOut, w, bias, f, 0.2f)
                    : DenseBlock.float32(width, nOut, w, bias, f));
            width = nOut;
        }
        return b.labels(labels).provenance("library.version", "test").provenance("note", "C parity */ /* ??= \\")
                .build();
    }

    static ProjectionModel quantized(ProjectionModel model) {
        ProjectionModel.Builder b = model.toBuilder().layers(Collections.<DenseBlock>emptyList());
        for (DenseBlock layer : model.layers()) {
            b.addLayer(Int8Quantizer.quantize(layer));
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
