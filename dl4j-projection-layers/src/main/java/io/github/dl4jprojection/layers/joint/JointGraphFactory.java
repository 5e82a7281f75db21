package io.github.dl4jprojection.layers.joint;

import io.github.dl4jprojection.layers.BitLayer;
import io.github.dl4jprojection.layers.DistillationOutputLayer;
import io.github.dl4jprojection.layers.PatchProjectionLayer;
import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.SketchInputLayer;
import io.github.dl4jprojection.layers.TokenBitsInputLayer;
import io.github.dl4jprojection.layers.qat.QuantizationAwareTraining;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.util.MaskLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Assembles the joint ComputationGraph from the builder's options and a {@link TrainerDefinition}:
 * <pre>
 *   trainer input -&gt; trainer body -&gt; trainer_logits (identity, K) -&gt; trainer_output (LossLayer: softmax, l1 * MCXENT)
 *   trainer input | bits -&gt; projection -&gt; projection_hidden_0..h-1 -&gt; projection_logits (identity, K)
 *       (quantization-aware: int8 fake-quantized weights in hidden and logits layers, optionally int8 hidden z)
 *   or, for token bits [mb, B, L]: bits -&gt; projection -&gt; projection_bottleneck (dense per token, D)
 *       -&gt; projection_bottleneck_mask (padding to 0) -&gt; projection_conv (1-D, width k, C, same padding)
 *       -&gt; projection_pool (masked max over the tokens) -&gt; projection_hidden_0..h-1 -&gt; projection_logits
 *   or, for a count sketch [mb, B]: bits -&gt; projection (identity) -&gt; projection_hidden_0..h-1 -&gt; projection_logits
 *   or, for image patches: trainer input -&gt; projection (PatchProjectionLayer, [mb, B, H0, W0])
 *       -&gt; per stage l: projection_stage_conv_l (k x k, stride 1, Truncate) [-&gt; projection_stage_pool_l (max, q x q)]
 *       -&gt; projection_hidden_0..h-1 -&gt; projection_logits
 *   [projection_logits | trainer_logits] -&gt; distillation_merge -&gt; projection_output (DistillationOutputLayer)
 * </pre>
 * then copies an imported trainer's parameters.
 */
final class JointGraphFactory {

    private JointGraphFactory() {
    }

    static JointProjectionModel assemble(JointProjectionModel.Builder options, TrainerDefinition trainer) {
        InputType inputType = options.trainerInputType != null ? options.trainerInputType : trainer.inputType;
        if (inputType == null) {
            throw new IllegalArgumentException("trainerInputType must be set: the trainer's input type cannot be told "
                    + "from its first layer");
        }
        checkNames(trainer);
        DataType dataType = options.dataType != null ? options.dataType
                : trainer.dataType != null ? trainer.dataType : DataType.FLOAT;
        boolean tokens = options.tokenBitsInput != null;
        boolean bits = options.bitVectorInput != null || options.sketchInput != null || tokens;
        BitLayer projection = tokens ? (BitLayer) options.tokenBitsInput.clone()
                : options.sketchInput != null ? (BitLayer) options.sketchInput.clone()
                : bits ? (BitLayer) options.bitVectorInput.clone()
                : options.patchInput != null ? patchOnTrainerInput(options.patchInput, inputType)
                : projectionOnTrainerInput(options.projectionLayer, inputType);

        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(options.seed)
                .dataType(dataType)
                .updater(options.updater)
                .weightInit(WeightInit.XAVIER)
                .graphBuilder();
        if (bits) {
            g.addInputs(trainer.inputName, JointNames.BITS_INPUT);
            g.setInputTypes(inputType, tokens
                    ? InputType.recurrent(projection.numBits(), ((TokenBitsInputLayer) projection).getMaxTokens())
                    : InputType.feedForward(projection.numBits()));
        } else {
            g.addInputs(trainer.inputName);
            g.setInputTypes(inputType);
        }

        for (TrainerDefinition.Vertex v : trainer.body) {
            if (v.layer != null) {
                g.addLayer(v.name, trainerLayer(v.layer, options.freezeTrainer), v.preProcessor, v.inputs);
            } else {
                g.addVertex(v.name, trainerVertex(v.vertex, options.freezeTrainer), v.inputs);
            }
        }
        g.addLayer(JointNames.TRAINER_LOGITS, trainerLayer(trainer.logits.clone(), options.freezeTrainer),
                trainer.logitsPreProcessor, trainer.logitsInput);
        g.addLayer(JointNames.TRAINER_OUTPUT, trainerOutput(options.lambdaTrainer, trainer),
                JointNames.TRAINER_LOGITS);

        g.addLayer(JointNames.PROJECTION, projection, bits ? JointNames.BITS_INPUT : trainer.inputName);
        List<String> denseNames = new ArrayList<>();
        List<String> sequenceNames = tokens ? addSequenceEncoder(g, options) : new ArrayList<>();
        List<String> patchNames = projection instanceof PatchProjectionLayer
                ? addConvStages(g, options, (PatchProjectionLayer) projection) : new ArrayList<>();
        String previous = tokens ? JointNames.SEQUENCE_POOL
                : patchNames.isEmpty() ? JointNames.PROJECTION : patchNames.get(patchNames.size() - 1);
        QuantizationAwareTraining qat = options.quantizationAware;
        for (int i = 0; i < options.hiddenLayerSizes.length; i++) {
            String name = JointNames.hidden(i);
            IActivation activation = options.hiddenActivation.getActivationFunction();
            g.addLayer(name, new DenseLayer.Builder().nOut(options.hiddenLayerSizes[i])
                    .activation(qat != null ? qat.hiddenActivation(activation) : activation)
                    .weightNoise(qat != null ? qat.weightNoise() : null).updater(options.projectionUpdater).build(),
                    previous);
            denseNames.add(name);
            previous = name;
        }
        g.addLayer(JointNames.PROJECTION_LOGITS, new DenseLayer.Builder().nOut(trainer.nClasses)
                .activation(Activation.IDENTITY).weightNoise(qat != null ? qat.weightNoise() : null)
                .updater(options.projectionUpdater).build(), previous);
        denseNames.add(JointNames.PROJECTION_LOGITS);
        g.addVertex(JointNames.MERGE, new MergeVertex(), JointNames.PROJECTION_LOGITS, JointNames.TRAINER_LOGITS);
        g.addLayer(JointNames.PROJECTION_OUTPUT, new DistillationOutputLayer.Builder().nClasses(trainer.nClasses)
                .lambdaDistill(options.lambdaDistill).lambdaLabels(options.lambdaLabels)
                .temperature(options.temperature).distillIntoTrainer(options.distillIntoTrainer).build(),
                JointNames.MERGE);
        g.setOutputs(JointNames.TRAINER_OUTPUT, JointNames.PROJECTION_OUTPUT);

        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        copyParameters(graph, trainer.parameters);

        JointLayout layout = new JointLayout(trainer.inputName, inputType, bits ? JointNames.BITS_INPUT : null,
                JointNames.PROJECTION, sequenceNames, patchNames, denseNames, JointNames.TRAINER_LOGITS, JointNames.TRAINER_OUTPUT,
                JointNames.PROJECTION_OUTPUT, trainer.nClasses, options.labelNames);
        return new JointProjectionModel(graph, layout);
    }

    /**
     * The sequence encoder after the token bits: a dense bottleneck applied to every token (DL4J inserts its
     * recurrent-to-feed-forward preprocessor), a {@link MaskLayer} that zeroes the padded tokens, so that the
     * convolution's windows see exactly the zeros of the runtime's padding at a text's end, a width-k convolution
     * over the tokens with same padding, and max pooling over the unmasked tokens.
     */
    private static List<String> addSequenceEncoder(ComputationGraphConfiguration.GraphBuilder g,
                                                   JointProjectionModel.Builder options) {
        g.addLayer(JointNames.SEQUENCE_BOTTLENECK, new DenseLayer.Builder().nOut(options.bottleneckWidth)
                .activation(options.hiddenActivation).updater(options.projectionUpdater).build(),
                JointNames.PROJECTION);
        g.addLayer(JointNames.SEQUENCE_MASK, new MaskLayer(), JointNames.SEQUENCE_BOTTLENECK);
        g.addLayer(JointNames.SEQUENCE_CONV, new Convolution1DLayer.Builder().kernelSize(options.convWidth)
                .stride(1).convolutionMode(ConvolutionMode.Same).nOut(options.convChannels)
                .activation(options.hiddenActivation).updater(options.projectionUpdater).build(),
                JointNames.SEQUENCE_MASK);
        g.addLayer(JointNames.SEQUENCE_POOL, new GlobalPoolingLayer.Builder(PoolingType.MAX).collapseDimensions(true)
                .build(), JointNames.SEQUENCE_CONV);
        return new ArrayList<>(Arrays.asList(JointNames.SEQUENCE_BOTTLENECK, JointNames.SEQUENCE_MASK,
                JointNames.SEQUENCE_CONV, JointNames.SEQUENCE_POOL));
    }

    /**
     * The convolution stages of a patch projection, each checked against the map it gets, so that a stage that
     * does not fit fails here with its sizes rather than inside DL4J's shape inference.
     */
    private static List<String> addConvStages(ComputationGraphConfiguration.GraphBuilder g,
                                              JointProjectionModel.Builder options, PatchProjectionLayer patch) {
        List<String> names = new ArrayList<>();
        int height = patch.rows();
        int width = patch.columns();
        String previous = JointNames.PROJECTION;
        for (int l = 0; l < options.convStages.size(); l++) {
            int[] stage = options.convStages.get(l);
            int kernel = stage[0];
            int pool = stage[2];
            int convHeight = height - kernel + 1;
            int convWidth = width - kernel + 1;
            if (convHeight < 1 || convWidth < 1 || convHeight / pool < 1 || convWidth / pool < 1) {
                throw new IllegalArgumentException("convStage " + l + " (kernel " + kernel + ", pool " + pool
                        + ") does not fit the " + height + "x" + width + " map it gets (the " + patch.getHeight() + "x"
                        + patch.getWidth() + " image's patches, window " + patch.getWindow() + ", stride "
                        + patch.getStride() + (l > 0 ? ", after " + l + " stage(s)" : "") + ")");
            }
            String conv = JointNames.stageConv(l);
            g.addLayer(conv, new ConvolutionLayer.Builder(kernel, kernel).stride(1, 1)
                    .convolutionMode(ConvolutionMode.Truncate).nOut(stage[1]).activation(options.hiddenActivation)
                    .updater(options.projectionUpdater).build(), previous);
            names.add(conv);
            previous = conv;
            height = convHeight;
            width = convWidth;
            if (pool > 1) {
                String pooling = JointNames.stagePool(l);
                g.addLayer(pooling, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(pool, pool)
                        .stride(pool, pool).convolutionMode(ConvolutionMode.Truncate).build(), previous);
                names.add(pooling);
                previous = pooling;
                height /= pool;
                width /= pool;
            }
        }
        return names;
    }

    /** The patch projection with the image shape of the trainer's input (named, so its errors say which layer). */
    private static PatchProjectionLayer patchOnTrainerInput(PatchProjectionLayer configured, InputType inputType) {
        PatchProjectionLayer patch = (PatchProjectionLayer) configured.clone();
        patch.setLayerName(JointNames.PROJECTION);
        patch.setNIn(inputType, false);
        return patch;
    }

    private static ProjectionLayer projectionOnTrainerInput(ProjectionLayer configured, InputType inputType) {
        ProjectionLayer projection = (ProjectionLayer) configured.clone();
        long size = inputType.arrayElementsPerExample();
        if (projection.getNIn() > 0 && projection.getNIn() != size) {
            throw new IllegalArgumentException("nIn of the projection layer is " + projection.getNIn()
                    + " but the trainer input has " + size + " values per example (" + inputType + ")");
        }
        return projection;
    }

    /**
     * The trainer's output: softmax and {@code l1 * CE} on the logits. DL4J's LossLayer builder refuses nOut and
     * leaves it 0, so the layer's output type would be {@code feedForward(0)}, which DL4J logs as "Assigning a size
     * of zero" on every joint build and which would mislead any caller of {@code getLayerActivationTypes}; a loss
     * layer passes its K inputs through, so its nIn and nOut are both K.
     */
    private static LossLayer trainerOutput(double lambdaTrainer, TrainerDefinition trainer) {
        LossLayer output = new LossLayer.Builder(trainerLoss(lambdaTrainer, trainer)).activation(Activation.SOFTMAX)
                .build();
        output.setNIn(trainer.nClasses);
        output.setNOut(trainer.nClasses);
        return output;
    }

    /** The trainer's loss {@code l1 * CE}, keeping any class weights of the source output layer. */
    private static ILossFunction trainerLoss(double lambdaTrainer, TrainerDefinition trainer) {
        if (lambdaTrainer == 1.0 && trainer.classWeights == null) {
            return new LossMCXENT();
        }
        INDArray weights = trainer.classWeights != null
                ? trainer.classWeights.castTo(DataType.DOUBLE).reshape(1, trainer.nClasses).mul(lambdaTrainer)
                : Nd4j.valueArrayOf(new long[] {1, trainer.nClasses}, lambdaTrainer, DataType.DOUBLE);
        return new LossMCXENT(weights);
    }

    /**
     * A trainer layer as the joint graph holds it. {@code freezeTrainer} wraps every layer in DL4J's
     * {@link FrozenLayer}: forward in inference mode (no dropout, batch normalization on its running statistics),
     * no backpropagation into the trainer, and a training configuration without updater or regularization. Not
     * {@link FrozenLayerWithBackprop}: DL4J hands the wrapped layer's own configuration to the updater, so its L1/L2
     * and weight decay kept shrinking the "frozen" weights on every step (issue 16). A layer the user froze with
     * backprop stays so (layers after it still learn), minus the regularization that would move it.
     */
    private static Layer trainerLayer(Layer layer, boolean freeze) {
        if (freeze) {
            return layer instanceof FrozenLayer ? layer : new FrozenLayer(TrainerImport.unwrapFrozen(layer));
        }
        if (layer instanceof FrozenLayerWithBackprop) {
            withoutRegularization((FrozenLayerWithBackprop) layer);
        }
        return layer;
    }

    /**
     * A trainer vertex without parameters (scaling, merge, element-wise) as the joint graph holds it: frozen, DL4J's
     * {@link FrozenVertex}, in front of frozen layers, because DL4J's backward pass stops at a {@link FrozenLayer}
     * and then fails on a plain vertex before it ("errors not set"), as it would at the first minibatch.
     */
    private static GraphVertex trainerVertex(GraphVertex vertex, boolean freeze) {
        return freeze && !(vertex instanceof FrozenVertex) ? new FrozenVertex(vertex) : vertex;
    }

    private static void withoutRegularization(FrozenLayerWithBackprop frozen) {
        Layer underlying = frozen.getUnderlying();
        if (underlying instanceof BaseLayer) {
            BaseLayer layer = (BaseLayer) underlying;
            layer.setRegularization(new ArrayList<>());
            layer.setRegularizationBias(new ArrayList<>());
            layer.setIUpdater(new NoOp());
            layer.setBiasUpdater(new NoOp());
        } else if (underlying.initializer().numParams(underlying) > 0) {
            throw new IllegalArgumentException("trainer layer \"" + frozen.getLayerName() + "\" is a "
                    + "FrozenLayerWithBackprop around a " + underlying.getClass().getSimpleName() + ", whose "
                    + "regularization DL4J would still apply to the frozen parameters; wrap it in a FrozenLayer, or "
                    + "use freezeTrainer(true) to freeze the whole trainer");
        }
    }

    private static void checkNames(TrainerDefinition trainer) {
        Set<String> seen = new HashSet<>();
        seen.add(trainer.inputName);
        if (JointNames.isReserved(trainer.inputName)) {
            throw new IllegalArgumentException("the trainer's input is named \"" + trainer.inputName
                    + "\", a name the joint graph reserves for its own vertices");
        }
        for (TrainerDefinition.Vertex v : trainer.body) {
            if (JointNames.isReserved(v.name)) {
                throw new IllegalArgumentException("trainer layer name \"" + v.name + "\" is reserved for the joint "
                        + "graph's own vertices " + JointNames.RESERVED + " (and " + JointNames.PROJECTION_HIDDEN_PREFIX
                        + "*, " + JointNames.STAGE_PREFIX + "*); rename the trainer layer");
            }
            if (!seen.add(v.name)) {
                throw new IllegalArgumentException("trainer layer name \"" + v.name + "\" is used twice");
            }
        }
    }

    private static void copyParameters(ComputationGraph graph, Map<String, Map<String, INDArray>> parameters) {
        for (Map.Entry<String, Map<String, INDArray>> layer : parameters.entrySet()) {
            org.deeplearning4j.nn.api.Layer target = graph.getLayer(layer.getKey());
            for (Map.Entry<String, INDArray> p : layer.getValue().entrySet()) {
                INDArray destination = target.getParam(p.getKey());
                if (destination == null || !Arrays.equals(destination.shape(), p.getValue().shape())) {
                    throw new IllegalStateException("cannot copy trainer parameter " + layer.getKey() + "/" + p.getKey()
                            + ": the joint graph's layer has a different shape");
                }
                destination.assign(p.getValue());
            }
        }
    }
}
