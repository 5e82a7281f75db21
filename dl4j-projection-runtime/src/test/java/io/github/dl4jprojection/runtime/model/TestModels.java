package io.github.dl4jprojection.runtime.model;

import io.github.dl4jprojection.runtime.internal.model.Int8Quantizer;
import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small random models and an independent double-precision reference forward pass. */
final class TestModels {

    private TestModels() {
    }

    static ProjectionSpec spec(int t, int d, long seed, double density) {
        return ProjectionSpec.builder().numFunctions(t).bitsPerFunction(d).seed(seed).density(density).build();
    }

    static DenseBlock randomBlock(Random random, int nIn, int nOut, Nonlinearity f, float scale) {
        float[] w = new float[nIn * nOut];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) random.nextGaussian() * scale;
        }
        float[] b = new float[nOut];
        for (int j = 0; j < nOut; j++) {
            b[j] = (float) random.nextGaussian() * 0.1f;
        }
        return DenseBlock.float32(nIn, nOut, w, b, f);
    }

    /**
     * A dense-input model: {@code hidden[l]} units with {@code functions[l]}, then {@code numLabels} logits.
     */
    static ProjectionModel.Builder denseBuilder(long seed, InputSpec input, ProjectionSpec spec, BitEncoding encoding,
                                                int[] hidden, Nonlinearity[] functions, int numLabels) {
        Random random = new Random(seed);
        ProjectionModel.Builder b = ProjectionModel.builder().projection(spec).encoding(encoding).input(input);
        int width = spec.numBits();
        for (int l = 0; l < hidden.length; l++) {
            b.addLayer(randomBlock(random, width, hidden[l], functions[l], 1f / (float) Math.sqrt(width)));
            width = hidden[l];
        }
        b.addLayer(randomBlock(random, width, numLabels, Nonlinearity.IDENTITY, 2f / (float) Math.sqrt(width)));
        String[] labels = new String[numLabels];
        for (int j = 0; j < numLabels; j++) {
            labels[j] = "label-" + j;
        }
        return b.labels(labels).provenance(ProvenanceKeys.LIBRARY_VERSION, "test")
                .provenance(ProvenanceKeys.TRAINING_SEED, Long.toString(seed));
    }

    /** 12 inputs (a 3x4 image), 8 x 4 bits, hidden 6 (relu) and 5 (tanh), 3 labels. */
    static ProjectionModel smallDense(long seed) {
        return denseBuilder(seed, InputSpec.image(3, 4, 1), spec(8, 4, seed, 0.5), BitEncoding.PLUS_MINUS_ONE,
                new int[] {6, 5}, new Nonlinearity[] {Nonlinearity.RELU, Nonlinearity.TANH}, 3).build();
    }

    static FeaturizerSection testFeaturizer() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ngrams", "1,2");
        settings.put("lowercase", "true");
        return FeaturizerSection.of("test-featurizer", 1, settings);
    }

    /** A feature-input model: 10 x 8 bits, hidden 7 (sigmoid), 4 labels. */
    static ProjectionModel smallFeatures(long seed) {
        return denseBuilder(seed, InputSpec.features(testFeaturizer()), spec(10, 8, seed, 0.25), BitEncoding.ZERO_ONE,
                new int[] {7}, new Nonlinearity[] {Nonlinearity.SIGMOID}, 4).build();
    }

    /** A copy of {@code model} with every layer int8-quantized. */
    static ProjectionModel quantized(ProjectionModel model) {
        ProjectionModel.Builder b = model.toBuilder().layers(Collections.<DenseBlock>emptyList());
        for (DenseBlock layer : model.layers()) {
            b.addLayer(Int8Quantizer.quantize(layer));
        }
        return b.provenance(ProvenanceKeys.WEIGHTS, "int8").build();
    }

    /** {@code model} made integer-only by {@link Int8Calibrator} on {@code n} random inputs of {@code random}. */
    static ProjectionModel calibrated(ProjectionModel model, Random random, int n) {
        Int8Calibrator calibrator = Int8Calibrator.of(model);
        for (int r = 0; r < n; r++) {
            if (model.input().kind() == InputKind.DENSE) {
                calibrator.observe(randomInput(random, model.input().nIn()));
            } else {
                long[] keys = randomKeys(random);
                calibrator.observeFeatures(keys, randomWeights(random, keys.length), keys.length);
            }
        }
        return calibrator.calibrate();
    }

    /**
     * The int32 logits of an INT8_FIXED model from its packed bits, written independently of FixedKernels: output by
     * output, with {@link Math#floorDiv} for the rounding shift.
     */
    static int[] referenceIntegerLogits(ProjectionModel model, long[] bits) {
        int numBits = model.projectionSpec().numBits();
        long[] x = new long[numBits];
        for (int b = 0; b < numBits; b++) {
            x[b] = PackedBits.get(bits, b) ? 1 : model.encoding() == BitEncoding.PLUS_MINUS_ONE ? -1 : 0;
        }
        List<DenseBlock> layers = model.layers();
        for (int l = 0; l < layers.size(); l++) {
            DenseBlock layer = layers.get(l);
            byte[] q = layer.quantizedWeights();
            int[] bias = layer.fixedBias();
            int[] m = layer.multipliers();
            byte[] shifts = layer.shifts();
            byte[] table = layer.table();
            long[] y = new long[layer.nOut()];
            for (int j = 0; j < y.length; j++) {
                long acc = bias[j];
                for (int i = 0; i < layer.nIn(); i++) {
                    acc += x[i] * q[i * layer.nOut() + j];
                }
                long r = Math.floorDiv(acc * m[j] + (shifts[j] == 0 ? 0 : 1L << (shifts[j] - 1)), 1L << shifts[j]);
                if (l == layers.size() - 1) {
                    y[j] = r;
                } else {
                    long z = Math.max(-128, Math.min(127, r));
                    y[j] = table != null ? table[(int) z + 128]
                            : layer.nonlinearity() == Nonlinearity.RELU ? Math.max(0, z) : z;
                }
            }
            x = y;
        }
        int[] logits = new int[x.length];
        for (int j = 0; j < x.length; j++) {
            logits[j] = Math.toIntExact(x[j]);
        }
        return logits;
    }

    /**
     * The bytes this thread allocates in 20,000 calls of {@code call} after 2,000 calls to warm up (skips the test
     * without HotSpot's allocation counters). {@code call} returns a label, summed so the JIT keeps the calls.
     */
    static long allocatedBytes(java.util.function.IntSupplier call) {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "allocation counters need a HotSpot-compatible JVM");
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) bean;
        org.junit.jupiter.api.Assumptions.assumeTrue(hotspot.isThreadAllocatedMemorySupported());
        hotspot.setThreadAllocatedMemoryEnabled(true);
        int sum = 0;
        for (int r = 0; r < 2000; r++) {
            sum += call.getAsInt();
        }
        long thread = Thread.currentThread().getId();
        long before = hotspot.getThreadAllocatedBytes(thread);
        for (int r = 0; r < 20000; r++) {
            sum += call.getAsInt();
        }
        long allocated = hotspot.getThreadAllocatedBytes(thread) - before;
        return sum == Integer.MIN_VALUE ? allocated + 1 : allocated;
    }

    /** 0 to 8 random feature keys. */
    static long[] randomKeys(Random random) {
        long[] keys = new long[random.nextInt(9)];
        for (int j = 0; j < keys.length; j++) {
            keys[j] = random.nextLong();
        }
        return keys;
    }

    /** Counts 1..3, now and then a Gaussian. */
    static float[] randomWeights(Random random, int n) {
        float[] w = new float[n];
        for (int j = 0; j < n; j++) {
            w[j] = random.nextInt(4) == 0 ? (float) random.nextGaussian() : 1 + random.nextInt(3);
        }
        return w;
    }

    /** Zeros, small integers and Gaussians: exercises skipped zeros and inexact float sums. */
    static float[] randomInput(Random random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(3);
            x[i] = kind == 0 ? 0f : kind == 1 ? random.nextInt(511) - 255 : (float) random.nextGaussian();
        }
        return x;
    }

    /** The logits, computed in double from the encoded bits, independently of the runtime kernels. */
    static double[] referenceLogits(ProjectionModel model, long[] bits) {
        int numBits = model.projectionSpec().numBits();
        double[] h = new double[numBits];
        BitEncoding e = model.encoding();
        for (int b = 0; b < numBits; b++) {
            h[b] = PackedBits.get(bits, b) ? e.on() : e.off();
        }
        for (DenseBlock layer : model.layers()) {
            double[] out = new double[layer.nOut()];
            float[] bias = layer.bias();
            for (int j = 0; j < layer.nOut(); j++) {
                double z = bias[j];
                for (int i = 0; i < layer.nIn(); i++) {
                    z += h[i] * layer.weight(i, j);
                }
                out[j] = referenceFunction(layer.nonlinearity(), z, layer.alpha());
            }
            h = out;
        }
        return h;
    }

    /**
     * The logits of a sequence model in double precision, straight from the formulas of {@link SequenceEncoder}
     * (no padded buffer, no offsets): an independent check of the predictor's float arithmetic.
     */
    static double[] referenceSequenceLogits(ProjectionModel model, long[] tokenBits, int numTokens) {
        SequenceEncoder s = model.sequenceEncoder();
        int numBits = model.projectionSpec().numBits();
        int words = model.projectionSpec().numWords();
        BitEncoding e = model.encoding();
        DenseBlock token = s.tokenLayer();
        double[][] h = new double[numTokens][];
        for (int t = 0; t < numTokens; t++) {
            double[] x = new double[numBits];
            long[] w = java.util.Arrays.copyOfRange(tokenBits, t * words, (t + 1) * words);
            for (int b = 0; b < numBits; b++) {
                x[b] = PackedBits.get(w, b) ? e.on() : e.off();
            }
            h[t] = dense(token, x);
        }
        int k = s.convWidth();
        int width = token.nOut();
        double[] pooled = new double[s.outputWidth()];
        java.util.Arrays.fill(pooled, Double.NEGATIVE_INFINITY);
        for (int t = 0; t < numTokens; t++) {
            double[] window = new double[k * width];
            for (int o = 0; o < k; o++) {
                int src = t + o - (k - 1) / 2;
                if (src >= 0 && src < numTokens) {
                    System.arraycopy(h[src], 0, window, o * width, width);
                }
            }
            double[] c = dense(s.convLayer(), window);
            for (int j = 0; j < c.length; j++) {
                pooled[j] = Math.max(pooled[j], c[j]);
            }
        }
        double[] out = pooled;
        for (DenseBlock layer : model.layers()) {
            out = dense(layer, out);
        }
        return out;
    }

    /**
     * A SKETCH model's values in double precision, straight from the formula of {@code CountSketch} (buckets from
     * XXH64 as there, everything after in double): the runtime's float32 values are within rounding of these.
     */
    static double[] referenceSketch(long[] keys, float[] weights, int count, int buckets, long seed) {
        double[] v = new double[buckets];
        for (int j = 0; j < count; j++) {
            long h = io.github.dl4jprojection.runtime.internal.hash.XxHash64.hashLong(keys[j], seed);
            v[(int) Long.remainderUnsigned(h >>> 1, buckets)] += ((h & 1) == 0 ? 1 : -1) * Math.sqrt(weights[j]);
        }
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        for (int b = 0; b < buckets && norm > 0; b++) {
            v[b] /= Math.sqrt(norm);
        }
        return v;
    }

    /** The logits of the dense layers on a first-layer input {@code x}, in double. */
    static double[] referenceDenseLogits(ProjectionModel model, double[] x) {
        double[] out = x;
        for (DenseBlock layer : model.layers()) {
            out = dense(layer, out);
        }
        return out;
    }

    private static double[] dense(DenseBlock layer, double[] x) {
        double[] out = new double[layer.nOut()];
        for (int j = 0; j < layer.nOut(); j++) {
            double z = layer.bias()[j];
            for (int i = 0; i < layer.nIn(); i++) {
                z += x[i] * layer.weight(i, j);
            }
            out[j] = referenceFunction(layer.nonlinearity(), z, layer.alpha());
        }
        return out;
    }

    static double referenceFunction(Nonlinearity f, double z, double alpha) {
        switch (f) {
            case RELU:
                return Math.max(0, z);
            case TANH:
                return Math.tanh(z);
            case SIGMOID:
                return 1 / (1 + Math.exp(-z));
            case LEAKY_RELU:
                return z > 0 ? z : alpha * z;
            case HARD_TANH:
                return Math.max(-1, Math.min(1, z));
            default:
                return z;
        }
    }

    static double[] referenceSoftmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            p[j] = Math.exp(z[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < z.length; j++) {
            p[j] /= sum;
        }
        return p;
    }

    /** Projection bits of a dense input by the reference projection. */
    static long[] bits(ProjectionModel model, float[] x) {
        return LshProjection.forDenseInput(model.projectionSpec(), model.input().nIn()).project(x);
    }
}
