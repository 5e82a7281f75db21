package io.github.dl4jprojection.benchmarks;

import io.github.dl4jprojection.data.BundledFashionMnistSample;
import io.github.dl4jprojection.data.DataSplit;
import io.github.dl4jprojection.data.ImageDataset;
import io.github.dl4jprojection.data.text.BundledSpamAssassinSample;
import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.layers.BitVectorInputLayer;
import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.pipeline.BagOfWordsTrainer;
import io.github.dl4jprojection.pipeline.ImageTrainer;
import io.github.dl4jprojection.pipeline.TextSettings;
import io.github.dl4jprojection.pipeline.Trainers;
import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.internal.text.FeaturizerScratch;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.internal.text.TextProjection;
import io.github.dl4jprojection.runtime.internal.text.TextProjectionScratch;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Training throughput (examples per second) of a trainer alone and of the joint graph (the same trainer plus
 * the projection branch and the combined loss), on the samples bundled with the examples module. Not JMH: an
 * epoch takes seconds, so each variant runs one warm-up epoch and then {@code epochs} timed epochs, and the
 * median epoch is reported. The target (issue 6) is joint at most 1.3x the trainer-alone epoch time.
 *
 * <ul>
 *   <li>{@code image}: the examples' CNN trainer (conv 5x5x32, pool, conv 5x5x64, pool, dense 1024 with dropout,
 *       softmax 10) on the first {@code n} images of the bundled Fashion-MNIST training sample; the joint graph
 *       adds a {@link ProjectionLayer} of 720 bits (T = 60, d = 12, density 1/4: the example's defaults) and its
 *       softmax, on the same pixels.</li>
 *   <li>{@code text}: the examples' hashed bag-of-words MLP (4,096 buckets of unigram counts, dense 256, dense 256
 *       with dropout, softmax 2) on the bundled SpamAssassin sample; the joint graph adds a
 *       {@link BitVectorInputLayer} of 720 bits fed precomputed {@link TextProjection} bits (featurizer
 *       defaults). The bag and the bits are computed once, before timing, as the example does.</li>
 * </ul>
 * Batch 64, Adam 1e-3, seed 42. Usage: {@code TrainingThroughput [image|text|all] [epochs] [n images]}; the samples
 * are read by the data module's readers from its jar.
 */
public final class TrainingThroughput {

    private static final int BATCH = 64;
    private static final long SEED = 42;
    private static final int BUCKETS = 4096;
    private static final ProjectionSpec BITS = ProjectionSpec.builder().numFunctions(60).bitsPerFunction(12)
            .density(0.25).seed(SEED).build();

    private TrainingThroughput() {
    }

    public static void main(String[] args) throws IOException {
        String task = args.length > 0 ? args[0] : "all";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int images = args.length > 2 ? Integer.parseInt(args[2]) : 2048;
        System.out.println("ND4J threads: OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS")
                + ", available processors " + Runtime.getRuntime().availableProcessors());
        if (task.equals("image") || task.equals("all")) {
            image(epochs, images);
        }
        if (task.equals("text") || task.equals("all")) {
            text(epochs);
        }
    }

    private static void image(int epochs, int n) throws IOException {
        ImageDataset sample = new BundledFashionMnistSample().load(DataSplit.TRAIN, null);
        float[][] pixels = new float[Math.min(n, sample.size())][sample.pixelsPerImage()];
        int[] labels = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            sample.copyPixels(i, pixels[i], 0, 1f);
            labels[i] = sample.label(i);
        }
        List<MultiDataSet> batches = batches(Nd4j.create(pixels), oneHot(labels, 10), null);

        // The command line's CNN (the pipeline's one definition), alone and as the trainer of the joint graph.
        ImageTrainer cnn = Trainers.image("cnn");
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(SEED)
                .updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("pixels").setInputTypes(InputType.convolutionalFlat(28, 28, 1))
                .addVertex(ImageTrainer.SCALED, new ScaleVertex(1.0 / 255), "pixels");
        ComputationGraph alone = new ComputationGraph(withOutput(g, ImageTrainer.SCALED, cnn.layers(28, 28, 10), 10));
        alone.init();

        JointProjectionModel.Builder builder = new JointProjectionModel.Builder()
                .trainerInputType(InputType.convolutionalFlat(28, 28, 1))
                .nClasses(10)
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(BITS.numFunctions())
                        .bitsPerFunction(BITS.bitsPerFunction()).density(BITS.density()).seed(SEED).build())
                .updater(new Adam(1e-3))
                .seed(SEED);
        cnn.addTo(builder, 28, 28, 10, 255);
        JointProjectionModel joint = builder.build();

        report("image CNN, " + pixels.length + " images", pixels.length, epochs,
                iterator -> alone.fit(iterator), iterator -> joint.fit(iterator, 1), batches);
    }

    private static void text(int epochs) throws IOException {
        List<String> texts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (LabeledText t : new BundledSpamAssassinSample().texts()) {
            names.add(t.label());
            texts.add(t.text());
        }
        TextFeaturizer unigrams = new TextFeaturizer(FeaturizerConfig.builder().wordNgramMax(1).maxSkip(0)
                .noCharNgrams().build());
        FeaturizerScratch scratch = unigrams.newScratch();
        TextProjection projection = new TextProjection(FeaturizerConfig.defaults(), BITS);
        TextProjectionScratch projectionScratch = projection.newScratch();
        float[][] bags = new float[texts.size()][BUCKETS];
        float[][] bits = new float[texts.size()][BITS.numBits()];
        int[] labels = new int[texts.size()];
        long[] packed = new long[BITS.numWords()];
        for (int i = 0; i < texts.size(); i++) {
            int n = unigrams.featurize(texts.get(i), scratch);
            for (int j = 0; j < n; j++) {
                bags[i][(int) Long.remainderUnsigned(scratch.keys()[j], BUCKETS)] += scratch.counts()[j];
            }
            projection.project(texts.get(i), projectionScratch, packed);
            PackedBits.unpack(packed, BITS.numBits(), BitEncoding.ZERO_ONE, bits[i], 0);
            labels[i] = names.get(i).equals("spam") ? 1 : 0;
        }
        INDArray labelArray = oneHot(labels, 2);
        List<MultiDataSet> aloneBatches = batches(Nd4j.create(bags), labelArray, null);
        List<MultiDataSet> jointBatches = batches(Nd4j.create(bags), labelArray, Nd4j.create(bits));

        // The command line's text MLP, alone and as the trainer of the joint graph.
        BagOfWordsTrainer mlp = new BagOfWordsTrainer();
        ComputationGraph alone = new ComputationGraph(withOutput(new NeuralNetConfiguration.Builder().seed(SEED)
                .updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("bag").setInputTypes(InputType.feedForward(BUCKETS)), "bag", mlp.layers(), 2));
        alone.init();
        JointProjectionModel.Builder jointBuilder = new JointProjectionModel.Builder()
                .trainerInputType(InputType.feedForward(BUCKETS))
                .nClasses(2)
                .bitVectorInput(new BitVectorInputLayer.Builder().spec(BITS).build())
                .updater(new Adam(1e-3))
                .seed(SEED);
        mlp.addTo(jointBuilder, TextSettings.defaults());
        JointProjectionModel joint = jointBuilder.build();

        report("text MLP, " + texts.size() + " texts", texts.size(), epochs,
                iterator -> alone.fit(iterator), iterator -> joint.fit(iterator, 1),
                aloneBatches, jointBatches);
    }

    private static void report(String name, int examples, int epochs, Consumer<MultiDataSetIterator> alone,
                               Consumer<MultiDataSetIterator> joint, List<MultiDataSet> batches) {
        report(name, examples, epochs, alone, joint, batches, batches);
    }

    /** Warm-up epoch each, then alternating timed epochs (so load changes hit both alike); medians. */
    private static void report(String name, int examples, int epochs, Consumer<MultiDataSetIterator> alone,
                               Consumer<MultiDataSetIterator> joint, List<MultiDataSet> aloneBatches,
                               List<MultiDataSet> jointBatches) {
        alone.accept(new Batches(aloneBatches));
        joint.accept(new Batches(jointBatches));
        double[] a = new double[epochs];
        double[] j = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            a[e] = seconds(alone, aloneBatches);
            j[e] = seconds(joint, jointBatches);
        }
        double ma = median(a);
        double mj = median(j);
        System.out.printf("%s: trainer alone %.2f s/epoch (%.0f examples/s, epochs %s), joint %.2f s/epoch "
                        + "(%.0f examples/s, epochs %s), joint / alone = %.2f%n", name, ma, examples / ma,
                Arrays.toString(round(a)), mj, examples / mj, Arrays.toString(round(j)), mj / ma);
    }

    private static double seconds(Consumer<MultiDataSetIterator> fit, List<MultiDataSet> batches) {
        long t0 = System.nanoTime();
        fit.accept(new Batches(batches));
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double[] round(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.round(v[i] * 100) / 100.0;
        }
        return r;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** {@code layers} in a chain from {@code input}, then a softmax output of {@code classes}. */
    private static ComputationGraphConfiguration withOutput(ComputationGraphConfiguration.GraphBuilder g, String input,
                                                            List<Layer> layers, int classes) {
        String previous = input;
        for (Layer layer : layers) {
            g.addLayer(layer.getLayerName(), layer, previous);
            previous = layer.getLayerName();
        }
        return g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                        .activation(Activation.SOFTMAX).build(), previous)
                .setOutputs("out").build();
    }

    private static INDArray oneHot(int[] labels, int classes) {
        float[][] y = new float[labels.length][classes];
        for (int i = 0; i < labels.length; i++) {
            y[i][labels[i]] = 1f;
        }
        return Nd4j.create(y);
    }

    /** Batches of {@link #BATCH}: features {@code [x]} or {@code [x, bits]}, labels {@code [y]}. */
    private static List<MultiDataSet> batches(INDArray x, INDArray y, INDArray bits) {
        List<MultiDataSet> out = new ArrayList<>();
        long n = x.size(0);
        for (long from = 0; from < n; from += BATCH) {
            long to = Math.min(n, from + BATCH);
            INDArray[] features = bits == null
                    ? new INDArray[] {rows(x, from, to)}
                    : new INDArray[] {rows(x, from, to), rows(bits, from, to)};
            out.add(new org.nd4j.linalg.dataset.MultiDataSet(features, new INDArray[] {rows(y, from, to)}));
        }
        return out;
    }

    private static INDArray rows(INDArray a, long from, long to) {
        return a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
    }

    /** A resettable iterator over precomputed batches. */
    private static final class Batches implements MultiDataSetIterator {
        private final List<MultiDataSet> batches;
        private int next;
        private MultiDataSetPreProcessor preProcessor;

        Batches(List<MultiDataSet> batches) {
            this.batches = batches;
        }

        @Override
        public MultiDataSet next(int num) {
            return next();
        }

        @Override
        public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
            this.preProcessor = preProcessor;
        }

        @Override
        public MultiDataSetPreProcessor getPreProcessor() {
            return preProcessor;
        }

        @Override
        public boolean resetSupported() {
            return true;
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public void reset() {
            next = 0;
        }

        @Override
        public boolean hasNext() {
            return next < batches.size();
        }

        @Override
        public MultiDataSet next() {
            MultiDataSet ds = batches.get(next++);
            if (preProcessor != null) {
                preProcessor.preProcess(ds);
            }
            return ds;
        }
    }
}
