package io.github.dl4jprojection.benchmarks;

import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.internal.text.FeaturizerScratch;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.model.WeightType;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * The runtime benchmarks' operations timed by the calling thread's CPU time ({@link ThreadMXBean}) rather
 * than wall-clock time: on a shared machine whose load exceeds its cores, JMH's wall-clock scores include
 * the time the benchmark thread waited for a core, while CPU time counts only the time it ran (it still
 * includes slow-downs from sharing caches). Each operation runs as in its JMH benchmark (same setup, same
 * method); 5 warm-up rounds and 11 measured rounds of about 0.1 s each; the median and the minimum per
 * call over the rounds are printed in microseconds.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.github.dl4jprojection.benchmarks.CpuTime [text|textparts|image|layer]}
 * (all four without an argument). {@code textparts} splits a text prediction of C1 and C2 into its stages.
 */
public final class CpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static int sink;

    private CpuTime() {
    }

    public static void main(String[] args) {
        String only = args.length > 0 ? args[0] : "";
        if (only.isEmpty() || only.equals("text")) {
            text();
        }
        if (only.isEmpty() || only.equals("textparts")) {
            textParts(TextPredictBenchmark.TextConfig.C1);
            textParts(TextPredictBenchmark.TextConfig.C2);
        }
        if (only.isEmpty() || only.equals("image")) {
            image();
        }
        if (only.isEmpty() || only.equals("layer")) {
            for (int bits : new int[] {256, 512, 1024}) {
                firstLayerPotential(bits);
            }
        }
        System.out.println(sink == 42 ? "" : "done");
    }

    private static void text() {
        for (TextPredictBenchmark.TextConfig config : TextPredictBenchmark.TextConfig.values()) {
            for (WeightType weights : WeightType.values()) {
                TextPredictBenchmark b = new TextPredictBenchmark();
                b.config = config;
                b.weights = weights;
                b.setUp();
                time("TextPredict " + config + " " + weights, b::predict);
            }
            if (config != TextPredictBenchmark.TextConfig.OLD1024) {
                TextFeaturizeBenchmark f = new TextFeaturizeBenchmark();
                f.config = config;
                f.setUp();
                time("TextFeaturize " + config + " (" + f.featurize() + " features)", f::featurize);
            }
        }
    }

    /**
     * The stages of one text prediction on the benchmark message, each timed alone: the featurizer; the
     * entries of every feature (one XXH64 and {@code ceil(B / 64) * (k + 1)} SplitMix64 outputs each, through
     * {@link LshProjection#entryMasks}); the whole feature projection (entries, accumulation, threshold) as
     * the predictor runs it. Predict minus featurize minus projection is the dense part; projection minus
     * entries is the accumulation.
     */
    private static void textParts(TextPredictBenchmark.TextConfig config) {
        String message = SyntheticText.generate(TextPredictBenchmark.MESSAGE_CHARS, RandomModels.SEED);
        TextFeaturizer featurizer = new TextFeaturizer(config.featurizer);
        FeaturizerScratch scratch = featurizer.newScratch();
        int n = featurizer.featurize(message, scratch);
        long[] keys = Arrays.copyOf(scratch.keys(), n);
        float[] weights = new float[n];
        TextFeaturizer.weights(config.featurizer.weighting(), scratch.counts(), n, weights);
        ProjectionSpec spec = config.spec();
        LshProjection projection = LshProjection.forFeatures(spec);
        float[] acc = new float[spec.numBits()];
        long[] masks = new long[LshProjection.featureScratchLength(spec)];
        long[] bits = new long[spec.numWords()];
        time("TextParts " + config + " featurize", () -> featurizer.featurize(message, scratch));
        time("TextParts " + config + " entries (" + n + ")", () -> {
            long x = 0;
            for (int j = 0; j < n; j++) {
                LshProjection.entryMasks(spec, keys[j], masks);
                x += masks[1];
            }
            return (int) x;
        });
        time("TextParts " + config + " projectFeatures", () -> {
            projection.projectFeatures(keys, weights, n, acc, masks, bits);
            return (int) bits[0];
        });
    }

    private static void image() {
        for (int bits : new int[] {256, 512, 1024}) {
            for (double density : new double[] {1, 0.25, 0.0625}) {
                for (WeightType weights : WeightType.values()) {
                    ImagePredictBenchmark b = new ImagePredictBenchmark();
                    b.bits = bits;
                    b.density = density;
                    b.weights = weights;
                    b.setUp();
                    time("ImagePredict " + bits + " " + density + " " + weights, b::predict);
                }
            }
        }
    }

    /**
     * The potential of a shortcut the runtime does not take because it changes the float32 order: the first
     * dense layer over +-1 bits as {@code 2 * (sum of the rows of set bits) - (sum of all rows)} (half the
     * rows, the second sum precomputed) against the reference loop over all rows, on {@code bits} random bits
     * and {@value RandomModels#HIDDEN} outputs.
     */
    private static void firstLayerPotential(int bits) {
        java.util.Random random = new java.util.Random(RandomModels.SEED);
        int n = RandomModels.HIDDEN;
        float[] w = new float[bits * n];
        float[] allRows = new float[n];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
            allRows[i % n] += w[i];
        }
        float[][] inputs = new float[64][bits];
        for (float[] x : inputs) {
            for (int i = 0; i < bits; i++) {
                x[i] = random.nextBoolean() ? 1f : -1f;
            }
        }
        float[] out = new float[n];
        int[] next = {0};
        time("FirstLayer reference " + bits + "x" + n, () -> {
            float[] x = inputs[next[0]++ & 63];
            Arrays.fill(out, 0f);
            for (int i = 0; i < bits; i++) {
                float v = x[i];
                int row = i * n;
                for (int j = 0; j < n; j++) {
                    out[j] += v * w[row + j];
                }
            }
            return Float.floatToRawIntBits(out[0]);
        });
        time("FirstLayer 2*set-all " + bits + "x" + n, () -> {
            float[] x = inputs[next[0]++ & 63];
            Arrays.fill(out, 0f);
            for (int i = 0; i < bits; i++) {
                if (x[i] > 0f) {
                    int row = i * n;
                    for (int j = 0; j < n; j++) {
                        out[j] += w[row + j];
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                out[j] = 2 * out[j] - allRows[j];
            }
            return Float.floatToRawIntBits(out[0]);
        });
    }

    private static void time(String name, IntSupplier op) {
        int calls = 1;
        long t0 = THREADS.getCurrentThreadCpuTime();
        while (THREADS.getCurrentThreadCpuTime() - t0 < 100_000_000L) {
            for (int i = 0; i < calls; i++) {
                sink += op.getAsInt();
            }
            calls *= 2;
        }
        calls = Math.max(1, calls / 2);
        double[] us = new double[11];
        for (int r = -5; r < us.length; r++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                sink += op.getAsInt();
            }
            if (r >= 0) {
                us[r] = (THREADS.getCurrentThreadCpuTime() - start) / 1e3 / calls;
            }
        }
        Arrays.sort(us);
        System.out.printf("%-40s median %9.2f us  min %9.2f us  (11 rounds of %d calls, thread CPU time)%n", name,
                us[us.length / 2], us[0], calls);
    }
}
