package io.github.dl4jprojection.layers.joint;

import io.github.dl4jprojection.layers.BitLayer;
import io.github.dl4jprojection.layers.BitVectorInputLayer;
import io.github.dl4jprojection.layers.DistillationOutputLayer;
import io.github.dl4jprojection.layers.PatchProjectionLayer;
import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.SketchInputLayer;
import io.github.dl4jprojection.layers.TokenBitsInputLayer;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.layers.qat.QuantizationAwareTraining;
import io.github.dl4jprojection.runtime.model.ConvStage;
import io.github.dl4jprojection.runtime.model.PatchEncoder;
import io.github.dl4jprojection.runtime.model.SequenceEncoder;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A trainer network and a projection network trained jointly in one DL4J {@link ComputationGraph}
 * (ProjectionNet: Ravi, "Efficient On-Device Models using Neural Projections", ICML 2019; arXiv 1708.00630).
 *
 * <h2>Graph</h2>
 * <pre>
 *   input [mb, n] -&gt; trainer body -&gt; trainer_logits (identity, K) -&gt; trainer_output: softmax, loss l1 * CE(y, p_t)
 *   input (or a second input "bits" [mb, T*d]) -&gt; projection (ProjectionLayer or BitVectorInputLayer, T*d bits)
 *       -&gt; projection_hidden_0 .. projection_hidden_{h-1} -&gt; projection_logits (identity, K)
 *   [projection_logits | trainer_logits] -&gt; distillation_merge -&gt; projection_output ({@link DistillationOutputLayer})
 * </pre>
 * A sequence projection ({@link Builder#tokenBitsInput} with {@link Builder#sequenceEncoder}) takes per-token bits
 * {@code "bits" [mb, B, L]} with a token mask {@code [mb, L]} and puts a token encoder between them and the hidden
 * layers: {@code projection_bottleneck} (dense, D, shared by the tokens), {@code projection_bottleneck_mask}
 * (padding set to 0), {@code projection_conv} (1-D convolution of width k over the tokens, C channels, zero
 * padding) and {@code projection_pool} (max over the unmasked tokens); the runtime's {@code SequenceEncoder}.
 * A count-sketch projection ({@link Builder#sketchInput}) takes a text's {@code B} sketch values
 * {@code "bits" [mb, B]} ({@code SketchProjection}) straight into the hidden layers.
 * A patch projection ({@link Builder#patchInput}) reads the trainer's image input, projects every patch to B bits
 * (a {@code [mb, B, H0, W0]} map) and runs its convolution stages ({@link Builder#convStage}) before the hidden
 * layers: per stage {@code projection_stage_conv_l} (k x k, stride 1, no padding, C channels) and, when the pool
 * is more than 1, {@code projection_stage_pool_l} (max over q x q, stride q); the runtime's {@code PatchEncoder}.
 * The graph's score is the paper's loss
 * {@code L = l1 CE(y, p_t) + l2 tau^2 CE(softmax(z_t/tau), softmax(z_p/tau)) + l3 CE(y, p_p)}, averaged over the
 * minibatch (defaults l1 = 1, l2 = 0.1, l3 = 1, tau = 1). The projection branch learns from the labels and from
 * the trainer's soft predictions; by default no gradient flows from the projection back into the trainer.
 * Graph outputs, in order: the trainer's probabilities and the projection's probabilities, both {@code [mb, K]}.
 *
 * <h2>Trainer</h2>
 * Built from layers with {@link Builder#trainerLayer} (trained from scratch with the projection), or imported
 * from an existing {@link MultiLayerNetwork} or {@link ComputationGraph} whose output is a softmax
 * {@code OutputLayer}: layers, preprocessors and parameters are copied (the source network is not changed) and
 * the output layer becomes {@code trainer_logits} with the same weights. {@link Builder#freezeTrainer} keeps
 * an imported trainer's parameters fixed. A trainer built from layers takes DL4J's defaults for anything its
 * layers leave unset (for example the sigmoid activation) and the builder's updater.
 *
 * <h2>Data</h2>
 * What {@link #fit} and {@link #evaluate} take, checked on every batch (an {@code IllegalArgumentException} names
 * what was expected and what came):
 * <ul>
 *   <li>features as the trainer's input type says ({@link #trainerInputType()}): {@code [mb, n]} for
 *       {@code InputType.feedForward(n)} and for flattened images, {@code InputType.convolutionalFlat(h, w, c)}
 *       with {@code n = h * w * c} in row-major order; {@code [mb, c, h, w]} for {@code InputType.convolutional(h,
 *       w, c)}. Recurrent trainer inputs are checked by DL4J's layers;</li>
 *   <li>labels {@code [mb, K]}, one-hot (or class probabilities: rows of entries &gt;= 0 summing to 1), for both
 *       branches;</li>
 *   <li>scale: the projection sees the features exactly as given, and the exported model must later be fed the same
 *       values ({@code ProjectionModel.predict(float[])}). Feed what the trainer was trained on. Its bits are the
 *       same in DL4J and on the device for any float32 values; integer-valued inputs such as raw 0..255 pixels
 *       additionally sum exactly in any order (docs/PROJECTION.md). To give the device raw pixels while the trainer
 *       works on 0..1, feed raw pixels and let a trainer ComputationGraph scale them first with a
 *       {@code ScaleVertex(1.0 / 255)}.</li>
 * </ul>
 *
 * <h2>Use</h2>
 * <pre>{@code
 * JointProjectionModel joint = new JointProjectionModel.Builder().trainer(net).freezeTrainer(true)
 *         .labelNames("cat", "dog", "bird")
 *         .projectionLayer(new ProjectionLayer.Builder().numFunctions(16).bitsPerFunction(8).build()).build();
 * joint.fit(trainData, 5);
 * JointEvaluation evaluation = joint.evaluate(testData);
 * ProjectionModel model = ProjectionNetExporter.from(joint).export();
 * }</pre>
 * docs/API.md walks through the whole path, from attaching the branch to predicting on the device.
 */
public final class JointProjectionModel {

    /** The graph input name of a trainer given as layers or as a MultiLayerNetwork. */
    public static final String TRAINER_INPUT = JointNames.TRAINER_INPUT;

    /** Entry of a saved model's zip file holding the {@link JointLayout} JSON. */
    static final String LAYOUT_ENTRY = "dl4j-projection-joint-layout.json";

    private final ComputationGraph graph;
    private final JointLayout layout;
    private final JointData data;

    JointProjectionModel(ComputationGraph graph, JointLayout layout) {
        layout.checkAgainst(graph);
        this.graph = graph;
        this.layout = layout;
        BitLayer input = projectionInputLayer();
        this.data = new JointData(layout.bitsInputName == null ? null : input.projectionSpec(),
                input instanceof TokenBitsInputLayer ? JointData.TOKEN_BITS
                        : input instanceof SketchInputLayer ? JointData.SKETCH : null,
                graph.getConfiguration().getDataType(),
                new JointBatchCheck(layout.trainerInputType, layout.numClasses));
    }

    /** The whole joint graph (trainer, projection, merge and both outputs). */
    public ComputationGraph graph() {
        return graph;
    }

    /** Name of the projection input vertex ({@code ProjectionLayer}, {@code BitVectorInputLayer}, ...). */
    public String projectionInputLayerName() {
        return layout.projectionInputLayerName;
    }

    /**
     * The configuration of the projection input vertex (its projection spec and bit encoding; for a
     * {@link SketchInputLayer}, B and the seed as the spec {@code T = 1, d = B}).
     */
    public BitLayer projectionInputLayer() {
        return (BitLayer) graph.getLayer(layout.projectionInputLayerName).conf().getLayer();
    }

    /**
     * Names of a sequence projection's encoder vertices (bottleneck, its mask, convolution, pooling), in order;
     * empty for a bag projection.
     */
    public List<String> projectionSequenceLayerNames() {
        return layout.projectionSequenceLayerNames;
    }

    /**
     * Names of a patch projection's stage vertices (each stage's ConvolutionLayer, then its SubsamplingLayer when it
     * pools), in graph order; empty for any other projection or a patch projection without stages.
     */
    public List<String> projectionPatchLayerNames() {
        return layout.projectionPatchLayerNames;
    }

    /** Names of the projection network's dense layers: the hidden layers in order, then the logits layer. */
    public List<String> projectionDenseLayerNames() {
        return layout.projectionDenseLayerNames;
    }

    /** Name of the trainer's logits layer (identity activation, K outputs). */
    public String trainerLogitsName() {
        return layout.trainerLogitsName;
    }

    /** Name of the trainer's output (a DL4J {@code LossLayer}: softmax, l1-scaled cross-entropy). */
    public String trainerOutputName() {
        return layout.trainerOutputName;
    }

    /** Name of the projection's output ({@link DistillationOutputLayer}; activations = softmax of its logits). */
    public String projectionOutputName() {
        return layout.projectionOutputName;
    }

    /** Name of the graph input holding the trainer's features. */
    public String trainerInputName() {
        return layout.trainerInputName;
    }

    /**
     * The type of the trainer's input, which the features of every batch must match (see "Data" above); null for a
     * model saved before the type was recorded, whose features are then checked by DL4J's layers only.
     */
    public InputType trainerInputType() {
        return layout.trainerInputType;
    }

    /** Name of the separate bits input, or null when the projection reads the trainer's input. */
    public String bitsInputName() {
        return layout.bitsInputName;
    }

    /** Whether the projection layer reads the trainer's input (true) or a separate bits input (false). */
    public boolean projectionOnTrainerInput() {
        return layout.bitsInputName == null;
    }

    /** K, the number of classes. */
    public int numClasses() {
        return layout.numClasses;
    }

    /** Class names in class-index order, or an empty list when none were given. */
    public List<String> labelNames() {
        return layout.labelNames;
    }

    /**
     * The graph inputs for trainer features {@code [mb, n]} (or images): just the features, or the features and
     * their reference LSH bits ({@code LshProjection.forDenseInput}) when the model has a bits input.
     *
     * @throws IllegalArgumentException if the features do not match {@link #trainerInputType()}
     */
    public INDArray[] graphInputs(INDArray features) {
        return data.inputs(features);
    }

    /** The trainer's class probabilities {@code [mb, K]} for trainer features (as for {@link #graphInputs}). */
    public INDArray trainerOutput(INDArray features) {
        return outputs(features)[outputIndex(layout.trainerOutputName)];
    }

    /**
     * The projection network's class probabilities {@code [mb, K]} for trainer features (as for
     * {@link #graphInputs}): what the exported model computes for the same values.
     */
    public INDArray projectionOutput(INDArray features) {
        return outputs(features)[outputIndex(layout.projectionOutputName)];
    }

    /**
     * Trains trainer and projection together. Each DataSet's features are the trainer input (and, with a bits input,
     * are projected with the reference LSH to make the bits), its labels {@code [mb, K]} go to both outputs; shapes,
     * label encoding and scale as described under "Data" above.
     *
     * @throws IllegalArgumentException if {@code epochs < 1}, or a batch's features or labels break the contract
     */
    public void fit(DataSetIterator data, int epochs) {
        requireEpochs(epochs);
        graph.fit(graphData(data), epochs);
    }

    /**
     * Trains on MultiDataSets whose features are the graph inputs ({@code [trainer features]} or
     * {@code [trainer features, bits]} with 0/1 bits) and whose labels are one array (used for both outputs)
     * or two ({@code [trainer, projection]}), each {@code [mb, K]}.
     *
     * @throws IllegalArgumentException if {@code epochs < 1}, a batch has the wrong number of arrays, or its trainer
     *     features, bits or labels break the contract ("Data" above)
     */
    public void fit(MultiDataSetIterator data, int epochs) {
        requireEpochs(epochs);
        graph.fit(graphData(data), epochs);
    }

    /**
     * The minibatches the joint graph trains on, made from the caller's data (features and labels as for
     * {@link #fit(DataSetIterator, int)}, checked batch by batch): give this to DL4J code that drives
     * {@link #graph()} itself, such as {@code EarlyStoppingGraphTrainer} or {@code ParallelWrapper}.
     */
    public MultiDataSetIterator graphData(DataSetIterator data) {
        return ConvertingMultiDataSetIterator.of(data, this.data::fromDataSet);
    }

    /** As {@link #graphData(DataSetIterator)}, for MultiDataSets as {@link #fit(MultiDataSetIterator, int)} takes. */
    public MultiDataSetIterator graphData(MultiDataSetIterator data) {
        return ConvertingMultiDataSetIterator.of(data, this.data::fromMultiDataSet);
    }

    /**
     * Replaces the graph's training listeners ({@code ScoreIterationListener}, {@code CheckpointListener},
     * {@code EvaluativeListener}, the UI's {@code StatsListener}, {@link JointEvaluationListener}, ...): they are
     * called by {@link #fit} as by {@code ComputationGraph.fit}. The score they see is the joint loss, the sum
     * of both outputs' scores; DL4J's {@code EvaluativeListener} evaluates the graph's first output, the
     * trainer; {@link JointEvaluationListener} evaluates both branches.
     */
    public void setListeners(TrainingListener... listeners) {
        graph.setListeners(listeners);
    }

    /** Adds training listeners to those already set (see {@link #setListeners}). */
    public void addListeners(TrainingListener... listeners) {
        graph.addListeners(listeners);
    }

    /** The graph's training listeners. */
    public Collection<TrainingListener> getListeners() {
        return graph.getListeners();
    }

    /**
     * This model's branch layout over another graph of the same configuration: the best model of DL4J early
     * stopping, a graph restored from a {@code CheckpointListener} checkpoint, a copy.
     *
     * @throws IllegalArgumentException if {@code graph} lacks a vertex of the layout
     */
    public JointProjectionModel withGraph(ComputationGraph graph) {
        return new JointProjectionModel(graph, layout);
    }

    /**
     * Evaluates both branches on the same data (features and labels as for {@link #fit(DataSetIterator, int)}).
     *
     * @throws IllegalArgumentException if a batch breaks the input contract
     */
    public JointEvaluation evaluate(DataSetIterator data) {
        return evaluate(graphData(data));
    }

    /**
     * Evaluates both branches on the same data (arrays as for {@link #fit(MultiDataSetIterator, int)}).
     *
     * @throws IllegalArgumentException if a batch breaks the input contract
     */
    public JointEvaluation evaluate(MultiDataSetIterator data) {
        MultiDataSetIterator batches = graphData(data);
        if (batches.resetSupported()) {
            batches.reset();
        }
        Evaluation trainer = newEvaluation();
        Evaluation projection = newEvaluation();
        int t = outputIndex(layout.trainerOutputName);
        int p = outputIndex(layout.projectionOutputName);
        while (batches.hasNext()) {
            MultiDataSet batch = batches.next();
            INDArray[] out = output(batch.getFeatures(), batch.getFeaturesMaskArrays());
            trainer.eval(batch.getLabels(t), out[t], batch.getLabelsMaskArray(t));
            projection.eval(batch.getLabels(p), out[p], batch.getLabelsMaskArray(p));
        }
        return new JointEvaluation(trainer, projection);
    }

    /**
     * Writes the graph with {@link ModelSerializer} (updater state included) and the branch layout as a JSON
     * entry of the same zip file.
     */
    public void save(File file) throws IOException {
        ModelSerializer.writeModel(graph, file, true);
        ModelSerializer.addObjectToFile(file, LAYOUT_ENTRY, layout.toJson());
    }

    /**
     * Reads a model written by {@link #save}.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file holds no joint layout, a layout of another format version, or
     *     one that does not match the graph
     */
    public static JointProjectionModel load(File file) throws IOException {
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(file, true);
        String json;
        try {
            json = ModelSerializer.getObjectFromFile(file, LAYOUT_ENTRY);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is a ComputationGraph without the joint projection layout (\""
                    + LAYOUT_ENTRY + "\"); was it written by JointProjectionModel.save?", e);
        }
        return new JointProjectionModel(graph, JointLayout.fromJson(json));
    }

    /** The branch layout as stored in a saved model. */
    String layoutJson() {
        return layout.toJson();
    }

    private INDArray[] outputs(INDArray features) {
        return output(data.inputs(features), null);
    }

    /**
     * The graph's outputs in inference mode (in the order of {@code graph().getConfiguration().getNetworkOutputs()}:
     * trainer, projection) for graph inputs and their masks (or null). Prefer it to {@code graph().output(...)}
     * after training: DL4J 1.0.0-M2.1's ComputationGraph keeps the last training minibatch's labels and hands their
     * row count to its input preprocessors as the minibatch size, which breaks the reshapes around a sequence
     * projection's per-token layers on a batch of another size; this forgets those labels first.
     */
    public INDArray[] output(INDArray[] inputs, INDArray[] featureMasks) {
        graph.setLabels((INDArray[]) null);
        return graph.output(false, inputs, featureMasks);
    }

    private int outputIndex(String name) {
        return graph.getConfiguration().getNetworkOutputs().indexOf(name);
    }

    private Evaluation newEvaluation() {
        return layout.labelNames.isEmpty() ? new Evaluation(layout.numClasses) : new Evaluation(layout.labelNames);
    }

    private static void requireEpochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
    }

    /**
     * Builder of a {@link JointProjectionModel}. Give exactly one trainer ({@link #trainer(MultiLayerNetwork)},
     * {@link #trainer(ComputationGraph)} or {@link #trainerLayer} calls with {@link #trainerInputType} and
     * {@link #nClasses}) and exactly one projection input ({@link #projectionLayer}, {@link #bitVectorInput},
     * {@link #tokenBitsInput}, {@link #sketchInput} or {@link #patchInput}).
     * Defaults: l1 = 1.0, l2 = 0.1, l3 = 1.0, tau = 1, no hidden projection layers (ReLU when added), Adam(1e-3),
     * seed 12345, the imported trainer's data type (else FLOAT).
     */
    public static final class Builder {

        MultiLayerNetwork trainerNetwork;
        ComputationGraph trainerGraph;
        final List<TrainerDefinition.Vertex> trainerBody = new ArrayList<>();
        InputType trainerInputType;
        int nClasses;
        List<String> labelNames;
        ProjectionLayer projectionLayer;
        BitVectorInputLayer bitVectorInput;
        TokenBitsInputLayer tokenBitsInput;
        SketchInputLayer sketchInput;
        PatchProjectionLayer patchInput;
        /** Per stage of a patch projection: kernel, channels, pool. */
        final List<int[]> convStages = new ArrayList<>();
        int bottleneckWidth;
        int convWidth;
        int convChannels;
        int[] hiddenLayerSizes = new int[0];
        Activation hiddenActivation = Activation.RELU;
        double lambdaTrainer = 1.0;
        double lambdaDistill = 0.1;
        double lambdaLabels = 1.0;
        double temperature = 1.0;
        boolean distillIntoTrainer;
        boolean freezeTrainer;
        IUpdater updater = new Adam(1e-3);
        /** Null: the projection layers use {@link #updater}. */
        IUpdater projectionUpdater;
        long seed = 12345;
        DataType dataType;
        QuantizationAwareTraining quantizationAware;

        /** An existing (possibly pre-trained) network ending in a softmax OutputLayer. */
        public Builder trainer(MultiLayerNetwork network) {
            this.trainerNetwork = network;
            return this;
        }

        /** An existing (possibly pre-trained) graph with one input and one softmax OutputLayer output. */
        public Builder trainer(ComputationGraph graph) {
            this.trainerGraph = graph;
            return this;
        }

        /**
         * Adds a layer to a trainer built from scratch. Its inputs default to the previously added trainer vertex
         * (or the input {@value #TRAINER_INPUT}); nIn and preprocessors are inferred from
         * {@link #trainerInputType}. The logits layer (K outputs) is appended after the last one.
         */
        public Builder trainerLayer(String name, Layer layer, String... inputs) {
            requireName(name);
            if (layer == null) {
                throw new IllegalArgumentException("trainerLayer \"" + name + "\": layer must not be null");
            }
            trainerBody.add(new TrainerDefinition.Vertex(name, layer.clone(), null, null, inputsOrPrevious(inputs)));
            return this;
        }

        /** Adds a non-layer vertex (for example a MergeVertex) to a trainer built from scratch. */
        public Builder trainerVertex(String name, GraphVertex vertex, String... inputs) {
            requireName(name);
            if (vertex == null || inputs == null || inputs.length == 0) {
                throw new IllegalArgumentException("trainerVertex \"" + name + "\" needs a vertex and its inputs");
            }
            trainerBody.add(new TrainerDefinition.Vertex(name, null, vertex.clone(), null, inputs.clone()));
            return this;
        }

        /**
         * The trainer's input type; required for a trainer built from layers, and for an imported trainer whose
         * first layer does not tell it (for example a convolution without a preprocessor).
         */
        public Builder trainerInputType(InputType inputType) {
            this.trainerInputType = inputType;
            return this;
        }

        /** K; required for a trainer built from layers, otherwise checked against the imported output layer. */
        public Builder nClasses(int nClasses) {
            this.nClasses = nClasses;
            return this;
        }

        /**
         * Optional class names (K of them, in label index order), used by evaluations, kept with the saved model and
         * exported by {@code ProjectionNetExporter.from(JointProjectionModel)}.
         */
        public Builder labelNames(List<String> labelNames) {
            this.labelNames = labelNames == null ? null : new ArrayList<>(labelNames);
            return this;
        }

        /** Optional class names, as {@link #labelNames(List)}. */
        public Builder labelNames(String... labelNames) {
            return labelNames(labelNames == null ? null : Arrays.asList(labelNames));
        }

        /** A projection layer on the trainer's input (its nIn, if set, must match the trainer input size). */
        public Builder projectionLayer(ProjectionLayer layer) {
            this.projectionLayer = layer;
            return this;
        }

        /** Projection bits computed outside the graph, fed to a second graph input named "bits". */
        public Builder bitVectorInput(BitVectorInputLayer layer) {
            this.bitVectorInput = layer;
            return this;
        }

        /**
         * Per-token projection bits computed outside the graph ({@code TokenProjection}), fed to a second graph input
         * named "bits" as {@code [mb, T * d, L]} with a {@code [mb, L]} mask; needs {@link #sequenceEncoder}.
         */
        public Builder tokenBitsInput(TokenBitsInputLayer layer) {
            this.tokenBitsInput = layer;
            return this;
        }

        /**
         * The count sketch of a text computed outside the graph ({@code SketchProjection}: B values, unit L2 norm),
         * fed to a second graph input named "bits" as {@code [mb, B]}; the hidden layers read it directly.
         */
        public Builder sketchInput(SketchInputLayer layer) {
            this.sketchInput = layer;
            return this;
        }

        /**
         * A patch projection on the trainer's image input (its image shape, if set, must match the trainer input):
         * every patch to {@code B} bits, then the {@link #convStage} stages, then the hidden layers.
         */
        public Builder patchInput(PatchProjectionLayer layer) {
            this.patchInput = layer;
            return this;
        }

        /**
         * Appends a stage to a {@link #patchInput} projection (stages run in the order added; none is allowed): a
         * convolution of {@code kernel x kernel} (stride 1, no padding: {@code ConvolutionMode.Truncate}) with
         * {@code channels} outputs and the {@link #hiddenActivation}, then, when {@code pool > 1}, max pooling over
         * {@code pool x pool} windows at stride {@code pool} (the rows and columns left over are dropped). Both
         * layers train with the {@link #projectionUpdater}.
         */
        public Builder convStage(int kernel, int channels, int pool) {
            convStages.add(new int[] {kernel, channels, pool});
            return this;
        }

        /**
         * The token encoder of a {@link #tokenBitsInput} projection: a bottleneck of {@code bottleneck} units per
         * token, a convolution of odd width {@code convWidth} (tokens) with {@code convChannels} channels, both with
         * the {@link #hiddenActivation}, then max pooling over the tokens.
         */
        public Builder sequenceEncoder(int bottleneck, int convWidth, int convChannels) {
            this.bottleneckWidth = bottleneck;
            this.convWidth = convWidth;
            this.convChannels = convChannels;
            return this;
        }

        /** Sizes of the projection network's hidden dense layers, in order (none by default). */
        public Builder hiddenLayers(int... sizes) {
            this.hiddenLayerSizes = sizes == null ? null : sizes.clone();
            return this;
        }

        /** Activation of the hidden projection layers (ReLU by default). */
        public Builder hiddenActivation(Activation activation) {
            this.hiddenActivation = activation;
            return this;
        }

        /** l1 &gt;= 0: weight of the trainer's label cross-entropy (default 1.0). */
        public Builder lambdaTrainer(double lambdaTrainer) {
            this.lambdaTrainer = lambdaTrainer;
            return this;
        }

        /** l2 &gt;= 0: weight of the distillation cross-entropy (default 0.1). */
        public Builder lambdaDistill(double lambdaDistill) {
            this.lambdaDistill = lambdaDistill;
            return this;
        }

        /** l3 &gt;= 0: weight of the projection's label cross-entropy (default 1.0). */
        public Builder lambdaLabels(double lambdaLabels) {
            this.lambdaLabels = lambdaLabels;
            return this;
        }

        /** tau &gt; 0: distillation temperature (default 1). */
        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        /** Let the distillation term train the trainer too (default false: the trainer only teaches). */
        public Builder distillIntoTrainer(boolean distillIntoTrainer) {
            this.distillIntoTrainer = distillIntoTrainer;
            return this;
        }

        /**
         * Keep an imported trainer exactly as it is (default false): every trainer layer is wrapped in a DL4J
         * {@code FrozenLayer}, so its parameters and batch-normalization statistics are bit for bit unchanged by
         * joint training whatever its own configuration holds (L1/L2, weight decay, dropout, updater, gradient
         * normalization), it runs in inference mode, and no gradient is computed for it. Without it the trainer
         * trains on under its own regularization and updater settings.
         */
        public Builder freezeTrainer(boolean freezeTrainer) {
            this.freezeTrainer = freezeTrainer;
            return this;
        }

        /** Updater of the projection layers and of a trainer built from layers (default Adam(1e-3)). */
        public Builder updater(IUpdater updater) {
            this.updater = updater;
            return this;
        }

        /**
         * Updater of the projection network's trainable layers (its dense layers, a sequence model's bottleneck
         * and convolution, a patch model's convolutions) when they need another learning rate than the trainer; default null: {@link #updater}.
         */
        public Builder projectionUpdater(IUpdater updater) {
            this.projectionUpdater = updater;
            return this;
        }

        /** Seed of the weight initialization (default 12345). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Network data type (default: the imported trainer's, else FLOAT). */
        public Builder dataType(DataType dataType) {
            this.dataType = dataType;
            return this;
        }

        /**
         * Quantization-aware training of the projection network's dense layers (default null: float training):
         * int8 fake-quantized weights, and int8 hidden activations if {@code qat} says so. Bag and sketch models,
         * and a patch model's dense layers with weights only (its convolutions train in float and are quantized
         * after training on an int8 export; a patch model has no integer-only form). Not sequence models: DL4J
         * 1.0.0-M2.1's Convolution1DLayer ignores weight noise, so a sequence encoder could not train quantized.
         */
        public Builder quantizationAware(QuantizationAwareTraining qat) {
            this.quantizationAware = qat;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the offending parameter: a negative or non-finite lambda, a
         *     temperature that is not positive, no or several trainers, no or two projection inputs, a projection
         *     nIn that does not match the trainer input, a bad class count, label names or hidden layer size
         */
        public JointProjectionModel build() {
            requireWeight("lambdaTrainer", lambdaTrainer);
            requireWeight("lambdaDistill", lambdaDistill);
            requireWeight("lambdaLabels", lambdaLabels);
            if (!(temperature > 0) || Double.isInfinite(temperature)) {
                throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
            }
            int inputs = (projectionLayer != null ? 1 : 0) + (bitVectorInput != null ? 1 : 0)
                    + (tokenBitsInput != null ? 1 : 0) + (sketchInput != null ? 1 : 0) + (patchInput != null ? 1 : 0);
            if (inputs != 1) {
                throw new IllegalArgumentException("set exactly one of projectionLayer (projection of the trainer's "
                        + "input), bitVectorInput (bits computed outside the graph), tokenBitsInput (per-token "
                        + "bits computed outside the graph), sketchInput (a count sketch computed outside the "
                        + "graph) and patchInput (every patch of the trainer's image input)");
            }
            checkSequenceEncoder();
            checkConvStages();
            if (quantizationAware != null && tokenBitsInput != null) {
                throw new IllegalArgumentException("quantizationAware: sequence models cannot train quantized yet"
                        + " (DL4J's Convolution1DLayer ignores weight noise); train it in float and export int8");
            }
            if (hiddenLayerSizes == null) {
                throw new IllegalArgumentException("hiddenLayers must not be null");
            }
            for (int size : hiddenLayerSizes) {
                if (size < 1) {
                    throw new IllegalArgumentException("hiddenLayers sizes must be positive, got "
                            + Arrays.toString(hiddenLayerSizes));
                }
            }
            if (hiddenActivation == null) {
                throw new IllegalArgumentException("hiddenActivation must not be null");
            }
            // Fail now, not at export after a whole training run, when the device could not run the network.
            ProjectionNetExporter.nonlinearity("hiddenActivation", hiddenActivation.getActivationFunction(), false);
            if (updater == null) {
                throw new IllegalArgumentException("updater must not be null");
            }
            if (freezeTrainer && distillIntoTrainer) {
                throw new IllegalArgumentException("distillIntoTrainer trains the trainer on the distillation term, "
                        + "freezeTrainer keeps it fixed: set one of them");
            }
            TrainerDefinition trainer = trainerDefinition();
            if (nClasses != 0 && nClasses != trainer.nClasses) {
                throw new IllegalArgumentException("nClasses is " + nClasses + " but the trainer's output layer has "
                        + trainer.nClasses + " classes");
            }
            if (labelNames != null && labelNames.size() != trainer.nClasses) {
                throw new IllegalArgumentException("labelNames has " + labelNames.size() + " names for "
                        + trainer.nClasses + " classes");
            }
            return JointGraphFactory.assemble(this, trainer);
        }

        private void checkConvStages() {
            if (patchInput == null) {
                if (!convStages.isEmpty()) {
                    throw new IllegalArgumentException("convStage applies to a patchInput projection only");
                }
                return;
            }
            if (convStages.size() > PatchEncoder.MAX_STAGES) {
                throw new IllegalArgumentException("convStage: at most " + PatchEncoder.MAX_STAGES + " stages, got "
                        + convStages.size());
            }
            for (int l = 0; l < convStages.size(); l++) {
                int[] stage = convStages.get(l);
                if (stage[0] < 1 || stage[0] > ConvStage.MAX_KERNEL || stage[1] < 1 || stage[2] < 1
                        || stage[2] > ConvStage.MAX_POOL) {
                    throw new IllegalArgumentException("convStage " + l + ": kernel must be in [1, "
                            + ConvStage.MAX_KERNEL + "], channels at least 1 and pool in [1, " + ConvStage.MAX_POOL
                            + "], got kernel " + stage[0] + ", channels " + stage[1] + ", pool " + stage[2]);
                }
            }
            if (quantizationAware != null && quantizationAware.activations()) {
                throw new IllegalArgumentException("quantizationAware: a patch model has no integer-only form (its"
                        + " convolutions would need int8 activations); use QuantizationAwareTraining.weights()");
            }
        }

        private void checkSequenceEncoder() {
            boolean set = bottleneckWidth != 0 || convWidth != 0 || convChannels != 0;
            if (tokenBitsInput == null) {
                if (set) {
                    throw new IllegalArgumentException("sequenceEncoder applies to a tokenBitsInput projection only");
                }
                return;
            }
            if (bottleneckWidth < 1 || convChannels < 1) {
                throw new IllegalArgumentException("sequenceEncoder: bottleneck and convChannels must be positive, got "
                        + bottleneckWidth + " and " + convChannels + " (a tokenBitsInput needs sequenceEncoder(...))");
            }
            if (convWidth < 1 || convWidth % 2 == 0 || convWidth > SequenceEncoder.MAX_CONV_WIDTH) {
                throw new IllegalArgumentException("sequenceEncoder: convWidth must be odd and in [1, "
                        + SequenceEncoder.MAX_CONV_WIDTH + "] (the runtime's same padding), got " + convWidth);
            }
            if (tokenBitsInput.getMaxTokens() > SequenceEncoder.MAX_TOKENS) {
                throw new IllegalArgumentException("tokenBitsInput: maxTokens must be at most "
                        + SequenceEncoder.MAX_TOKENS + ", got " + tokenBitsInput.getMaxTokens());
            }
        }

        private TrainerDefinition trainerDefinition() {
            int sources = (trainerNetwork != null ? 1 : 0) + (trainerGraph != null ? 1 : 0);
            if (sources > 1) {
                throw new IllegalArgumentException("trainer: give one trainer, either a MultiLayerNetwork or a "
                        + "ComputationGraph");
            }
            if (sources == 1 && !trainerBody.isEmpty()) {
                throw new IllegalArgumentException("trainerLayer cannot add layers to an imported trainer network");
            }
            if (trainerNetwork != null) {
                return TrainerImport.fromMultiLayerNetwork(trainerNetwork);
            }
            if (trainerGraph != null) {
                return TrainerImport.fromComputationGraph(trainerGraph);
            }
            if (trainerInputType == null) {
                throw new IllegalArgumentException("trainer: give trainer(network), or trainerLayer(...) calls with "
                        + "trainerInputType(...) for a trainer built from scratch");
            }
            if (freezeTrainer) {
                throw new IllegalArgumentException("freezeTrainer needs an imported, trained trainer; a trainer built "
                        + "from layers starts untrained");
            }
            if (nClasses < 2) {
                throw new IllegalArgumentException("nClasses must be at least 2 for a trainer built from layers, got "
                        + nClasses);
            }
            return TrainerImport.fromLayers(JointNames.TRAINER_INPUT, trainerInputType, trainerBody, nClasses);
        }

        private String[] inputsOrPrevious(String[] inputs) {
            if (inputs != null && inputs.length > 0) {
                return inputs.clone();
            }
            return new String[] {trainerBody.isEmpty() ? JointNames.TRAINER_INPUT
                    : trainerBody.get(trainerBody.size() - 1).name};
        }

        private static void requireName(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("trainer vertex name must not be null or empty");
            }
        }

        private static void requireWeight(String name, double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
            }
        }
    }
}
