package io.github.dl4jprojection.runtime.model;

import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.INVALID_VALUE;
import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.SIZE_OUT_OF_RANGE;

import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.util.Map;

/**
 * Format version 1, docs/FORMAT.md section 3: projection (20 bytes), the DENSE shape or the
 * featurizer section, {@code numLayers} dense layers (float32 or int8), labels, provenance.
 * <pre>
 *   u32 T, u32 d, i64 seed, u8 k, u8 encoding, u8 inputKind, u8 0
 *   DENSE:    u32 nIn, u32 height, u32 width, u32 channels
 *   FEATURES: str kind, u32 version, map settings
 *   u32 numLayers, then per layer: u32 nIn, u32 nOut, u8 f, u8 weightType, u16 0, f32 alpha,
 *       FLOAT32: f32[nIn * nOut] W;  INT8: f32[nOut] scales, i8[nIn * nOut] q;  then f32[nOut] bias
 *       (version 3 adds INT8_FIXED, whose record {@link #layer} also reads when the caller allows it)
 *   u32 numLabels, str[numLabels];  map provenance
 * </pre>
 * Frozen: what this class reads and writes is pinned byte for byte by {@code golden/v1}. {@link FormatV2} reuses
 * its input-section and layer-record helpers, whose layout version 2 keeps.
 */
final class FormatV1 implements FormatCodec {

    @Override
    public int version() {
        return 1;
    }

    @Override
    public ProjectionModel read(ContentReader in) throws ModelFormatException {
        ProjectionModel.Builder builder = ProjectionModel.builder();
        ProjectionHeader projection = ProjectionHeader.read(in);
        in.reserved(1);
        projection.readInput(in, builder, false);
        return layersLabelsProvenance(in, builder, projection.spec.numBits(), NO_FIXED_BEFORE_V3);
    }

    /**
     * The first 19 bytes of the projection section, which every version shares (T, d, seed, sparsityLog2,
     * bitEncoding, inputKind); the byte after them is reserved in version 1 and the model family from version 2.
     */
    static final class ProjectionHeader {
        final ProjectionSpec spec;
        final BitEncoding encoding;
        final InputKind kind;

        private ProjectionHeader(ProjectionSpec spec, BitEncoding encoding, InputKind kind) {
            this.spec = spec;
            this.encoding = encoding;
            this.kind = kind;
        }

        static ProjectionHeader read(ContentReader in) throws ModelFormatException {
            long t = in.u32("numFunctions (T)", 1, ProjectionSpec.MAX_BITS);
            long d = in.u32("bitsPerFunction (d)", 1, ProjectionSpec.MAX_BITS);
            if (t * d > ProjectionSpec.MAX_BITS) {
                throw in.error(SIZE_OUT_OF_RANGE, in.position() - 8, "T * d = " + t + " * " + d + " exceeds "
                        + ProjectionSpec.MAX_BITS);
            }
            long seed = in.i64("seed");
            int k = in.u8("sparsityLog2", ProjectionSpec.MAX_SPARSITY_LOG2);
            int encodingCode = in.u8("bitEncoding", 1);
            int kindAt = in.position();
            InputKind kind = InputKind.ofCode(in.u8("inputKind", 255));
            if (kind == null) {
                throw in.error(INVALID_VALUE, kindAt, "unknown inputKind " + in.byteAt(kindAt)
                        + " (0 DENSE, 1 FEATURES)");
            }
            ProjectionSpec spec = ProjectionSpec.builder().numFunctions((int) t).bitsPerFunction((int) d).seed(seed)
                    .density(1.0 / (1 << k)).build();
            return new ProjectionHeader(spec, encodingCode == 0 ? BitEncoding.ZERO_ONE : BitEncoding.PLUS_MINUS_ONE,
                    kind);
        }

        /**
         * Sets the projection and encoding on {@code builder}, reads the input section (section 3.2) and returns it;
         * {@code patches}: a PATCH model, which projects patches (its section checks their size), not the input.
         */
        InputSpec readInput(ContentReader in, ProjectionModel.Builder builder, boolean patches)
                throws ModelFormatException {
            builder.projection(spec).encoding(encoding);
            InputSpec input = kind == InputKind.DENSE ? denseInput(in, patches ? null : spec) : featureInput(in);
            builder.input(input);
            return input;
        }
    }

    /** Why a version-1 or version-2 file cannot hold weight type 2. */
    static final String NO_FIXED_BEFORE_V3 = "weightType 2 (INT8_FIXED) needs format version 3";

    /**
     * The part every version shares after the input (and any encoder) sections: the dense layers, the first
     * taking {@code width} inputs, the labels and the provenance, to the end of the content; then the model.
     * {@code noFixed} is why INT8_FIXED layers are refused, or null where they are allowed (version 3).
     */
    static ProjectionModel layersLabelsProvenance(ContentReader in, ProjectionModel.Builder builder, long width,
                                                  String noFixed) throws ModelFormatException {
        long numLayers = in.u32("numLayers", 1, PnetFormat.MAX_LAYERS);
        for (int l = 0; l < numLayers; l++) {
            DenseBlock layer = layer(in, l, width, noFixed);
            builder.addLayer(layer);
            width = layer.nOut;
        }
        int labelsAt = in.position();
        long numLabels = in.u32("numLabels", 2, PnetFormat.MAX_LAYER_WIDTH);
        if (numLabels != width) {
            throw in.error(INVALID_VALUE, labelsAt, "numLabels is " + numLabels + " but the logits layer has "
                    + width + " outputs");
        }
        // Each label takes at least its 4-byte length: check before sizing the array.
        in.needDeclared(4 * numLabels, "the " + numLabels + " labels");
        String[] labels = new String[(int) numLabels];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = in.string("label " + i);
        }
        builder.labels(labels);
        for (Map.Entry<String, String> e : in.map("provenance").entrySet()) {
            builder.provenance(e.getKey(), e.getValue());
        }
        in.expectEnd("provenance");
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(INVALID_VALUE, "invalid model: " + e.getMessage(), e);
        }
    }

    /** A DENSE input section; {@code spec}, when not null, projects the whole input and bounds its size. */
    static InputSpec denseInput(ContentReader in, ProjectionSpec spec) throws ModelFormatException {
        int at = in.position();
        long nIn = in.u32("nIn", 1, PnetFormat.MAX_DENSE_INPUTS);
        if (spec != null && nIn * spec.numWords() > PnetFormat.MAX_PROJECTION_MASK_WORDS) {
            throw in.error(SIZE_OUT_OF_RANGE, at, "nIn * ceil(T * d / 64) = " + nIn + " * " + spec.numWords()
                    + " exceeds " + PnetFormat.MAX_PROJECTION_MASK_WORDS);
        }
        int shapeAt = in.position();
        long h = in.u32("height", 0, PnetFormat.MAX_DENSE_INPUTS);
        long w = in.u32("width", 0, PnetFormat.MAX_DENSE_INPUTS);
        long c = in.u32("channels", 0, PnetFormat.MAX_DENSE_INPUTS);
        if (h == 0 && w == 0 && c == 0) {
            return InputSpec.dense((int) nIn);
        }
        if (h == 0 || w == 0 || c == 0 || h * w * c != nIn) {
            throw in.error(INVALID_VALUE, shapeAt, "image shape " + h + " x " + w + " x " + c
                    + " must be all zero or multiply to nIn = " + nIn);
        }
        return InputSpec.image((int) h, (int) w, (int) c);
    }

    static InputSpec featureInput(ContentReader in) throws ModelFormatException {
        String kind = in.string("featurizer kind");
        long version = in.u32("featurizer version", 1, Integer.MAX_VALUE);
        Map<String, String> settings = in.map("featurizer setting");
        try {
            return InputSpec.features(FeaturizerSection.of(kind, (int) version, settings));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(INVALID_VALUE, "invalid featurizer section: " + e.getMessage(), e);
        }
    }

    /** A layer record; {@code noFixed} is why weight type INT8_FIXED is refused here, or null if it is allowed. */
    static DenseBlock layer(ContentReader in, int l, long expectedIn, String noFixed) throws ModelFormatException {
        String name = "layer " + l;
        int at = in.position();
        long nIn = in.u32(name + " nIn", 1, PnetFormat.MAX_LAYER_WIDTH);
        if (nIn != expectedIn) {
            throw in.error(INVALID_VALUE, at, name + " nIn is " + nIn + " but its input has " + expectedIn + " values");
        }
        long nOut = in.u32(name + " nOut", 1, PnetFormat.MAX_LAYER_WIDTH);
        int codeAt = in.position();
        Nonlinearity f = Nonlinearity.ofCode(in.u8(name + " nonlinearity", 255));
        if (f == null) {
            throw in.error(INVALID_VALUE, codeAt, name + ": unknown nonlinearity code " + in.byteAt(codeAt));
        }
        WeightType type = WeightType.ofCode(in.u8(name + " weightType", 255));
        if (type == null) {
            throw in.error(INVALID_VALUE, codeAt + 1, name + ": unknown weightType code " + in.byteAt(codeAt + 1));
        }
        if (type == WeightType.INT8_FIXED && noFixed != null) {
            throw in.error(INVALID_VALUE, codeAt + 1, name + ": " + noFixed);
        }
        in.reserved(2);
        float alpha = in.f32(name + " alpha");
        if (type == WeightType.INT8_FIXED) {
            return fixedLayer(in, name, (int) nIn, (int) nOut, f, alpha);
        }
        long count = nIn * nOut;
        long bytes = type == WeightType.FLOAT32 ? 4 * count + 4 * nOut : 4 * nOut + count + 4 * nOut;
        in.needDeclared(bytes, name + " parameters (" + nIn + " x " + nOut + " " + type + ")");
        try {
            if (type == WeightType.FLOAT32) {
                float[] w = in.floats((int) count);
                return DenseBlock.float32((int) nIn, (int) nOut, w, in.floats((int) nOut), f, alpha);
            }
            float[] scales = in.floats((int) nOut);
            byte[] q = in.bytes((int) count);
            return DenseBlock.int8((int) nIn, (int) nOut, q, scales, in.floats((int) nOut), f, alpha);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(INVALID_VALUE, name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The rest of an INT8_FIXED record (version 3, docs/FORMAT.md 11.2): {@code f32 preScale, f32 outputScale,
     * i8[nIn * nOut] q, i32[nOut] bias, i32[nOut] multipliers, u8[nOut] shifts}, then {@code i8[256]} table for a
     * tabled function.
     */
    private static DenseBlock fixedLayer(ContentReader in, String name, int nIn, int nOut, Nonlinearity f, float alpha)
            throws ModelFormatException {
        float preScale = in.f32(name + " preScale");
        float outputScale = in.f32(name + " outputScale");
        long count = (long) nIn * nOut;
        boolean tabled = DenseBlock.usesTable(f);
        in.needDeclared(count + 9L * nOut + (tabled ? DenseBlock.TABLE_SIZE : 0),
                name + " parameters (" + nIn + " x " + nOut + " INT8_FIXED)");
        byte[] q = in.bytes((int) count);
        int[] bias = in.ints(nOut);
        int[] multipliers = in.ints(nOut);
        byte[] shifts = in.bytes(nOut);
        byte[] table = tabled ? in.bytes(DenseBlock.TABLE_SIZE) : null;
        try {
            return DenseBlock.int8Fixed(nIn, nOut, q, bias, multipliers, shifts, table, preScale, outputScale, f,
                    alpha);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(INVALID_VALUE, name + ": " + e.getMessage(), e);
        }
    }

    /** Refuses to write integer-only layers in a version that cannot hold them. */
    static void checkNoFixed(ProjectionModel model, int version) {
        if (model.isFixedPoint()) {
            throw new IllegalArgumentException("format version " + version + " cannot hold INT8_FIXED layers"
                    + " (version 3 can)");
        }
    }

    @Override
    public void write(ProjectionModel model, ContentWriter s) {
        if (model.family() != ModelFamily.BAG) {
            throw new IllegalArgumentException("format version 1 cannot hold a " + model.family() + " model (version "
                    + FormatV2.firstVersion(model.family()) + " can)");
        }
        checkNoFixed(model, 1);
        writeProjection(model, s);
        s.u8(0);
        writeInput(model.input(), s);
        writeLayersLabelsProvenance(model, s);
    }

    /** The projection fields every version starts with: T, d, seed, sparsity, bit encoding, input kind. */
    static void writeProjection(ProjectionModel model, ContentWriter s) {
        ProjectionSpec spec = model.projectionSpec();
        s.u32(spec.numFunctions());
        s.u32(spec.bitsPerFunction());
        s.i64(spec.seed());
        s.u8(spec.sparsityLog2());
        s.u8(model.encoding() == BitEncoding.ZERO_ONE ? 0 : 1);
        s.u8(model.input().kind().code());
    }

    /** The input section: a dense input's size and shape, or the featurizer section. */
    static void writeInput(InputSpec input, ContentWriter s) {
        if (input.kind() == InputKind.DENSE) {
            s.u32(input.nIn());
            s.u32(input.height());
            s.u32(input.width());
            s.u32(input.channels());
        } else {
            FeaturizerSection f = input.featurizer();
            s.string(f.kind());
            s.u32(f.version());
            s.map(f.settings());
        }
    }

    /** What {@link #layersLabelsProvenance} reads: the dense layers, the labels and the provenance. */
    static void writeLayersLabelsProvenance(ProjectionModel model, ContentWriter s) {
        s.u32(model.layers().size());
        for (DenseBlock layer : model.layers()) {
            writeLayer(layer, s);
        }
        s.u32(model.numLabels());
        for (String label : model.labels()) {
            s.string(label);
        }
        s.map(model.provenance());
    }

    /** One layer record of section 3.3: {@code nIn, nOut, f, weightType, 0, alpha}, the weights, the bias. */
    static void writeLayer(DenseBlock layer, ContentWriter s) {
        s.u32(layer.nIn);
        s.u32(layer.nOut);
        s.u8(layer.nonlinearity.code());
        s.u8(layer.weightType.code());
        s.u8(0);
        s.u8(0);
        s.f32(layer.alpha);
        if (layer.weightType == WeightType.INT8_FIXED) {
            s.f32(layer.preScale);
            s.f32(layer.outputScale);
            s.bytes(layer.quantized);
            for (int b : layer.fixedBias) {
                s.u32(b);
            }
            for (int m : layer.multipliers) {
                s.u32(m);
            }
            s.bytes(layer.shifts);
            if (layer.table != null) {
                s.bytes(layer.table);
            }
            return;
        }
        if (layer.weightType == WeightType.FLOAT32) {
            for (float w : layer.weights) {
                s.f32(w);
            }
        } else {
            for (float scale : layer.scales) {
                s.f32(scale);
            }
            s.bytes(layer.quantized);
        }
        for (float b : layer.bias) {
            s.f32(b);
        }
    }
}
