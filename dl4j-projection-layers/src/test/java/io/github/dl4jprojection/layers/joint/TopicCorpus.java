package io.github.dl4jprojection.layers.joint;

import io.github.dl4jprojection.runtime.internal.text.FeatureBag;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The synthetic three-topic corpus of the joint text parity tests (bag and sequence family): words of one topic
 * (sport, food, tech) in several scripts and emoji among noise words, in random case, with ill-formed UTF-8
 * variants; and the trainer's input, a hashed bag of words.
 */
final class TopicCorpus {

    static final String[] LABELS = {"sport", "food", "tech"};
    /** Hash buckets of the trainer's bag of words. */
    static final int BUCKETS = 64;

    private static final String[][] TOPICS = {
            {"goal", "match", "Fußball", "Tor", "мяч", "ΓΚΟΛ", "⚽", "team", "score", "win", "stadium"},
            {"pizza", "pasta", "café", "Crème", "хлеб", "ψωμί", "🍕", "cook", "tasty", "dinner", "soup"},
            {"code", "laptop", "Software", "ПРОГРАММА", "λογισμικό", "💻", "bug", "server", "cloud", "app", "ΚΩΔΙΚΑΣ"}};
    private static final String[] NOISE = {"the", "a", "and", "is", "very", "today", "!", "?", "...", "👍🏽", "и", "και"};
    private static final TextFeaturizer WORDS = new TextFeaturizer(FeaturizerConfig.builder().wordNgramMax(1)
            .maxSkip(0).noCharNgrams().build());

    private TopicCorpus() {
    }

    /** {@code n} words, six in ten of topic {@code topic}, in random case, separated by spaces or punctuation. */
    static String text(Random random, int topic, int n) {
        StringBuilder s = new StringBuilder();
        for (int w = 0; w < n; w++) {
            String word = random.nextInt(10) < 6 ? TOPICS[topic][random.nextInt(TOPICS[topic].length)]
                    : NOISE[random.nextInt(NOISE.length)];
            int caseStyle = random.nextInt(5);
            word = caseStyle == 0 ? word.toUpperCase(Locale.ROOT) : caseStyle == 1 ? word.toLowerCase(Locale.ROOT) : word;
            s.append(w == 0 ? "" : random.nextInt(4) == 0 ? ", " : " ").append(word);
        }
        return s.toString();
    }

    /** {@link #text} as UTF-8. */
    static byte[] utf8(Random random, int topic, int n) {
        return text(random, topic, n).getBytes(StandardCharsets.UTF_8);
    }

    /** Each text with ill-formed bytes spliced in: a stray continuation, an encoded surrogate, F5..FF, a truncation. */
    static List<byte[]> illFormedVariants(List<byte[]> texts) {
        byte[][] junk = {{(byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF5, (byte) 0xFF},
                {(byte) 0xE2, (byte) 0x82}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}};
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            byte[] t = texts.get(i);
            byte[] j = junk[i % junk.length];
            int at = t.length / 2;
            byte[] b = new byte[t.length + j.length];
            System.arraycopy(t, 0, b, 0, at);
            System.arraycopy(j, 0, b, at, j.length);
            System.arraycopy(t, at, b, at + j.length, t.length - at);
            out.add(b);
        }
        return out;
    }

    /** The trainer's input {@code [n, BUCKETS]}: log(1 + count) of word unigrams hashed into {@value #BUCKETS} buckets. */
    static INDArray bagOfWords(List<byte[]> texts) {
        float[][] x = new float[texts.size()][BUCKETS];
        for (int r = 0; r < texts.size(); r++) {
            FeatureBag bag = WORDS.featurize(new String(texts.get(r), StandardCharsets.UTF_8));
            for (int j = 0; j < bag.size(); j++) {
                x[r][(int) Long.remainderUnsigned(bag.key(j), BUCKETS)] += (float) Math.log1p(bag.count(j));
            }
        }
        return Nd4j.create(x);
    }

    /** One-hot rows of {@code labels}. */
    static INDArray oneHot(int[] labels) {
        INDArray y = Nd4j.zeros(labels.length, LABELS.length);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1.0);
        }
        return y;
    }
}
