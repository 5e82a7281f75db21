package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.layers.BitLayer;
import io.github.dl4jprojection.layers.DistillationOutputLayer;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.ProvenanceKeys;
import io.github.dl4jprojection.runtime.model.WeightType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * One student of the study: an MLP or a projection network, in a DL4J graph whose loss is the ProjectionNet
 * loss without the trainer term.
 * <pre>
 *   x [mb, nIn] -&gt; (projection | bit-vector input, T*d bits) -&gt; hidden (ReLU, optional) -&gt; logits (identity, K)
 *   [logits | teacher [mb, K]] -&gt; merge -&gt; DistillationOutputLayer:
 *       loss = l2 * tau^2 * CE(softmax(teacher/tau), softmax(logits/tau)) + l3 * CE(y, softmax(logits))
 * </pre>
 * {@code teacher} holds the trainer's log-probabilities, computed once with the trained trainer: that is what a
 * frozen trainer inside the joint graph would give at every step (dropout off), without running it again. The
 * students trained alone have {@code l2 = 0}. Every student: Xavier initialization (ReLU init for hidden
 * layers), Adam with the configuration's learning rate, the same seed, and minibatches in the same seeded order.
 */
final class StudentNetwork {

    static final String INPUT = "x";
    static final String TEACHER = "teacher";
    static final String PROJECTION = "projection";
    static final String LOGITS = "logits";
    static final String OUTPUT = "output";
    private static final int EVAL_BATCH = 1000;

    private final ComputationGraph graph;
    private final List<String> denseNames;
    private final int numClasses;
    private final boolean projection;

    private StudentNetwork(ComputationGraph graph, List<String> denseNames, int numClasses, boolean projection) {
        this.graph = graph;
        this.denseNames = denseNames;
        this.numClasses = numClasses;
        this.projection = projection;
    }

    /**
     * @param input    the features; with a bit layer the student is a projection network
     * @param hidden   hidden width, 0 for none
     * @param distilled whether the student learns from the trainer too (l2 of the settings; else l2 = 0)
     * @param settings  l2, l3, tau, Adam's learning rate and the seed
     */
    static StudentNetwork create(StudentInput input, int hidden, int numClasses, boolean distilled,
                                 StudySettings settings) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(settings.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(settings.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs(INPUT, TEACHER)
                .setInputTypes(InputType.feedForward(input.width()), InputType.feedForward(numClasses));
        String previous = INPUT;
        BitLayer bits = input.bitLayer();
        if (bits != null) {
            g.addLayer(PROJECTION, bits.clone(), INPUT);
            previous = PROJECTION;
        }
        List<String> dense = new ArrayList<>();
        if (hidden > 0) {
            g.addLayer("hidden", new DenseLayer.Builder().nOut(hidden).activation(Activation.RELU)
                    .weightInit(WeightInit.RELU).build(), previous);
            dense.add("hidden");
            previous = "hidden";
        }
        g.addLayer(LOGITS, new DenseLayer.Builder().nOut(numClasses).activation(Activation.IDENTITY).build(), previous);
        dense.add(LOGITS);
        g.addVertex("merge", new MergeVertex(), LOGITS, TEACHER);
        g.addLayer(OUTPUT, new DistillationOutputLayer.Builder().nClasses(numClasses)
                .lambdaDistill(distilled ? settings.lambdaDistill() : 0).lambdaLabels(settings.lambdaLabels())
                .temperature(settings.temperature()).build(), "merge");
        g.setOutputs(OUTPUT);
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return new StudentNetwork(graph, dense, numClasses, bits != null);
    }

    /**
     * Trains on {@code x} with the given teacher log-probabilities (ignored when l2 = 0) and one-hot labels.
     *
     * @param seed shuffles the minibatches of each epoch: {@code permutation(n, seed + epoch)}
     */
    void fit(INDArray x, INDArray teacher, INDArray labels, int epochs, int batchSize, long seed) {
        int n = (int) x.rows();
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = permutation(n, seed + epoch);
            for (int from = 0; from < n; from += batchSize) {
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + batchSize));
                graph.fit(new MultiDataSet(new INDArray[] {x.getRows(rows), teacher.getRows(rows)},
                        new INDArray[] {labels.getRows(rows)}));
            }
        }
    }

    /** A random order of {@code 0..n-1}, a function of {@code seed} only (Fisher-Yates over {@link Random}). */
    static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** The predicted class of each row of {@code x}. */
    int[] predict(INDArray x) {
        int n = (int) x.rows();
        int[] predicted = new int[n];
        for (int from = 0; from < n; from += EVAL_BATCH) {
            int to = Math.min(n, from + EVAL_BATCH);
            INDArray batch = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            INDArray p = graph.output(false, batch, Nd4j.zeros(DataType.FLOAT, to - from, numClasses))[0];
            INDArray argmax = p.argMax(1);
            for (int r = from; r < to; r++) {
                predicted[r] = argmax.getInt(r - from);
            }
        }
        return predicted;
    }

    /** Parameters of the dense layers (the projection has none). */
    long numParams() {
        return graph.numParams();
    }

    /**
     * The projection network as a runtime model (float32 weights).
     *
     * @throws IllegalStateException for an MLP student, which the format cannot hold
     */
    ProjectionModel export(StudentInput input, List<String> labels, String trainingData) {
        if (!projection) {
            throw new IllegalStateException("only a projection network can be exported to the .pnet format");
        }
        return ProjectionNetExporter.from(graph)
                .projection(PROJECTION)
                .denseLayers(denseNames.toArray(new String[0]))
                .labels(labels)
                .weights(WeightType.FLOAT32)
                .input(input.exportInput())
                .provenance(ProvenanceKeys.TRAINING_DATA, trainingData)
                .export();
    }

    /** Share of {@code predicted} equal to {@code labels}. */
    static double accuracy(int[] predicted, int[] labels) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return labels.length == 0 ? Double.NaN : (double) correct / labels.length;
    }
}
