package io.github.dl4jprojection.layers.export;

import io.github.dl4jprojection.layers.BitLayer;
import io.github.dl4jprojection.layers.BitVectorInputLayer;
import io.github.dl4jprojection.layers.PatchProjectionLayer;
import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.SketchInputLayer;
import io.github.dl4jprojection.layers.TokenBitsInputLayer;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.layers.qat.Int8FakeQuantActivation;
import io.github.dl4jprojection.layers.qat.Int8FakeQuantWeights;
import io.github.dl4jprojection.runtime.internal.model.Int8Quantizer;
import io.github.dl4jprojection.runtime.internal.model.LibraryVersion;
import io.github.dl4jprojection.runtime.model.ConvStage;
import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.InputKind;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ModelFamily;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import io.github.dl4jprojection.runtime.model.PatchEncoder;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.ProvenanceKeys;
import io.github.dl4jprojection.runtime.model.SequenceEncoder;
import io.github.dl4jprojection.runtime.model.WeightType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.util.MaskLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Strips a trained DL4J {@link ComputationGraph} down to its projection network and converts it to
 * the ND4J-free {@link ProjectionModel}: the projection vertex ({@link ProjectionLayer} for dense
 * input or {@link BitVectorInputLayer} for bits computed by a featurizer) and the chain of dense
 * layers after it, the last one giving the logits. The trainer network and every other vertex are
 * left out. A {@link TokenBitsInputLayer} projection (a sequence model) also needs its encoder vertices
 * ({@link Builder#sequenceLayers}): a DenseLayer bottleneck, a MaskLayer, a Convolution1DLayer (odd kernel, stride
 * and dilation 1, same padding) and a max GlobalPoolingLayer, which become the runtime's {@link SequenceEncoder}.
 * The convolution's weights become the window block {@code W_c[w * D + i][c]} (offset in the window, input
 * channel, output channel). A {@link SketchInputLayer} projection becomes a SKETCH model: its {@code B} buckets and
 * seed as the projection spec ({@code T = 1, d = B}, density 1), the ZERO_ONE encoding, a featurizer input, and the
 * dense layers on the {@code B} values. A {@link PatchProjectionLayer} projection becomes a PATCH model (format version
 * 5): the image input shape of the layer, and its stages ({@link Builder#patchLayers}: each a ConvolutionLayer,
 * square kernel, stride 1, no padding, NCHW, with a bias, then optionally a max SubsamplingLayer of a square window
 * at the same stride) as the runtime's {@link PatchEncoder}. A DL4J convolution holds {@code W[co][ci][dy][dx]}
 * ({@code [Cout, Cin, k, k]}); the runtime's stage block is {@code W_rt[(dy*k + dx)*Cin + ci][co]}, the same
 * weights permuted; the first dense layer reads the last map flattened as DL4J's CnnToFeedForwardPreProcessor does
 * ({@code co*H*W + i*W + j}).
 * <pre>
 *   ProjectionModel model = ProjectionNetExporter.from(joint).export();    // a JointProjectionModel: names known
 *   ProjectionModel model = ProjectionNetExporter.from(graph)             // any graph: name the vertices
 *       .projection("projection").denseLayers("hidden", "logits")
 *       .labels("cat", "dog").export();
 * </pre>
 * DL4J's DenseLayer and OutputLayer hold {@code W} as {@code [nIn, nOut]} and {@code b} as
 * {@code [1, nOut]}, the runtime's layout; weights are converted to float32, optionally then to int8
 * with per-output scales ({@link Int8Quantizer}). Supported activations: identity, ReLU, leaky ReLU,
 * tanh, sigmoid, hard tanh; the last layer is softmax (or identity when a softmax follows it in the
 * graph's loss), and becomes the logits layer followed by softmax. The output depends only on the
 * graph and the settings: no time is recorded unless {@link Builder#createdAt} is set, so the same
 * training gives the same file bytes.
 */
public final class ProjectionNetExporter {

    private ProjectionNetExporter() {
    }

    /** Starts an export of a projection network that is part of {@code graph}; name its vertices on the builder. */
    public static Builder from(ComputationGraph graph) {
        return new Builder(graph);
    }

    /**
     * Starts an export of the projection network of a joint model, with the projection vertex, the dense layers and
     * the label names (when the model has them; else "0".."K-1") taken from it. Weights, input description and
     * provenance are still the caller's to set; any setting may be overridden.
     *
     * @throws IllegalArgumentException if {@code joint} is null
     */
    public static Builder from(JointProjectionModel joint) {
        if (joint == null) {
            throw new IllegalArgumentException("joint model must not be null");
        }
        Builder builder = new Builder(joint.graph()).projection(joint.projectionInputLayerName())
                .denseLayers(joint.projectionDenseLayerNames().toArray(new String[0]));
        List<String> sequence = joint.projectionSequenceLayerNames();
        if (!sequence.isEmpty()) {
            builder.sequenceLayers(sequence.get(0), sequence.get(1), sequence.get(2), sequence.get(3));
        }
        builder.patchLayers(joint.projectionPatchLayerNames().toArray(new String[0]));
        return joint.labelNames().isEmpty() ? builder : builder.labels(joint.labelNames());
    }

    /** Settings of one export; {@link #export()} validates them and builds the model. */
    public static final class Builder {
        private final ComputationGraph graph;
        private String projectionVertex;
        private List<String> denseLayers = Collections.emptyList();
        private List<String> sequenceLayers = Collections.emptyList();
        private List<String> patchLayers = Collections.emptyList();
        private List<String> labels;
        private WeightType weightType = WeightType.FLOAT32;
        private InputSpec input;
        private Instant createdAt;
        private final Map<String, String> provenance = new LinkedHashMap<>();

        private Builder(ComputationGraph graph) {
            this.graph = graph;
        }

        /**
         * Name of the vertex holding the {@link ProjectionLayer}, {@link BitVectorInputLayer},
         * {@link TokenBitsInputLayer} or {@link SketchInputLayer}; required.
         */
        public Builder projection(String vertexName) {
            this.projectionVertex = vertexName;
            return this;
        }

        /**
         * The encoder vertices of a {@link TokenBitsInputLayer} projection, in graph order: the per-token bottleneck
         * (DenseLayer), its MaskLayer, the Convolution1DLayer and the max GlobalPoolingLayer; required for such a
         * projection, refused for any other.
         */
        public Builder sequenceLayers(String bottleneck, String mask, String conv, String pool) {
            this.sequenceLayers = Arrays.asList(bottleneck, mask, conv, pool);
            return this;
        }

        /**
         * The stage vertices of a {@link PatchProjectionLayer} projection, in graph order: each stage's
         * ConvolutionLayer, followed by its max SubsamplingLayer when the stage pools; none for a patch model
         * without stages, refused for any other projection.
         */
        public Builder patchLayers(String... names) {
            this.patchLayers = names == null ? null : Arrays.asList(names.clone());
            return this;
        }

        /** Names of the dense layers in order, hidden layers first, the logits layer last; required. */
        public Builder denseLayers(String... names) {
            this.denseLayers = names == null ? null : Arrays.asList(names.clone());
            return this;
        }

        /** Label names in output order; default "0", "1", ... (or the joint model's, see {@code from}). */
        public Builder labels(String... names) {
            this.labels = names == null ? null : Arrays.asList(names.clone());
            return this;
        }

        /** Label names in output order; default "0", "1", ... */
        public Builder labels(List<String> names) {
            this.labels = names == null ? null : new ArrayList<>(names);
            return this;
        }

        /**
         * FLOAT32 (default) or INT8 post-training quantization with per-output scales. INT8_FIXED is refused by
         * {@link #export()}: the integer-only form is made from a float export by {@code Int8Calibrator}.
         */
        public Builder weights(WeightType type) {
            this.weightType = type;
            return this;
        }

        /**
         * The input description. Default for a {@link ProjectionLayer}: a dense vector of its nIn
         * values (give {@link InputSpec#image} to record an image shape). Required for the other projection inputs:
         * {@link InputSpec#features} naming the featurizer that makes the bits (or the sketch).
         */
        public Builder input(InputSpec input) {
            this.input = input;
            return this;
        }

        /** Records the export time (whole seconds, UTC) as provenance {@code created}; default none. */
        public Builder createdAt(Instant time) {
            this.createdAt = time;
            return this;
        }

        /** Adds a provenance entry, for example {@link ProvenanceKeys#TRAINING_DATA}. */
        public Builder provenance(String key, String value) {
            provenance.put(key, value);
            return this;
        }

        /**
         * Reads the projection configuration and the dense layers' parameters and builds the model.
         *
         * @throws IllegalArgumentException naming the setting or vertex that does not fit: an unknown
         *     name, a vertex of the wrong kind, layers that are not chained one after the other, an
         *     activation the runtime lacks, or labels that do not match the logits
         */
        public ProjectionModel export() {
            if (graph == null) {
                throw new IllegalArgumentException("graph must not be null");
            }
            if (weightType == null) {
                throw new IllegalArgumentException("weights must be FLOAT32 or INT8, got null");
            }
            BitLayer bitLayer = projectionLayer();
            boolean sketch = bitLayer instanceof SketchInputLayer;
            boolean patch = bitLayer instanceof PatchProjectionLayer;
            if (weightType == WeightType.INT8_FIXED && patch) {
                throw new IllegalArgumentException("weights: INT8_FIXED is not available for a PATCH model (no "
                        + "integer-only form of its convolutions yet); export FLOAT32 or INT8");
            }
            if (weightType == WeightType.INT8_FIXED) {
                throw new IllegalArgumentException("weights: INT8_FIXED is not exported from the graph; "
                        + (sketch ? "a sketch model has no integer-only form (its inputs are fractional sketch values),"
                        + " export FLOAT32 or INT8" : "export FLOAT32 and make the integer-only model with "
                        + "Int8Calibrator"));
            }
            if (denseLayers == null || denseLayers.isEmpty()) {
                throw new IllegalArgumentException("denseLayers: name at least the logits layer");
            }
            ProjectionModel.Builder model = ProjectionModel.builder()
                    .projection(bitLayer.projectionSpec())
                    .encoding(bitLayer.getEncoding())
                    .input(inputSpec(bitLayer));
            if (sketch) {
                model.family(ModelFamily.SKETCH);
            }
            String previous = projectionVertex;
            if (bitLayer instanceof TokenBitsInputLayer) {
                model.sequenceEncoder(sequenceEncoder((TokenBitsInputLayer) bitLayer));
                previous = sequenceLayers.get(3);
            } else if (!sequenceLayers.isEmpty()) {
                throw new IllegalArgumentException("sequenceLayers: projection \"" + projectionVertex + "\" is a "
                        + bitLayer.getClass().getSimpleName() + ", which has no sequence encoder");
            }
            if (patchLayers == null || patchLayers.contains(null)) {
                throw new IllegalArgumentException("patchLayers must not be null or hold null, got " + patchLayers);
            }
            if (patch) {
                model.patchEncoder(patchEncoder((PatchProjectionLayer) bitLayer));
                previous = patchLayers.isEmpty() ? projectionVertex : patchLayers.get(patchLayers.size() - 1);
            } else if (!patchLayers.isEmpty()) {
                throw new IllegalArgumentException("patchLayers: projection \"" + projectionVertex + "\" is a "
                        + bitLayer.getClass().getSimpleName() + ", which has no patch stages");
            }
            for (int l = 0; l < denseLayers.size(); l++) {
                String name = denseLayers.get(l);
                checkChained(name, previous, "denseLayers[" + l + "]");
                // DL4J puts a recurrent-to-feed-forward preprocessor after a global pooling layer of a sequence;
                // the pooled [mb, C] is 2-D already and passes through it unchanged.
                // Likewise the first dense layer after a patch map gets a CNN-to-feed-forward preprocessor, whose NCHW
                // flattening (co*H*W + i*W + j) is the runtime's order (checked in patchEncoder).
                Class<?> allowed = l != 0 ? null : bitLayer instanceof TokenBitsInputLayer
                        ? RnnToFeedForwardPreProcessor.class : patch ? CnnToFeedForwardPreProcessor.class : null;
                if (l == 0 && patch) {
                    requireNchwFlattening(name);
                }
                DenseBlock block = denseBlock(name, l == denseLayers.size() - 1, allowed);
                model.addLayer(stored(block));
                previous = name;
            }
            int numLabels = (int) ((FeedForwardLayer) layerConfig(previous)).getNOut();
            model.labels(labels != null ? labels : defaultLabels(numLabels));
            model.provenance(ProvenanceKeys.LIBRARY_VERSION, LibraryVersion.get());
            if (createdAt != null) {
                model.provenance(ProvenanceKeys.CREATED, createdAt.truncatedTo(ChronoUnit.SECONDS).toString());
            }
            model.provenance(ProvenanceKeys.TRAINING_SEED,
                    Long.toString(graph.getConfiguration().getDefaultConfiguration().getSeed()));
            model.provenance(ProvenanceKeys.WEIGHTS, weightType == WeightType.INT8 ? "int8" : "float32");
            for (Map.Entry<String, String> e : provenance.entrySet()) {
                model.provenance(e.getKey(), e.getValue());
            }
            return model.build();
        }

        /** The bottleneck, mask, convolution and pooling vertices as the runtime's encoder (checked one by one). */
        private SequenceEncoder sequenceEncoder(TokenBitsInputLayer tokens) {
            if (sequenceLayers.size() != 4 || sequenceLayers.contains(null)) {
                throw new IllegalArgumentException("sequenceLayers: token-bits projection \"" + projectionVertex
                        + "\" needs its bottleneck, mask, convolution and pooling vertices, got " + sequenceLayers);
            }
            String bottleneck = sequenceLayers.get(0);
            String mask = sequenceLayers.get(1);
            String conv = sequenceLayers.get(2);
            String pool = sequenceLayers.get(3);
            checkChained(bottleneck, projectionVertex, "sequenceLayers[0]");
            Layer bottleneckConfig = layerConfig(bottleneck);
            if (!(bottleneckConfig instanceof DenseLayer)) {
                throw new IllegalArgumentException("sequenceLayers[0]: bottleneck \"" + bottleneck + "\" is a "
                        + bottleneckConfig.getClass().getSimpleName() + ", not a DenseLayer");
            }
            // Its recurrent-to-feed-forward preprocessor only reshapes: every token goes through the same layer.
            DenseBlock token = denseBlock(bottleneck, false, RnnToFeedForwardPreProcessor.class);
            checkChained(mask, bottleneck, "sequenceLayers[1]");
            if (!(layerConfig(mask) instanceof MaskLayer)) {
                throw new IllegalArgumentException("sequenceLayers[1]: \"" + mask + "\" must be a MaskLayer (padded "
                        + "tokens must be zero before the convolution, as on the device)");
            }
            checkChained(conv, mask, "sequenceLayers[2]");
            int width = convolutionWidth(conv);
            DenseBlock window = convolutionBlock(conv, width, token.nOut());
            checkChained(pool, conv, "sequenceLayers[3]");
            Layer poolConfig = layerConfig(pool);
            if (!(poolConfig instanceof GlobalPoolingLayer)
                    || ((GlobalPoolingLayer) poolConfig).getPoolingType() != PoolingType.MAX) {
                throw new IllegalArgumentException("sequenceLayers[3]: \"" + pool + "\" must be a GlobalPoolingLayer "
                        + "with MAX pooling, the only pooling the runtime has; got " + poolConfig);
            }
            return SequenceEncoder.of(tokens.getMaxTokens(), stored(token), width, stored(window));
        }

        /** A float32 block as the export stores it: quantized to int8 for {@link WeightType#INT8}, else as it is. */
        private DenseBlock stored(DenseBlock block) {
            return weightType == WeightType.INT8 ? Int8Quantizer.quantize(block) : block;
        }

        /** The stages named by {@link #patchLayers}, checked one by one, as the runtime's encoder. */
        private PatchEncoder patchEncoder(PatchProjectionLayer layer) {
            List<ConvStage> stages = new ArrayList<>();
            String previous = projectionVertex;
            int i = 0;
            while (i < patchLayers.size()) {
                String conv = patchLayers.get(i);
                String what = "patchLayers[" + i + "]";
                checkChained(conv, previous, what);
                requireNoPreProcessor(conv, what);
                int kernel = convolutionKernel(conv, what);
                DenseBlock block = convolutionStageBlock(conv, kernel);
                previous = conv;
                i++;
                int pool = 1;
                if (i < patchLayers.size() && layerConfig(patchLayers.get(i)) instanceof SubsamplingLayer) {
                    String pooling = patchLayers.get(i);
                    what = "patchLayers[" + i + "]";
                    checkChained(pooling, previous, what);
                    requireNoPreProcessor(pooling, what);
                    pool = poolSize(pooling, what);
                    previous = pooling;
                    i++;
                }
                stages.add(ConvStage.of(kernel, stored(block), pool));
            }
            return PatchEncoder.of(layer.getWindow(), layer.getStride(), stages);
        }

        private int convolutionKernel(String name, String what) {
            Layer config = layerConfig(name);
            // Exactly this class: its subclasses (1-D, depthwise, separable, deconvolution) compute other things.
            if (config.getClass() != ConvolutionLayer.class) {
                throw new IllegalArgumentException(what + ": \"" + name + "\" is a " + config.getClass().getSimpleName()
                        + ", not a ConvolutionLayer (each patch stage starts with one)");
            }
            ConvolutionLayer c = (ConvolutionLayer) config;
            int[] k = c.getKernelSize();
            boolean plain = k[0] == k[1] && c.getStride()[0] == 1 && c.getStride()[1] == 1
                    && c.getDilation()[0] == 1 && c.getDilation()[1] == 1 && c.getPadding()[0] == 0
                    && c.getPadding()[1] == 0 && c.getConvolutionMode() != ConvolutionMode.Same
                    && c.getConvolutionMode() != ConvolutionMode.Causal && c.hasBias()
                    && c.getCnn2dDataFormat() == CNN2DFormat.NCHW;
            if (!plain) {
                throw new IllegalArgumentException(what + ": convolution \"" + name + "\" must have a square kernel, "
                        + "stride 1, dilation 1, no padding (ConvolutionMode.Truncate), NCHW data and a bias, as the "
                        + "runtime's stage computes; got kernel " + Arrays.toString(k) + ", stride "
                        + Arrays.toString(c.getStride()) + ", dilation " + Arrays.toString(c.getDilation())
                        + ", padding " + Arrays.toString(c.getPadding()) + ", mode " + c.getConvolutionMode()
                        + ", format " + c.getCnn2dDataFormat() + ", bias " + c.hasBias());
            }
            return k[0];
        }

        private int poolSize(String name, String what) {
            SubsamplingLayer p = (SubsamplingLayer) layerConfig(name);
            int[] k = p.getKernelSize();
            boolean plain = p.getPoolingType() == PoolingType.MAX && k[0] == k[1] && p.getStride()[0] == k[0]
                    && p.getStride()[1] == k[0] && p.getPadding()[0] == 0 && p.getPadding()[1] == 0
                    && p.getDilation()[0] == 1 && p.getDilation()[1] == 1
                    && p.getConvolutionMode() != ConvolutionMode.Same && p.getConvolutionMode() != ConvolutionMode.Causal
                    && p.getCnn2dDataFormat() == CNN2DFormat.NCHW;
            if (!plain) {
                throw new IllegalArgumentException(what + ": pooling \"" + name + "\" must be MAX over a square "
                        + "window at a stride of its size, no padding, dilation 1, ConvolutionMode.Truncate, NCHW, as "
                        + "the runtime's stage computes; got " + p.getPoolingType() + ", kernel " + Arrays.toString(k)
                        + ", stride " + Arrays.toString(p.getStride()) + ", padding " + Arrays.toString(p.getPadding())
                        + ", mode " + p.getConvolutionMode());
            }
            return k[0];
        }

        /**
         * A stage's convolution as the runtime's block {@code W_rt[(dy*k + dx)*Cin + ci][co] = W[co][ci][dy][dx]}:
         * DL4J's {@code [Cout, Cin, k, k]} permuted to {@code [k, k, Cin, Cout]} and read in row-major order.
         */
        private DenseBlock convolutionStageBlock(String name, int kernel) {
            ConvolutionLayer config = (ConvolutionLayer) layerConfig(name);
            org.deeplearning4j.nn.api.Layer layer = graph.getLayer(name);
            INDArray w = layer.getParam("W");
            int outChannels = (int) config.getNOut();
            int inChannels = (int) config.getNIn();
            long[] expected = {outChannels, inChannels, kernel, kernel};
            if (w == null || !Arrays.equals(w.shape(), expected)) {
                throw new IllegalArgumentException("convolution \"" + name + "\": expected W of shape "
                        + Arrays.toString(expected) + ", got " + (w == null ? "none" : Arrays.toString(w.shape())));
            }
            float[] weights = w.castTo(DataType.FLOAT).permute(2, 3, 1, 0).dup('c').data().asFloat();
            float[] bias = layer.getParam("b").castTo(DataType.FLOAT).dup('c').data().asFloat();
            IActivation activation = config.getActivationFn();
            Nonlinearity f = nonlinearity(name, activation, false);
            int nIn = kernel * kernel * inChannels;
            return f == Nonlinearity.LEAKY_RELU
                    ? DenseBlock.float32(nIn, outChannels, weights, bias, f, leakyAlpha(activation))
                    : DenseBlock.float32(nIn, outChannels, weights, bias, f);
        }

        private void requireNoPreProcessor(String name, String what) {
            GraphVertex vertex = graph.getConfiguration().getVertices().get(name);
            if (vertex instanceof LayerVertex && ((LayerVertex) vertex).getPreProcessor() != null) {
                throw new IllegalArgumentException(what + ": layer \"" + name + "\" has an input preprocessor ("
                        + ((LayerVertex) vertex).getPreProcessor().getClass().getSimpleName()
                        + "), which the runtime does not reproduce");
            }
        }

        /** The first dense layer after a patch map must flatten it in NCHW order, the runtime's {@code g}. */
        private void requireNchwFlattening(String name) {
            GraphVertex vertex = graph.getConfiguration().getVertices().get(name);
            Object pre = vertex instanceof LayerVertex ? ((LayerVertex) vertex).getPreProcessor() : null;
            if (pre instanceof CnnToFeedForwardPreProcessor
                    && ((CnnToFeedForwardPreProcessor) pre).getFormat() != CNN2DFormat.NCHW) {
                throw new IllegalArgumentException("denseLayers[0]: layer \"" + name + "\" flattens its input in "
                        + ((CnnToFeedForwardPreProcessor) pre).getFormat() + " order; the runtime reads the map in "
                        + "NCHW order (co*H*W + i*W + j)");
            }
        }

        private int convolutionWidth(String name) {
            Layer config = layerConfig(name);
            if (!(config instanceof Convolution1DLayer)) {
                throw new IllegalArgumentException("sequenceLayers[2]: \"" + name + "\" is a "
                        + config.getClass().getSimpleName() + ", not a Convolution1DLayer");
            }
            Convolution1DLayer c = (Convolution1DLayer) config;
            int width = c.getKernelSize()[0];
            if (c.getConvolutionMode() != ConvolutionMode.Same || c.getStride()[0] != 1 || c.getDilation()[0] != 1
                    || width % 2 == 0 || !c.hasBias()) {
                throw new IllegalArgumentException("sequenceLayers[2]: convolution \"" + name + "\" must have an odd "
                        + "kernel, stride 1, dilation 1, ConvolutionMode.Same and a bias (the runtime's zero padding of "
                        + "(k - 1) / 2 tokens each side), got kernel " + width + ", stride " + c.getStride()[0]
                        + ", dilation " + c.getDilation()[0] + ", mode " + c.getConvolutionMode());
            }
            return width;
        }

        /**
         * The convolution's weights as the window block {@code W_c[w * D + i][c]}. DL4J 1.0.0-M2.1's
         * Convolution1DLayer reports {@code W} as {@code [C, D, k, 1]}, but its buffer holds the weights in the
         * order its conv1d op reads them, {@code [k][D][C]}, which is the window block's row-major layout: the
         * buffer is taken as it is (SequenceJointExportParityTest pins this against DL4J's own forward pass).
         */
        private DenseBlock convolutionBlock(String name, int width, int inChannels) {
            Convolution1DLayer config = (Convolution1DLayer) layerConfig(name);
            org.deeplearning4j.nn.api.Layer layer = graph.getLayer(name);
            INDArray w = layer.getParam("W");
            int channels = (int) config.getNOut();
            if (w.length() != (long) width * inChannels * channels || w.ordering() != 'c') {
                throw new IllegalArgumentException("sequenceLayers[2]: convolution \"" + name + "\": expected "
                        + width + " x " + inChannels + " x " + channels + " weights in a c-ordered buffer, got "
                        + Arrays.toString(w.shape()) + " in order " + w.ordering());
            }
            float[] weights = w.castTo(DataType.FLOAT).dup('c').data().asFloat();
            float[] bias = layer.getParam("b").castTo(DataType.FLOAT).dup('c').data().asFloat();
            IActivation activation = config.getActivationFn();
            Nonlinearity f = nonlinearity(name, activation, false);
            return f == Nonlinearity.LEAKY_RELU
                    ? DenseBlock.float32(width * inChannels, channels, weights, bias, f, leakyAlpha(activation))
                    : DenseBlock.float32(width * inChannels, channels, weights, bias, f);
        }

        private BitLayer projectionLayer() {
            if (projectionVertex == null) {
                throw new IllegalArgumentException("projection: the name of the projection vertex is required");
            }
            Layer layer = layerConfig(projectionVertex);
            if (!(layer instanceof BitLayer)) {
                throw new IllegalArgumentException("projection: vertex \"" + projectionVertex + "\" is a "
                        + layer.getClass().getSimpleName() + ", not a ProjectionLayer, BitVectorInputLayer, "
                        + "TokenBitsInputLayer, SketchInputLayer or PatchProjectionLayer");
            }
            return (BitLayer) layer;
        }

        private InputSpec inputSpec(BitLayer bitLayer) {
            if (bitLayer instanceof PatchProjectionLayer) {
                PatchProjectionLayer patch = (PatchProjectionLayer) bitLayer;
                InputSpec image = InputSpec.image(patch.getHeight(), patch.getWidth(), patch.getChannels());
                if (input != null && !input.equals(image)) {
                    throw new IllegalArgumentException("input: patch projection \"" + projectionVertex + "\" reads "
                            + image + ", but input is " + input);
                }
                return image;
            }
            if (bitLayer instanceof ProjectionLayer) {
                long nIn = ((ProjectionLayer) bitLayer).getNIn();
                if (input == null) {
                    return InputSpec.dense((int) nIn);
                }
                if (input.kind() != InputKind.DENSE || input.nIn() != nIn) {
                    throw new IllegalArgumentException("input: projection layer \"" + projectionVertex + "\" takes "
                            + nIn + " dense values, but input is " + input);
                }
                return input;
            }
            if (input == null || input.kind() != InputKind.FEATURES) {
                throw new IllegalArgumentException("input: " + bitLayer.getClass().getSimpleName() + " \""
                        + projectionVertex + "\" gets its values from a featurizer; give InputSpec.features(featurizer"
                        + " config), got " + input);
            }
            return input;
        }

        private void checkChained(String name, String previous, String what) {
            List<String> inputs = graph.getConfiguration().getVertexInputs().get(name);
            if (inputs == null || inputs.size() != 1 || !inputs.get(0).equals(previous)) {
                throw new IllegalArgumentException(what + ": layer \"" + name + "\" must take its"
                        + " only input from \"" + previous + "\", but its inputs are " + inputs);
            }
        }

        /** @param allowed the one preprocessor class the layer may have (it only reshapes), or null for none */
        private DenseBlock denseBlock(String name, boolean last, Class<?> allowed) {
            Layer config = layerConfig(name);
            if (!(config instanceof DenseLayer) && !(config instanceof OutputLayer)) {
                throw new IllegalArgumentException("layer \"" + name + "\" is a " + config.getClass().getSimpleName()
                        + "; only DenseLayer and OutputLayer can be exported");
            }
            if (config instanceof DenseLayer && ((DenseLayer) config).hasLayerNorm()) {
                throw new IllegalArgumentException("layer \"" + name + "\" uses layer normalization, which the runtime"
                        + " does not reproduce");
            }
            GraphVertex vertex = graph.getConfiguration().getVertices().get(name);
            if (vertex instanceof LayerVertex && ((LayerVertex) vertex).getPreProcessor() != null
                    && !((LayerVertex) vertex).getPreProcessor().getClass().equals(allowed)) {
                throw new IllegalArgumentException("layer \"" + name + "\" has an input preprocessor ("
                        + ((LayerVertex) vertex).getPreProcessor().getClass().getSimpleName()
                        + "), which the runtime does not reproduce");
            }
            FeedForwardLayer ff = (FeedForwardLayer) config;
            org.deeplearning4j.nn.api.Layer layer = graph.getLayer(name);
            INDArray w = layer.getParam("W");
            int nIn = (int) ff.getNIn();
            int nOut = (int) ff.getNOut();
            if (w == null || w.rank() != 2 || w.size(0) != nIn || w.size(1) != nOut) {
                throw new IllegalArgumentException("layer \"" + name + "\": expected W of shape [" + nIn + ", " + nOut
                        + "], got " + (w == null ? "none" : Arrays.toString(w.shape())));
            }
            float[] weights = w.castTo(DataType.FLOAT).dup('c').data().asFloat();
            boolean quantizationAware = ((BaseLayer) config).getWeightNoise() instanceof Int8FakeQuantWeights;
            if (weightType == WeightType.FLOAT32 && quantizationAware) {
                // Trained quantization-aware, the layer computes with its int8 weights: float32 keeps exactly those.
                // INT8 quantizes the trained W itself, which gives the same q and scales.
                weights = Int8Quantizer.fakeQuantize(weights, nIn, nOut);
            }
            boolean hasBias = config instanceof DenseLayer ? ((DenseLayer) config).hasBias()
                    : ((BaseOutputLayer) config).hasBias();
            float[] bias = hasBias ? layer.getParam("b").castTo(DataType.FLOAT).dup('c').data().asFloat()
                    : new float[nOut];
            // Quantization-aware training wraps a hidden activation; the device quantizes z and applies the same f.
            IActivation activation = ff.getActivationFn() instanceof Int8FakeQuantActivation
                    ? ((Int8FakeQuantActivation) ff.getActivationFn()).getActivation() : ff.getActivationFn();
            Nonlinearity f = nonlinearity(name, activation, last);
            float alpha = leakyAlpha(activation);
            return f == Nonlinearity.LEAKY_RELU ? DenseBlock.float32(nIn, nOut, weights, bias, f, alpha)
                    : DenseBlock.float32(nIn, nOut, weights, bias, f);
        }

        private Layer layerConfig(String name) {
            GraphVertex vertex = graph.getConfiguration().getVertices().get(name);
            if (vertex == null) {
                throw new IllegalArgumentException("the graph has no vertex named \"" + name + "\"; its vertices are "
                        + graph.getConfiguration().getVertices().keySet());
            }
            if (!(vertex instanceof LayerVertex)) {
                throw new IllegalArgumentException("vertex \"" + name + "\" is a " + vertex.getClass().getSimpleName()
                        + ", not a layer");
            }
            return ((LayerVertex) vertex).getLayerConf().getLayer();
        }
    }

    /**
     * The runtime function of a DL4J activation; softmax only on the last layer, where it becomes logits.
     *
     * @throws IllegalArgumentException naming {@code layer} when the runtime has no equivalent
     */
    public static Nonlinearity nonlinearity(String layer, IActivation a, boolean last) {
        if (last) {
            if (a instanceof ActivationSoftmax || a instanceof ActivationIdentity) {
                return Nonlinearity.IDENTITY;
            }
            throw new IllegalArgumentException("layer \"" + layer + "\" gives the logits and must use softmax (or"
                    + " identity, when a softmax loss follows), got " + a);
        }
        if (a instanceof ActivationIdentity) {
            return Nonlinearity.IDENTITY;
        }
        if (a instanceof ActivationReLU) {
            ActivationReLU relu = (ActivationReLU) a;
            boolean plain = relu.getMax() == null && (relu.getThreshold() == null || relu.getThreshold() == 0.0);
            if (plain) {
                return relu.getNegativeSlope() == null || relu.getNegativeSlope() == 0.0 ? Nonlinearity.RELU
                        : Nonlinearity.LEAKY_RELU;
            }
        }
        if (a instanceof ActivationLReLU) {
            return Nonlinearity.LEAKY_RELU;
        }
        if (a instanceof ActivationTanH) {
            return Nonlinearity.TANH;
        }
        if (a instanceof ActivationSigmoid) {
            return Nonlinearity.SIGMOID;
        }
        if (a instanceof ActivationHardTanH) {
            return Nonlinearity.HARD_TANH;
        }
        throw new IllegalArgumentException("layer \"" + layer + "\": activation " + a + " has no on-device"
                + " equivalent; use identity, relu, leakyrelu, tanh, sigmoid or hardtanh");
    }

    private static float leakyAlpha(IActivation a) {
        if (a instanceof ActivationLReLU) {
            return (float) ((ActivationLReLU) a).getAlpha();
        }
        if (a instanceof ActivationReLU && ((ActivationReLU) a).getNegativeSlope() != null) {
            return ((ActivationReLU) a).getNegativeSlope().floatValue();
        }
        return DenseBlock.DEFAULT_LEAKY_ALPHA;
    }

    private static List<String> defaultLabels(int n) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            names.add(Integer.toString(j));
        }
        return names;
    }
}
