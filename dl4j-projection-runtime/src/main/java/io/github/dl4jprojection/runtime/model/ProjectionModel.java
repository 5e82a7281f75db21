package io.github.dl4jprojection.runtime.model;

import io.github.dl4jprojection.runtime.internal.model.AndroidApi26;
import io.github.dl4jprojection.runtime.internal.projection.CountSketch;
import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.internal.projection.PatchBits;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exported projection network (Ravi, ICML 2019, arXiv 1708.00630): an LSH projection of the
 * input to {@code B = T * d} bits, zero or more hidden dense layers and a logits layer, then
 * softmax over the labels. Immutable and thread-safe.
 * <pre>
 *   bits   = LshProjection(spec).project(x)                     B bits
 *   h0     = encode(bits)                                         B floats, {0,1} or {-1,+1}
 *   h(l+1) = f_l(h(l) W_l + b_l)                                  W_l: [n_l][n_(l+1)]
 *   label  = argmax(h_L),  p = softmax(h_L)                       L = number of layers
 * </pre>
 * A <em>sequence model</em> ({@link #sequenceEncoder()} not null; text only, format version 2) projects every
 * token of a text to {@code B} bits instead ({@code TokenProjection}), and its {@link SequenceEncoder}
 * (bottleneck, convolution over the tokens, max pooling) turns them into the first dense layer's input:
 * <pre>
 *   bits_t = LSH(spec, features of token t)   t &lt; n;   g = SequenceEncoder(bits_0 .. bits_(n-1))   C floats
 *   h(l+1) = f_l(h(l) W_l + b_l) with h0 = g, as above
 * </pre>
 * A <em>sketch model</em> ({@link #family()} {@link ModelFamily#SKETCH}; text only, format version 4) hashes the
 * text's feature bag with signs into {@code B = T * d} buckets instead ({@code CountSketch}: square-root weights,
 * unit L2 norm), and those {@code B} floats are the first dense layer's input:
 * <pre>
 *   v[b] = sum over features j with bucket b of s_j * sqrt(w_j);   h0 = v / ||v||_2          B floats
 * </pre>
 * A <em>patch model</em> ({@link #family()} {@link ModelFamily#PATCH}; images only, format version 5) projects every
 * {@code p x p} patch of the image to {@code B} bits instead ({@code PatchBits}), and its {@link PatchEncoder}
 * (convolutions and max pooling over the bit map) turns them into the first dense layer's input:
 * <pre>
 *   a0[b][i][j] = encode(bit b of LSH(spec, patch (i, j)));   g = PatchEncoder(a0)        C * H * W floats
 * </pre>
 * {@link #load(Path)} reads a {@code .pnet} file (docs/FORMAT.md); {@link ModelWriter} writes one.
 * Loading validates everything and prepares the projection once; {@link #predictor()} then gives a
 * per-thread {@link Predictor} whose calls allocate nothing. The convenience methods here
 * ({@link #predict(float[])}, {@link #scores(float[], float[])}) use one predictor per calling thread.
 * <pre>{@code
 * // Training side (dl4j-projection-layers): the label names given to the joint model go into the file.
 * JointProjectionModel joint = new JointProjectionModel.Builder().trainer(net).freezeTrainer(true)
 *         .labelNames("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
 *                 "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")
 *         .projectionLayer(new ProjectionLayer.Builder().numFunctions(16).bitsPerFunction(8).build()).build();
 * ModelWriter.write(ProjectionNetExporter.from(joint).input(InputSpec.image(28, 28, 1)).export(),
 *         Paths.get("fashion.pnet"));
 *
 * // Device side (this module only).
 * ProjectionModel model = ProjectionModel.load(Paths.get("fashion.pnet"));
 * int label = model.predict(pixels);       // float[784], in the scale the projection saw in training
 * String name = model.labelName(label);    // "Trouser"; "1" had no names been given at export
 * }</pre>
 */
public final class ProjectionModel {

    private final ProjectionSpec spec;
    private final BitEncoding encoding;
    private final InputSpec input;
    private final SequenceEncoder sequence;
    private final PatchEncoder patch;
    /** A PATCH model's projection of every patch; null otherwise (then {@link #projection} is set). */
    private final PatchBits patchBits;
    private final ModelFamily family;
    /** The bucket hashing of a SKETCH model; null otherwise. */
    private final CountSketch sketch;
    /** A PLUS_MINUS_ONE sequence model's bottleneck {@link DenseBlock#withSignedRows with signed rows}; else null. */
    private final DenseBlock signedTokenLayer;
    private final List<DenseBlock> layers;
    private final DenseBlock[] layerArray;
    private final List<String> labels;
    private final Map<String, Integer> labelIndex;
    private final Map<String, String> provenance;
    private final LshProjection projection;
    private final int maxWidth;
    private final boolean fixedPoint;
    private final ThreadLocal<Predictor> threadPredictor;

    private ProjectionModel(Builder b, List<DenseBlock> layers, List<String> labels, Map<String, Integer> labelIndex,
                            Map<String, String> provenance, LshProjection projection, PatchBits patchBits,
                            int maxWidth) {
        this.spec = b.spec;
        this.encoding = b.encoding;
        this.input = b.input;
        this.sequence = b.sequence;
        this.patch = b.patch;
        this.patchBits = patchBits;
        this.family = b.family();
        this.sketch = family == ModelFamily.SKETCH ? new CountSketch(spec.numBits(), spec.seed()) : null;
        this.signedTokenLayer = sequence != null && encoding == BitEncoding.PLUS_MINUS_ONE
                ? sequence.tokenLayer().withSignedRows() : null;
        this.layers = layers;
        this.layerArray = layers.toArray(new DenseBlock[0]);
        this.labels = labels;
        this.labelIndex = labelIndex;
        this.provenance = provenance;
        this.projection = projection;
        this.maxWidth = maxWidth;
        this.fixedPoint = layerArray[0].weightType == WeightType.INT8_FIXED;
        // Not ThreadLocal.withInitial: Android has it from API level 26 only.
        this.threadPredictor = new ThreadLocal<Predictor>() {
            @Override
            protected Predictor initialValue() {
                return predictor();
            }
        };
    }

    /** A builder for a model; used by the exporter and by tests. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding all of this model's parts, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder().projection(spec).encoding(encoding).input(input).sequenceEncoder(sequence)
                .patchEncoder(patch).family(family == ModelFamily.SKETCH ? family : null).labels(labels);
        for (DenseBlock layer : layers) {
            b.addLayer(layer);
        }
        for (Map.Entry<String, String> e : provenance.entrySet()) {
            b.provenance(e.getKey(), e.getValue());
        }
        return b;
    }

    /**
     * Reads and validates a {@code .pnet} file. Needs Android API level 26 ({@code java.nio.file}); from level 21,
     * use {@link #load(InputStream)} (an asset's stream, a {@code FileInputStream}) or {@link #load(byte[])}.
     *
     * @throws ModelFormatException if the file is not a valid model (the message says why)
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws IOException if reading fails
     */
    @AndroidApi26
    public static ProjectionModel load(Path file) throws IOException {
        return ModelReader.read(file);
    }

    /**
     * Reads and validates a {@code .pnet} model that makes up the whole of {@code in}; does not
     * close the stream.
     *
     * @throws ModelFormatException if the stream does not hold exactly one valid model
     */
    public static ProjectionModel load(InputStream in) throws IOException {
        return ModelReader.read(in);
    }

    /**
     * Reads and validates a {@code .pnet} model from bytes.
     *
     * @throws ModelFormatException if the bytes are not exactly one valid model
     */
    public static ProjectionModel load(byte[] bytes) throws ModelFormatException {
        return ModelReader.read(bytes);
    }

    /** A new predictor with its own scratch buffers: use one per thread. */
    public Predictor predictor() {
        return new Predictor(this);
    }

    /**
     * The label index for a dense input, with this thread's predictor; see {@link Predictor#predict(float[])}.
     *
     * @param x the {@code input().nIn()} input values in the scale the projection saw during training, not
     *     rescaled: if the training iterator fed raw 0..255 pixels (a trainer that wants 0..1 scales them inside
     *     its graph), give raw 0..255 pixels here; if it fed 0..1, give 0..1. Images row-major, as flattened for
     *     training. Another scale gives other bits and so a wrong label, without an error.
     * @throws IllegalArgumentException if {@code x} is null, has the wrong length or a non-finite value
     */
    public int predict(float[] x) {
        return threadPredictor.get().predict(x);
    }

    /**
     * Writes label probabilities for a dense input and returns the label index, with this thread's
     * predictor; see {@link Predictor#scores(float[], float[])}.
     */
    public int scores(float[] x, float[] probabilities) {
        return threadPredictor.get().scores(x, probabilities);
    }

    /** The label index for a bag of hashed features; see {@link Predictor#predictFeatures}. */
    public int predictFeatures(long[] keys, float[] weights, int count) {
        return threadPredictor.get().predictFeatures(keys, weights, count);
    }

    /** Label probabilities for a bag of hashed features; see {@link Predictor#scoresFeatures}. */
    public int scoresFeatures(long[] keys, float[] weights, int count, float[] probabilities) {
        return threadPredictor.get().scoresFeatures(keys, weights, count, probabilities);
    }

    /** The projection configuration (T, d, seed, density). */
    public ProjectionSpec projectionSpec() {
        return spec;
    }

    /** How bits are presented to the first dense layer. */
    public BitEncoding encoding() {
        return encoding;
    }

    /** What the model takes as input. */
    public InputSpec input() {
        return input;
    }

    /** The token encoder of a sequence model; null for a bag model (one projection of the whole input). */
    public SequenceEncoder sequenceEncoder() {
        return sequence;
    }

    /** The image encoder of a PATCH model; null for every other family. */
    public PatchEncoder patchEncoder() {
        return patch;
    }

    /** How the input becomes the first dense layer's input: BAG, SEQUENCE, SKETCH or PATCH. */
    public ModelFamily family() {
        return family;
    }

    /** The count sketch of a SKETCH model, null otherwise; shared by the predictors. */
    CountSketch countSketch() {
        return sketch;
    }

    /** See {@link #signedTokenLayer}: prepared once here, shared by the predictors. */
    DenseBlock signedTokenLayer() {
        return signedTokenLayer;
    }

    /** The dense layers, first to last (the last gives the logits); unmodifiable. */
    public List<DenseBlock> layers() {
        return layers;
    }

    /**
     * The label names; index {@code i} is the name of output {@code i}; unmodifiable. They are the names given at
     * export (the exporter's {@code labels(...)}, or the joint model's {@code labelNames(...)}); a model exported
     * without names has "0", "1", ..., "K-1".
     */
    public List<String> labels() {
        return labels;
    }

    /** The number of labels (outputs of the logits layer). */
    public int numLabels() {
        return labels.size();
    }

    /**
     * The name of label {@code index} (its decimal index when no names were given at export, see {@link #labels()}).
     *
     * @throws IllegalArgumentException if {@code index} is not in {@code [0, numLabels())}
     */
    public String labelName(int index) {
        if (index < 0 || index >= labels.size()) {
            throw new IllegalArgumentException("label index must be in [0, " + labels.size() + "), got " + index);
        }
        return labels.get(index);
    }

    /**
     * The index of the label called {@code name}.
     *
     * @throws IllegalArgumentException if the model has no such label
     */
    public int labelIndex(String name) {
        Integer i = labelIndex.get(name);
        if (i == null) {
            throw new IllegalArgumentException("unknown label " + (name == null ? "null" : Utf8.quote(name))
                    + "; this model's labels are " + labels);
        }
        return i;
    }

    /** The provenance entries in file order; unmodifiable. */
    public Map<String, String> provenance() {
        return provenance;
    }

    /** The number of stored parameters (weights, scales, biases) of the encoder and the dense layers; the projection has none. */
    public long numParameters() {
        long n = sequence != null ? sequence.numParameters() : patch != null ? patch.numParameters() : 0;
        for (DenseBlock layer : layers) {
            n += layer.numParameters();
        }
        return n;
    }

    /**
     * Whether the dense layers run on integers only ({@link WeightType#INT8_FIXED}, format version 3): then
     * {@link Predictor#integerLogits} gives the int32 logits, and the float logits are those times
     * {@link #logitScale()}.
     */
    public boolean isFixedPoint() {
        return fixedPoint;
    }

    /**
     * The real value of one unit of an integer logit.
     *
     * @throws IllegalStateException unless {@link #isFixedPoint()}
     */
    public float logitScale() {
        if (!fixedPoint) {
            throw new IllegalStateException("a float model has float logits; logitScale() is for INT8_FIXED models");
        }
        return layerArray[layerArray.length - 1].outputScale;
    }

    /** The projection of the whole input, prepared at build time; null for a PATCH model (see {@link #patchBits}). */
    LshProjection projection() {
        return projection;
    }

    /** A PATCH model's projection of every patch, prepared at build time; null otherwise. */
    PatchBits patchBits() {
        return patchBits;
    }

    DenseBlock[] layerArray() {
        return layerArray;
    }

    /** The widest vector of a forward pass: {@code max(T * d, nOut of every layer)}, and every map of a PATCH model. */
    int maxWidth() {
        return maxWidth;
    }

    @Override
    public String toString() {
        return "ProjectionModel{" + spec + ", " + encoding + ", " + input
                + (sequence == null ? "" : ", " + sequence) + (patch == null ? "" : ", " + patch) + ", layers=" + layers
                + ", labels=" + labels.size() + "}";
    }

    /** Validating builder; {@link #build()} applies every rule a reader applies to a file. */
    public static final class Builder {
        private ProjectionSpec spec;
        private BitEncoding encoding = BitEncoding.PLUS_MINUS_ONE;
        private InputSpec input;
        private SequenceEncoder sequence;
        private PatchEncoder patch;
        private ModelFamily family;
        private final List<DenseBlock> layers = new ArrayList<>();
        private List<String> labels;
        private final LinkedHashMap<String, String> provenance = new LinkedHashMap<>();

        private Builder() {
        }

        /** The projection configuration; required. */
        public Builder projection(ProjectionSpec spec) {
            this.spec = spec;
            return this;
        }

        /** The bit encoding the first layer was trained on; default PLUS_MINUS_ONE. */
        public Builder encoding(BitEncoding encoding) {
            this.encoding = encoding;
            return this;
        }

        /** The input description; required. */
        public Builder input(InputSpec input) {
            this.input = input;
            return this;
        }

        /**
         * Makes this a sequence model (text input only): the per-token bits go through {@code encoder} before the
         * dense layers, whose first {@code nIn} is then the encoder's output width. Default null: a bag model.
         */
        public Builder sequenceEncoder(SequenceEncoder encoder) {
            this.sequence = encoder;
            return this;
        }

        /**
         * Makes this a patch model (family PATCH, image input only): every patch of the image is projected to
         * {@code T * d} bits and {@code encoder} turns the bit map into the first dense layer's input, whose
         * {@code nIn} is then {@link PatchEncoder#outputWidth}. Default null.
         */
        public Builder patchEncoder(PatchEncoder encoder) {
            this.patch = encoder;
            return this;
        }

        /**
         * The model family; default (null) BAG, or SEQUENCE (PATCH) when a {@link #sequenceEncoder} ({@link
         * #patchEncoder}) is set. A SKETCH model
         * takes text (FEATURES) input, a spec of density 1 whose {@code T * d} is the number of buckets and whose
         * seed is the sketch's, the ZERO_ONE encoding (unused: there are no bits) and FLOAT32 or INT8 layers.
         */
        public Builder family(ModelFamily family) {
            this.family = family;
            return this;
        }

        /** The family set, or the one the sequence or patch encoder implies. */
        private ModelFamily family() {
            return family != null ? family : sequence != null ? ModelFamily.SEQUENCE
                    : patch != null ? ModelFamily.PATCH : ModelFamily.BAG;
        }

        /** Appends a dense layer; the last one added is the logits layer. */
        public Builder addLayer(DenseBlock layer) {
            this.layers.add(layer);
            return this;
        }

        /** Replaces the dense layers. */
        public Builder layers(List<DenseBlock> layers) {
            this.layers.clear();
            if (layers != null) {
                this.layers.addAll(layers);
            }
            return this;
        }

        /** The label names, in output order; required. */
        public Builder labels(List<String> labels) {
            this.labels = labels == null ? null : new ArrayList<>(labels);
            return this;
        }

        /** The label names, in output order; required. */
        public Builder labels(String... labels) {
            return labels(labels == null ? null : Arrays.asList(labels));
        }

        /** Adds or replaces one provenance entry; entries keep the order of their first addition. */
        public Builder provenance(String key, String value) {
            provenance.put(key, value);
            return this;
        }

        /**
         * Builds the model and prepares its projection.
         *
         * @throws IllegalArgumentException naming the part that breaks a rule of docs/FORMAT.md
         */
        public ProjectionModel build() {
            if (spec == null) {
                throw new IllegalArgumentException("projection spec must be set");
            }
            if (encoding == null) {
                throw new IllegalArgumentException("encoding must not be null");
            }
            if (input == null) {
                throw new IllegalArgumentException("input must be set");
            }
            // A PATCH model projects patches, not the whole image: its masks are those of one patch.
            long projected = patch == null || input.kind() != InputKind.DENSE ? input.nIn()
                    : (long) patch.window() * patch.window() * input.channels();
            if (input.kind() == InputKind.DENSE
                    && projected * spec.numWords() > PnetFormat.MAX_PROJECTION_MASK_WORDS) {
                throw new IllegalArgumentException((patch == null ? "nIn" : "window * window * channels")
                        + " * ceil(T * d / 64) must be at most " + PnetFormat.MAX_PROJECTION_MASK_WORDS + ", got "
                        + projected + " * " + spec.numWords());
            }
            if (input.kind() == InputKind.FEATURES && FeaturizerConfig.KIND.equals(input.featurizer().kind())
                    && input.featurizer().version() == FeaturizerConfig.VERSION) {
                // This runtime's own featurizer: its settings are checked here, at load, not at the first text.
                // Other kinds and versions stay loadable for predictions from bags (docs/FORMAT.md 3.2).
                try {
                    FeaturizerConfig.fromSection(input.featurizer());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("featurizer section (" + FeaturizerConfig.KIND + "): "
                            + e.getMessage(), e);
                }
            }
            if ((family() == ModelFamily.SEQUENCE) != (sequence != null)) {
                throw new IllegalArgumentException("family " + family() + (sequence != null
                        ? " cannot have a sequence encoder" : " needs a sequence encoder"));
            }
            if ((family() == ModelFamily.PATCH) != (patch != null)) {
                throw new IllegalArgumentException("family " + family() + (patch != null
                        ? " cannot have a patch encoder" : " needs a patch encoder"));
            }
            if (family() == ModelFamily.SKETCH) {
                checkSketch();
            }
            double inputBound = 1.0;
            int inputWidth = spec.numBits();
            int[][] patchShapes = null;
            if (patch != null) {
                patchShapes = checkPatch();
                for (int l = 0; l < patch.stages().size(); l++) {
                    // Max pooling keeps the bounds of the convolutions' outputs.
                    inputBound = checkBound(patch.stages().get(l).conv(), inputBound, "patch stages[" + l + "]");
                }
                inputWidth = patch.outputWidth(input.height(), input.width(), spec.numBits());
            }
            if (sequence != null) {
                if (input.kind() != InputKind.FEATURES) {
                    throw new IllegalArgumentException("a sequence encoder needs text (FEATURES) input, got "
                            + input.kind());
                }
                DenseBlock token = sequence.tokenLayer();
                if (token.nIn != spec.numBits()) {
                    throw new IllegalArgumentException("sequence encoder: tokenLayer.nIn must be T * d = "
                            + spec.numBits() + ", got " + token.nIn);
                }
                // Zero padding and max pooling keep the bounds of the blocks' outputs.
                inputBound = checkBound(sequence.convLayer(), checkBound(token, 1.0, "sequence token layer"),
                        "sequence convolution");
                inputWidth = sequence.outputWidth();
            }
            List<DenseBlock> layerCopy = checkLayers(inputWidth, inputBound);
            List<String> labelCopy = checkLabels(layerCopy.get(layerCopy.size() - 1).nOut);
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < labelCopy.size(); i++) {
                if (index.put(labelCopy.get(i), i) != null) {
                    throw new IllegalArgumentException("labels must be distinct; " + Utf8.quote(labelCopy.get(i))
                            + " appears twice");
                }
            }
            Map<String, String> provenanceCopy = FeaturizerSection.copyMap(provenance, "provenance");
            int maxWidth = spec.numBits();
            if (sequence != null) {
                maxWidth = Math.max(maxWidth, Math.max(sequence.tokenLayer().nOut, sequence.outputWidth()));
            }
            for (DenseBlock layer : layerCopy) {
                maxWidth = Math.max(maxWidth, layer.nOut);
            }
            LshProjection projection = null;
            PatchBits patchBits = null;
            if (patch != null) {
                for (int[] shape : patchShapes) {
                    maxWidth = Math.max(maxWidth, shape[0] * shape[1] * shape[2]);
                }
                patchBits = new PatchBits(spec, input.height(), input.width(), input.channels(), patch.window(),
                        patch.stride());
            } else {
                projection = input.kind() == InputKind.DENSE
                        ? LshProjection.forDenseInput(spec, input.nIn()) : LshProjection.forFeatures(spec);
            }
            return new ProjectionModel(this, Collections.unmodifiableList(layerCopy),
                    Collections.unmodifiableList(labelCopy), index, provenanceCopy, projection, patchBits, maxWidth);
        }

        /** A PATCH model's rules but the bounds; the map shapes. */
        private int[][] checkPatch() {
            if (input.kind() != InputKind.DENSE || !input.hasImageShape()) {
                throw new IllegalArgumentException("a PATCH model needs an image input (InputSpec.image), got "
                        + input);
            }
            if (!layers.isEmpty() && layers.get(0) != null && layers.get(0).weightType == WeightType.INT8_FIXED) {
                throw new IllegalArgumentException("INT8_FIXED layers are for bag models: a PATCH model cannot be"
                        + " exported integer-only yet; use FLOAT32 or INT8 weights");
            }
            try {
                return patch.shapes(input.height(), input.width(), spec.numBits());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("patch encoder: " + e.getMessage(), e);
            }
        }

        /** A SKETCH model's rules; its values are bounded by 1 like bits, so the layers' bounds hold as they are. */
        private void checkSketch() {
            if (input.kind() != InputKind.FEATURES) {
                throw new IllegalArgumentException("a SKETCH model needs text (FEATURES) input, got " + input.kind());
            }
            if (spec.sparsityLog2() != 0) {
                throw new IllegalArgumentException("a SKETCH model's spec must have density 1 (a sketch has no"
                        + " density), got " + spec.density());
            }
            if (encoding != BitEncoding.ZERO_ONE) {
                throw new IllegalArgumentException("a SKETCH model's encoding must be ZERO_ONE (it has no bits to"
                        + " encode), got " + encoding);
            }
            if (!layers.isEmpty() && layers.get(0) != null && layers.get(0).weightType == WeightType.INT8_FIXED) {
                throw new IllegalArgumentException("INT8_FIXED layers need integer inputs; a SKETCH model's inputs"
                        + " are floats: use FLOAT32 or INT8 weights");
            }
        }

        private static double checkBound(DenseBlock layer, double inBound, String name) {
            double bound = outputBound(layer, inBound);
            if (!(bound <= PnetFormat.MAX_ACTIVATION_BOUND)) {
                throw new IllegalArgumentException(name + " can overflow float32: its outputs are only bounded by "
                        + bound + " (limit " + PnetFormat.MAX_ACTIVATION_BOUND + ")");
            }
            return bound;
        }

        private List<DenseBlock> checkLayers(int inputWidth, double inputBound) {
            if (layers.isEmpty()) {
                throw new IllegalArgumentException("layers: at least one dense layer (the logits layer) is required");
            }
            if (layers.size() > PnetFormat.MAX_LAYERS) {
                throw new IllegalArgumentException("layers: at most " + PnetFormat.MAX_LAYERS + " are allowed, got "
                        + layers.size());
            }
            int width = inputWidth;
            double bound = inputBound;
            boolean fixed = layers.get(0) != null && layers.get(0).weightType == WeightType.INT8_FIXED;
            if (fixed && sequence != null) {
                throw new IllegalArgumentException("INT8_FIXED layers are for bag models (DENSE or FEATURES input):"
                        + " a sequence model cannot be exported integer-only yet; use FLOAT32 or INT8 weights");
            }
            long fixedInBound = 1;
            for (int l = 0; l < layers.size(); l++) {
                DenseBlock layer = layers.get(l);
                if (layer == null) {
                    throw new IllegalArgumentException("layers[" + l + "] must not be null");
                }
                if (fixed != (layer.weightType == WeightType.INT8_FIXED)) {
                    throw new IllegalArgumentException("layers[" + l + "] is " + layer.weightType + " but layers[0] is "
                            + layers.get(0).weightType + ": an integer-only model has INT8_FIXED layers only");
                }
                if (fixed) {
                    if (layer.nIn != width) {
                        throw new IllegalArgumentException("layers[" + l + "].nIn must be " + width + ", got "
                                + layer.nIn);
                    }
                    checkFixedBound(layer, fixedInBound, l, l == layers.size() - 1);
                    fixedInBound = 128;
                    width = layer.nOut;
                    continue;
                }
                if (layer.nIn != width) {
                    throw new IllegalArgumentException("layers[" + l + "].nIn must be " + width + " ("
                            + (l == 0 ? (sequence != null ? "the sequence encoder's output width" : patch != null
                            ? "the patch encoder's output width, C * H * W"
                            : family() == ModelFamily.SKETCH ? "the buckets, T * d" : "T * d")
                            : "layers[" + (l - 1) + "].nOut") + "), got " + layer.nIn);
                }
                bound = outputBound(layer, bound);
                if (!(bound <= PnetFormat.MAX_ACTIVATION_BOUND)) {
                    throw new IllegalArgumentException("layers[" + l + "] can overflow float32: its outputs are only"
                            + " bounded by " + bound + " (limit " + PnetFormat.MAX_ACTIVATION_BOUND + ")");
                }
                width = layer.nOut;
            }
            DenseBlock last = layers.get(layers.size() - 1);
            if (last.nonlinearity != Nonlinearity.IDENTITY) {
                throw new IllegalArgumentException("the last layer gives the logits and must be IDENTITY (softmax"
                        + " follows it), got " + last.nonlinearity);
            }
            return new ArrayList<>(layers);
        }

        /**
         * The integer overflow bound of docs/FORMAT.md section 11.4: with {@code |x_q[i]| <= inBound} (1 for the
         * encoded bits, 128 for an int8 activation), {@code A[j] = |b_q[j]| + inBound * sum_i |q[i][j]|} must fit
         * int32 (every partial sum is then in range too), and for the last layer so must the requantized
         * {@code (A[j] * m[j] + 2^shift[j]) >> shift[j]}; and the float logit {@code (2^31) * scale} must stay
         * below the activation bound. All in 64-bit integers: {@code A < 2^32} and {@code m < 2^31}.
         */
        private static void checkFixedBound(DenseBlock layer, long inBound, int l, boolean last) {
            for (int j = 0; j < layer.nOut; j++) {
                long sum = 0;
                for (int i = 0, k = j; i < layer.nIn; i++, k += layer.nOut) {
                    sum += Math.abs(layer.quantized[k]);
                }
                long a = Math.abs((long) layer.fixedBias[j]) + inBound * sum;
                if (a > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("layers[" + l + "] output " + j + " can overflow its int32"
                            + " accumulator: |bias| + " + inBound + " * sum |q| = " + a + " > 2^31 - 1");
                }
                int shift = layer.shifts[j];
                long r = shift == 0 ? a * layer.multipliers[j] : (a * layer.multipliers[j] + (1L << shift)) >> shift;
                if (last && r > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("layers[" + l + "] (the logits) output " + j + " can overflow"
                            + " int32 after requantization: up to " + r + " > 2^31 - 1");
                }
            }
            if (last && !(layer.outputScale * 0x1p31 <= PnetFormat.MAX_ACTIVATION_BOUND)) {
                throw new IllegalArgumentException("layers[" + l + "] logit scale " + layer.outputScale + " can make a"
                        + " float logit exceed " + PnetFormat.MAX_ACTIVATION_BOUND);
            }
        }

        /**
         * Interval bound of {@code |y|} given {@code |x[i]| <= inBound}: {@code max_j f(sum_i inBound
         * |W[i][j]| + |b[j]|)}, also bounding the int8 pre-scale sum. Computed in double.
         */
        private static double outputBound(DenseBlock layer, double inBound) {
            double worst = 0;
            for (int j = 0; j < layer.nOut; j++) {
                double sum = 0;
                for (int i = 0; i < layer.nIn; i++) {
                    int k = i * layer.nOut + j;
                    sum += layer.weightType == WeightType.FLOAT32 ? Math.abs(layer.weights[k])
                            : Math.abs(layer.quantized[k]) * (double) Math.max(1f, layer.scales[j]);
                }
                sum = sum * inBound + Math.abs(layer.bias[j]);
                worst = Math.max(worst, sum);
            }
            return layer.nonlinearity.bound(worst, layer.alpha);
        }

        private List<String> checkLabels(int logits) {
            if (labels == null) {
                throw new IllegalArgumentException("labels must be set");
            }
            if (labels.size() < 2) {
                throw new IllegalArgumentException("labels: at least 2 are required, got " + labels.size());
            }
            if (labels.size() != logits) {
                throw new IllegalArgumentException("labels: the logits layer has " + logits + " outputs but "
                        + labels.size() + " labels are given");
            }
            for (int i = 0; i < labels.size(); i++) {
                if (Utf8.encode(labels.get(i), "labels[" + i + "]").length == 0) {
                    throw new IllegalArgumentException("labels[" + i + "] must not be empty");
                }
            }
            return new ArrayList<>(labels);
        }
    }
}
