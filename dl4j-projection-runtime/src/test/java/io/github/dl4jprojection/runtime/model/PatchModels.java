package io.github.dl4jprojection.runtime.model;

import io.github.dl4jprojection.runtime.internal.model.Int8Quantizer;
import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small random PATCH models for tests. */
final class PatchModels {

    private PatchModels() {
    }

    /**
     * An image of {@code h x w x c}, patches {@code window}/{@code stride} projected to {@code spec}'s bits, stages
     * {@code {kernel, outChannels, pool}} (RELU), then {@code hidden} RELU units (none when 0) and {@code numLabels}
     * logits; FLOAT32 weights.
     */
    static ProjectionModel.Builder builder(long seed, int h, int w, int c, ProjectionSpec spec, BitEncoding encoding,
                                           int window, int stride, int[][] stages, int hidden, int numLabels) {
        Random random = new Random(seed);
        List<ConvStage> list = new ArrayList<>();
        int channels = spec.numBits();
        for (int[] s : stages) {
            int nIn = s[0] * s[0] * channels;
            list.add(ConvStage.of(s[0], TestModels.randomBlock(random, nIn, s[1], Nonlinearity.RELU,
                    1f / (float) Math.sqrt(nIn)), s[2]));
            channels = s[1];
        }
        PatchEncoder encoder = PatchEncoder.of(window, stride, list);
        int width = encoder.outputWidth(h, w, spec.numBits());
        ProjectionModel.Builder b = ProjectionModel.builder().projection(spec).encoding(encoding)
                .input(InputSpec.image(h, w, c)).patchEncoder(encoder);
        if (hidden > 0) {
            b.addLayer(TestModels.randomBlock(random, width, hidden, Nonlinearity.RELU, 1f / (float) Math.sqrt(width)));
            width = hidden;
        }
        b.addLayer(TestModels.randomBlock(random, width, numLabels, Nonlinearity.IDENTITY,
                2f / (float) Math.sqrt(width)));
        String[] labels = new String[numLabels];
        for (int j = 0; j < numLabels; j++) {
            labels[j] = "class-" + j;
        }
        return b.labels(labels).provenance(ProvenanceKeys.LIBRARY_VERSION, "test");
    }

    /** {@code model} with every block, the stages' convolutions too, quantized to INT8. */
    static ProjectionModel quantized(ProjectionModel model) {
        List<ConvStage> stages = new ArrayList<>();
        for (ConvStage s : model.patchEncoder().stages()) {
            stages.add(ConvStage.of(s.kernel(), Int8Quantizer.quantize(s.conv()), s.pool()));
        }
        ProjectionModel.Builder b = model.toBuilder().patchEncoder(PatchEncoder.of(model.patchEncoder().window(),
                model.patchEncoder().stride(), stages)).layers(null);
        for (DenseBlock layer : model.layers()) {
            b.addLayer(Int8Quantizer.quantize(layer));
        }
        return b.provenance(ProvenanceKeys.WEIGHTS, "int8").build();
    }

    /** A 7 x 6 x 1 image, 3 x 3 patches at stride 1 to 4 x 2 bits, one 2 x 2 stage of 3 channels pooled by 2. */
    static ProjectionModel small(long seed) {
        return builder(seed, 7, 6, 1, TestModels.spec(4, 2, seed, 0.5), BitEncoding.PLUS_MINUS_ONE, 3, 1,
                new int[][] {{2, 3, 2}}, 4, 3).build();
    }

    /**
     * The logits of a PATCH model written with explicit loops over 3-D arrays, independently of the Predictor: the
     * patch gathered pixel by pixel and projected alone, the bit map, each convolution output computed from its own
     * window, the max of each whole pool, the flattening and the dense layers, in the float32 order of
     * docs/FORMAT.md 5.2, so the Predictor must give the same floats.
     */
    static float[] referenceLogits(ProjectionModel model, float[] x) {
        float[][][] map = referenceBitMap(model, x);
        for (ConvStage stage : model.patchEncoder().stages()) {
            map = referenceStage(stage, map);
        }
        return referenceDense(model, flatten(map));
    }

    /** {@code ceil(H0 * W0 * T * d / 64)}: the longs of a PATCH model's bits. */
    static int bitWords(ProjectionModel model) {
        InputSpec in = model.input();
        int p = model.patchEncoder().window();
        int s = model.patchEncoder().stride();
        long bits = (long) ((in.height() - p) / s + 1) * ((in.width() - p) / s + 1) * model.projectionSpec().numBits();
        return (int) ((bits + 63) / 64);
    }

    /** The bits of position (i, j): its patch gathered by the formula, then the reference projection alone. */
    static long[] referencePatchBits(ProjectionModel model, float[] x, int i, int j) {
        InputSpec in = model.input();
        int p = model.patchEncoder().window();
        int s = model.patchEncoder().stride();
        int c = in.channels();
        float[] v = new float[p * p * c];
        for (int dy = 0; dy < p; dy++) {
            for (int dx = 0; dx < p; dx++) {
                for (int ch = 0; ch < c; ch++) {
                    v[(dy * p + dx) * c + ch] = x[(ch * in.height() + i * s + dy) * in.width() + j * s + dx];
                }
            }
        }
        return LshProjection.forDenseInput(model.projectionSpec(), p * p * c).project(v);
    }

    private static float[][][] referenceBitMap(ProjectionModel model, float[] x) {
        InputSpec in = model.input();
        int p = model.patchEncoder().window();
        int s = model.patchEncoder().stride();
        int rows = (in.height() - p) / s + 1;
        int columns = (in.width() - p) / s + 1;
        int numBits = model.projectionSpec().numBits();
        float[][][] map = new float[numBits][rows][columns];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                long[] bits = referencePatchBits(model, x, i, j);
                for (int b = 0; b < numBits; b++) {
                    map[b][i][j] = PackedBits.get(bits, b) ? model.encoding().on() : model.encoding().off();
                }
            }
        }
        return map;
    }

    /** One stage: every convolution output from its own window, then the max of each whole q x q pool. */
    private static float[][][] referenceStage(ConvStage stage, float[][][] a) {
        int k = stage.kernel();
        int q = stage.pool();
        int cin = a.length;
        int hc = a[0].length - k + 1;
        int wc = a[0][0].length - k + 1;
        DenseBlock conv = stage.conv();
        float[][][] z = new float[conv.nOut()][hc][wc];
        for (int i = 0; i < hc; i++) {
            for (int j = 0; j < wc; j++) {
                float[] u = new float[k * k * cin];
                for (int dy = 0; dy < k; dy++) {
                    for (int dx = 0; dx < k; dx++) {
                        for (int ci = 0; ci < cin; ci++) {
                            u[(dy * k + dx) * cin + ci] = a[ci][i + dy][j + dx];
                        }
                    }
                }
                float[] out = referenceLayer(conv, u);
                for (int co = 0; co < out.length; co++) {
                    z[co][i][j] = out[co];
                }
            }
        }
        float[][][] pooled = new float[conv.nOut()][hc / q][wc / q];
        for (int co = 0; co < pooled.length; co++) {
            for (int i = 0; i < hc / q; i++) {
                for (int j = 0; j < wc / q; j++) {
                    float best = z[co][i * q][j * q];
                    for (int dy = 0; dy < q; dy++) {
                        for (int dx = 0; dx < q; dx++) {
                            best = Math.max(best, z[co][i * q + dy][j * q + dx]);
                        }
                    }
                    pooled[co][i][j] = best;
                }
            }
        }
        return pooled;
    }

    private static float[] flatten(float[][][] a) {
        int h = a[0].length;
        int w = a[0][0].length;
        float[] g = new float[a.length * h * w];
        for (int c = 0; c < a.length; c++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    g[c * h * w + i * w + j] = a[c][i][j];
                }
            }
        }
        return g;
    }

    private static float[] referenceDense(ProjectionModel model, float[] g) {
        float[] h = g;
        for (DenseBlock layer : model.layers()) {
            h = referenceLayer(layer, h);
        }
        return h;
    }

    /**
     * {@code f(x W + b)} output by output, every product summed in increasing row order from +0 in float32; an INT8
     * block sums {@code x * q} and then scales. Only the functions the test models use: RELU and IDENTITY.
     */
    private static float[] referenceLayer(DenseBlock layer, float[] x) {
        boolean int8 = layer.weightType() == WeightType.INT8;
        float[] out = new float[layer.nOut()];
        for (int j = 0; j < out.length; j++) {
            float sum = 0f;
            for (int i = 0; i < layer.nIn(); i++) {
                sum += x[i] * (int8 ? layer.quantizedWeights()[i * layer.nOut() + j] : layer.weight(i, j));
            }
            float z = int8 ? sum * layer.scales()[j] + layer.bias()[j] : sum + layer.bias()[j];
            out[j] = layer.nonlinearity() == Nonlinearity.RELU ? (z > 0f ? z : 0f) : z;
        }
        return out;
    }
}
