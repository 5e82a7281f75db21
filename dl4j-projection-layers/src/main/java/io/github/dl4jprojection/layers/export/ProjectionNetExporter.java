package io.github.dl4jprojection.layers.export;

import io.github.dl4jprojection.layers.BitLayer;
import io.github.dl4jprojection.layers.BitVectorInputLayer;
import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.internal.model.Int8Quantizer;
import io.github.dl4jprojection.runtime.internal.model.LibraryVersion;
import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.InputKind;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.ProvenanceKeys;
import io.github.dl4jprojection.runtime.model.WeightType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
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
 * left out.
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
        return joint.labelNames().isEmpty() ? builder : builder.labels(joint.labelNames());
    }

    /** Settings of one export; {@link #export()} validates them and builds the model. */
    public static final class Builder {
        private final ComputationGraph graph;
        private String projectionVertex;
        private List<String> denseLayers = Collections.emptyList();
        private List<String> labels;
        private WeightType weightType = WeightType.FLOAT32;
        private InputSpec input;
        private Instant createdAt;
        private final Map<String, String> provenance = new LinkedHashMap<>();

        private Builder(ComputationGraph graph) {
            this.graph = graph;
        }

        /** Name of the vertex holding the {@link ProjectionLayer} or {@link BitVectorInputLayer}; required. */
        public Builder projection(String vertexName) {
            this.projectionVertex = vertexName;
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

        /** FLOAT32 (default) or INT8 post-training quantization with per-output scales. */
        public Builder weights(WeightType type) {
            this.weightType = type;
            return this;
        }

        /**
         * The input description. Default for a {@link ProjectionLayer}: a dense vector of its nIn
         * values (give {@link InputSpec#image} to record an image shape). Required for a
         * {@link BitVectorInputLayer}: {@link InputSpec#features} naming the featurizer that makes the bits.
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
            if (denseLayers == null || denseLayers.isEmpty()) {
                throw new IllegalArgumentException("denseLayers: name at least the logits layer");
            }
            ProjectionModel.Builder model = ProjectionModel.builder()
                    .projection(bitLayer.projectionSpec())
                    .encoding(bitLayer.getEncoding())
                    .input(inputSpec(bitLayer));
            String previous = projectionVertex;
            for (int l = 0; l < denseLayers.size(); l++) {
                String name = denseLayers.get(l);
                checkChained(name, previous, l);
                DenseBlock block = denseBlock(name, l == denseLayers.size() - 1);
                model.addLayer(weightType == WeightType.INT8 ? Int8Quantizer.quantize(block) : block);
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

        private BitLayer projectionLayer() {
            if (projectionVertex == null) {
                throw new IllegalArgumentException("projection: the name of the projection vertex is required");
            }
            Layer layer = layerConfig(projectionVertex);
            if (!(layer instanceof BitLayer)) {
                throw new IllegalArgumentException("projection: vertex \"" + projectionVertex + "\" is a "
                        + layer.getClass().getSimpleName() + ", not a ProjectionLayer or BitVectorInputLayer");
            }
            return (BitLayer) layer;
        }

        private InputSpec inputSpec(BitLayer bitLayer) {
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
                throw new IllegalArgumentException("input: bit-vector input \"" + projectionVertex + "\" gets its bits"
                        + " from a featurizer; give InputSpec.features(featurizer config), got " + input);
            }
            return input;
        }

        private void checkChained(String name, String previous, int index) {
            List<String> inputs = graph.getConfiguration().getVertexInputs().get(name);
            if (inputs == null || inputs.size() != 1 || !inputs.get(0).equals(previous)) {
                throw new IllegalArgumentException("denseLayers[" + index + "]: layer \"" + name + "\" must take its"
                        + " only input from \"" + previous + "\", but its inputs are " + inputs);
            }
        }

        private DenseBlock denseBlock(String name, boolean last) {
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
            if (vertex instanceof LayerVertex && ((LayerVertex) vertex).getPreProcessor() != null) {
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
            boolean hasBias = config instanceof DenseLayer ? ((DenseLayer) config).hasBias()
                    : ((BaseOutputLayer) config).hasBias();
            float[] bias = hasBias ? layer.getParam("b").castTo(DataType.FLOAT).dup('c').data().asFloat()
                    : new float[nOut];
            IActivation activation = ff.getActivationFn();
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
