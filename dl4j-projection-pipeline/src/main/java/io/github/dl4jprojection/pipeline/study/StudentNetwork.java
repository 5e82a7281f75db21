package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.layers.BitLayer;
import io.github.dl4jprojection.layers.DistillationOutputLayer;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.ProvenanceKeys;
import io.github.dl4jprojection.runtime.model.WeightType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * One student of the study: an MLP, a projection network, a sketch network (a {@code SketchInputLayer} on
 * count-sketch values, exported as a SKETCH model) or a small CNN ({@link #cnn}), in a DL4J graph whose loss is the
 * ProjectionNet loss without the trainer term.
 * <pre>
 *   x [mb, nIn] -&gt; (projection | bit-vector input, T*d bits | sketch input, B values)
 *       -&gt; hidden (ReLU, optional) -&gt; logits (identity, K)
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
    static final String HIDDEN = "hidden";
    static final String CONV = "conv";
    static final String POOL = "pool";
    private static final int EVAL_BATCH = 1000;

    private final ComputationGraph graph;
    private final List<String> denseNames;
    private final int numClasses;
    private final boolean projection;
    /** The CNN's shape, null for the other students. */
    private final CnnShape cnn;

    private StudentNetwork(ComputationGraph graph, List<String> denseNames, int numClasses, boolean projection,
                           CnnShape cnn) {
        this.graph = graph;
        this.cnn = cnn;
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
        ComputationGraphConfiguration.GraphBuilder g = start(settings, InputType.feedForward(input.width()),
                numClasses);
        String previous = INPUT;
        BitLayer bits = input.bitLayer();
        if (bits != null) {
            g.addLayer(PROJECTION, bits.clone(), INPUT);
            previous = PROJECTION;
        }
        List<String> dense = new ArrayList<>();
        if (hidden > 0) {
            g.addLayer(HIDDEN, new DenseLayer.Builder().nOut(hidden).activation(Activation.RELU)
                    .weightInit(WeightInit.RELU).build(), previous);
            dense.add(HIDDEN);
            previous = HIDDEN;
        }
        dense.add(LOGITS);
        return finish(g, previous, dense, numClasses, distilled, settings, bits != null, null);
    }

    /**
     * The small CNN of {@code shape} on pixels flattened row-major ({@code [mb, H*W]}), trained on the labels
     * only or distilled as {@link #create}.
     */
    static StudentNetwork cnn(CnnShape shape, boolean distilled, StudySettings settings) {
        ComputationGraphConfiguration.GraphBuilder g = start(settings,
                InputType.convolutionalFlat(shape.height(), shape.width(), 1), shape.numClasses());
        g.addLayer(CONV, new ConvolutionLayer.Builder(CnnShape.KERNEL, CnnShape.KERNEL).stride(1, 1)
                .convolutionMode(ConvolutionMode.Same).nOut(shape.channels()).activation(Activation.RELU)
                .weightInit(WeightInit.RELU).build(), INPUT);
        g.addLayer(POOL, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(shape.pool(), shape.pool()).stride(shape.pool(), shape.pool())
                .convolutionMode(ConvolutionMode.Truncate).build(), CONV);
        List<String> dense = new ArrayList<>();
        dense.add(LOGITS);
        return finish(g, POOL, dense, shape.numClasses(), distilled, settings, false, shape);
    }

    private static ComputationGraphConfiguration.GraphBuilder start(StudySettings settings, InputType x,
                                                                    int numClasses) {
        return new NeuralNetConfiguration.Builder()
                .seed(settings.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(settings.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs(INPUT, TEACHER)
                .setInputTypes(x, InputType.feedForward(numClasses));
    }

    private static StudentNetwork finish(ComputationGraphConfiguration.GraphBuilder g, String previous,
                                         List<String> dense, int numClasses, boolean distilled,
                                         StudySettings settings, boolean projection, CnnShape cnn) {
        g.addLayer(LOGITS, new DenseLayer.Builder().nOut(numClasses).activation(Activation.IDENTITY).build(), previous);
        g.addVertex("merge", new MergeVertex(), LOGITS, TEACHER);
        g.addLayer(OUTPUT, new DistillationOutputLayer.Builder().nClasses(numClasses)
                .lambdaDistill(distilled ? settings.lambdaDistill() : 0).lambdaLabels(settings.lambdaLabels())
                .temperature(settings.temperature()).build(), "merge");
        g.setOutputs(OUTPUT);
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return new StudentNetwork(graph, dense, numClasses, projection, cnn);
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
     * The MLP in plain Java with float32 weights or their int8 form.
     *
     * @throws IllegalStateException for a projection network or a CNN
     */
    MlpForward mlpForward(boolean int8) {
        if (projection || cnn != null) {
            throw new IllegalStateException("only an MLP student runs as an MlpForward");
        }
        List<DenseBlock> blocks = new ArrayList<>();
        for (String name : denseNames) {
            blocks.add(denseBlock(name, name.equals(LOGITS) ? Nonlinearity.IDENTITY : Nonlinearity.RELU));
        }
        return new MlpForward(blocks, int8);
    }

    /**
     * The CNN in plain Java with float32 weights or their int8 form: DL4J's convolution weights
     * {@code [C, 1, 3, 3]} become the 9-input block {@code [ky * 3 + kx][c]}.
     *
     * @throws IllegalStateException for a student that is not a CNN
     */
    CnnForward cnnForward(boolean int8) {
        if (cnn == null) {
            throw new IllegalStateException("only a CNN student runs as a CnnForward");
        }
        INDArray w = graph.getLayer(CONV).getParam("W");
        INDArray b = graph.getLayer(CONV).getParam("b");
        int taps = CnnShape.KERNEL * CnnShape.KERNEL;
        int c = cnn.channels();
        float[] weights = new float[taps * c];
        float[] bias = new float[c];
        for (int ch = 0; ch < c; ch++) {
            for (int ky = 0; ky < CnnShape.KERNEL; ky++) {
                for (int kx = 0; kx < CnnShape.KERNEL; kx++) {
                    weights[(ky * CnnShape.KERNEL + kx) * c + ch] = w.getFloat(ch, 0, ky, kx);
                }
            }
            bias[ch] = b.getFloat(ch);
        }
        return new CnnForward(cnn, DenseBlock.float32(taps, c, weights, bias, Nonlinearity.RELU),
                denseBlock(LOGITS, Nonlinearity.IDENTITY), int8);
    }

    /** A dense layer of the graph as a float32 runtime block ({@code W [nIn, nOut]} row-major). */
    private DenseBlock denseBlock(String name, Nonlinearity f) {
        INDArray w = graph.getLayer(name).getParam("W");
        INDArray b = graph.getLayer(name).getParam("b");
        int nIn = (int) w.rows();
        int nOut = (int) w.columns();
        float[] weights = new float[nIn * nOut];
        for (int i = 0; i < nIn; i++) {
            for (int j = 0; j < nOut; j++) {
                weights[i * nOut + j] = w.getFloat(i, j);
            }
        }
        return DenseBlock.float32(nIn, nOut, weights, b.toFloatVector(), f);
    }

    /**
     * The projection network (a sketch network is one: its bit layer is a {@code SketchInputLayer}, which the exporter
     * writes as a SKETCH model) as a runtime model.
     *
     * @param weights FLOAT32 or INT8 (the exporter's per-output quantization)
     * @throws IllegalStateException for an MLP student, which the format cannot hold
     */
    ProjectionModel export(StudentInput input, List<String> labels, String trainingData, WeightType weights) {
        if (!projection) {
            throw new IllegalStateException("only a projection or sketch network can be exported to the .pnet format");
        }
        return ProjectionNetExporter.from(graph)
                .projection(PROJECTION)
                .denseLayers(denseNames.toArray(new String[0]))
                .labels(labels)
                .weights(weights)
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
