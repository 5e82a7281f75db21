package io.github.dl4jprojection.benchmarks.text;

import io.github.dl4jprojection.data.Shuffles;
import io.github.dl4jprojection.data.text.FortunesCorpus;
import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.data.text.SpamAssassinCorpus;
import io.github.dl4jprojection.data.text.TrainTestTexts;
import io.github.dl4jprojection.pipeline.HashedBagOfWords;
import io.github.dl4jprojection.runtime.internal.hash.SplitMix64;
import io.github.dl4jprojection.runtime.internal.hash.XxHash64;
import io.github.dl4jprojection.runtime.internal.text.FeatureBag;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Which input a linear softmax layer learns best from, for the same number of inputs {@code B} (so the same bytes):
 * the trainer's hashed bag of words (word unigrams and bigrams, {@code log(1 + count)}, {@link HashedBagOfWords}),
 * or a signed hash of the projection featurizer's features into {@code B} buckets with a weight per feature and an
 * optional unit L2 norm. One variant, {@code sketch:sqrt:l2:default:1}, is the SKETCH family's {@code CountSketch}
 * formula (the same buckets and signs; the norm here is summed in double, so values may differ in the last bit).
 *
 * <p>Variants: {@code bow}, {@code bow:l2}, and {@code sketch:W:N:F:P} with weight {@code W} (count, sqrt, log,
 * binary: {@code c}, {@code sqrt(c)}, {@code log(1 + c)}, 1), norm {@code N} (none, l2), features {@code F} (default:
 * the featurizer's defaults; words: word unigrams and bigrams only) and {@code P} buckets per feature (1 or more; the
 * first is {@code CountSketch}'s with seed 42, the others from {@code SplitMix64.output(h, p)}). Each is trained for
 * {@code --epochs} epochs (Adam at {@code --learning-rate}, minibatches of 32 in {@code Shuffles} order) for every seed
 * and scored on the whole test split. One CSV row per (variant, B, seed): {@code task,variant,buckets,seed,accuracy}.
 *
 * <p>Usage: {@code SketchVariantStudy --task spam|fortunes --data PATH --buckets 256,1024 --variants V1,V2
 * [--seeds 42,1,2] [--epochs 10] [--learning-rate 0.01] --out FILE.csv}.
 */
public final class SketchVariantStudy {

    private static final int BATCH = 32;

    private SketchVariantStudy() {
    }

    private static final List<String> OPTIONS = java.util.Arrays.asList("--task", "--data", "--buckets", "--variants",
            "--seeds", "--epochs", "--learning-rate", "--out");

    public static void main(String[] args) throws IOException {
        java.util.Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i]) || i + 1 == args.length) {
                usage("unknown option or missing value: " + args[i]);
            }
            o.put(args[i], args[i + 1]);
        }
        for (String required : new String[] {"--buckets", "--variants", "--out"}) {
            if (!o.containsKey(required)) {
                usage(required + " is required");
            }
        }
        for (String variant : o.get("--variants").split(",")) {
            if (!variant.matches("bow|bow:l2|sketch:(count|sqrt|log|binary):(none|l2):(default|words):[1-9]")) {
                usage("unknown variant " + variant);
            }
        }
        if (!"fortunes".equals(o.get("--task")) && !o.containsKey("--data")) {
            usage("--data (the SpamAssassin tarball) is required for --task spam");
        }
        String task = o.getOrDefault("--task", "spam");
        TrainTestTexts data = task.equals("fortunes")
                ? new FortunesCorpus(Paths.get(o.getOrDefault("--data", FortunesCorpus.DEFAULT_DIR))).load()
                : SpamAssassinCorpus.fromTarball(Paths.get(o.get("--data"))).load();
        int epochs = Integer.parseInt(o.getOrDefault("--epochs", "10"));
        double rate = Double.parseDouble(o.getOrDefault("--learning-rate", "0.01"));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Paths.get(o.get("--out")),
                StandardCharsets.UTF_8))) {
            out.println("task,variant,buckets,seed,accuracy");
            for (String b : o.get("--buckets").split(",")) {
                int buckets = Integer.parseInt(b);
                for (String variant : o.get("--variants").split(",")) {
                    List<float[]> train = encode(variant, buckets, data.train());
                    List<float[]> test = encode(variant, buckets, data.test());
                    for (String s : o.getOrDefault("--seeds", "42,1,2").split(",")) {
                        double accuracy = trainAndScore(data, train, test, buckets, Long.parseLong(s), epochs, rate);
                        String row = String.format(Locale.ROOT, "%s,%s,%d,%s,%.4f", task, variant, buckets, s,
                                100 * accuracy);
                        out.println(row);
                        out.flush();
                        System.out.println(row);
                    }
                }
            }
        }
    }

    private static void usage(String problem) {
        System.err.println("SketchVariantStudy: " + problem + "; usage: --task spam|fortunes --data PATH --buckets"
                + " B,... --variants V,... [--seeds S,...] [--epochs N] [--learning-rate R] --out FILE.csv");
        System.exit(2);
    }

    /** Every text's input row for the variant. */
    static List<float[]> encode(String variant, int buckets, List<LabeledText> texts) {
        String[] p = variant.split(":");
        List<float[]> rows = new ArrayList<>(texts.size());
        boolean l2 = variant.equals("bow:l2") || p.length > 2 && p[2].equals("l2");
        HashedBagOfWords bow = p[0].equals("bow") ? new HashedBagOfWords(
                new TextFeaturizer(FeaturizerConfig.defaults()), buckets) : null;
        TextFeaturizer featurizer = bow != null ? null : new TextFeaturizer(p[3].equals("words")
                ? FeaturizerConfig.builder().maxSkip(0).noCharNgrams().build() : FeaturizerConfig.defaults());
        for (LabeledText text : texts) {
            float[] x = new float[buckets];
            if (bow != null) {
                bow.encode(text.text()).addTo(x);
            } else {
                FeatureBag bag = featurizer.featurize(text.text());
                for (int j = 0; j < bag.size(); j++) {
                    int c = bag.count(j);
                    float w = p[1].equals("count") ? c : p[1].equals("sqrt") ? (float) Math.sqrt(c)
                            : p[1].equals("log") ? (float) Math.log1p(c) : 1f;
                    long h = XxHash64.hashLong(bag.key(j), 42L);
                    for (int probe = 0; probe < Integer.parseInt(p[4]); probe++) {
                        long z = probe == 0 ? h : SplitMix64.output(h, probe);
                        x[(int) ((z >>> 1) % buckets)] += (z & 1) == 0 ? w : -w;
                    }
                }
            }
            if (l2) {
                double sum = 0;
                for (float v : x) {
                    sum += v * v;
                }
                for (int b = 0; b < buckets && sum > 0; b++) {
                    x[b] /= (float) Math.sqrt(sum);
                }
            }
            rows.add(x);
        }
        return rows;
    }

    private static double trainAndScore(TrainTestTexts data, List<float[]> train, List<float[]> test, int buckets,
                                        long seed, int epochs, double rate) {
        int classes = data.labelNames().size();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).updater(new Adam(rate)).weightInit(WeightInit.XAVIER).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(buckets).nOut(classes)
                        .activation(Activation.SOFTMAX).build()).build());
        net.init();
        int n = train.size();
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = Shuffles.permutation(n, SplitMix64.output(seed, epoch));
            for (int from = 0; from < n; from += BATCH) {
                int to = Math.min(n, from + BATCH);
                float[][] x = new float[to - from][];
                INDArray y = Nd4j.zeros(DataType.FLOAT, to - from, classes);
                for (int r = from; r < to; r++) {
                    x[r - from] = train.get(order[r]);
                    y.putScalar(r - from, data.labelIndex(data.train().get(order[r])), 1f);
                }
                net.fit(new DataSet(Nd4j.create(x), y));
            }
        }
        int correct = 0;
        for (int from = 0; from < test.size(); from += 256) {
            int to = Math.min(test.size(), from + 256);
            INDArray predicted = net.output(Nd4j.create(test.subList(from, to).toArray(new float[0][]))).argMax(1);
            for (int r = from; r < to; r++) {
                correct += predicted.getInt(r - from) == data.labelIndex(data.test().get(r)) ? 1 : 0;
            }
        }
        return correct / (double) test.size();
    }
}
