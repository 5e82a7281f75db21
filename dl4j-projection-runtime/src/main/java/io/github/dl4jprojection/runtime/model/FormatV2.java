package io.github.dl4jprojection.runtime.model;

import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.INVALID_VALUE;

/**
 * Format version 2, docs/FORMAT.md "The .pnet model format, version 2": version 1's layout, with the model family
 * in the projection section's last byte (reserved in version 1) and, for the SEQUENCE family, the
 * {@link SequenceEncoder} section between the input section and the dense layers.
 * <pre>
 *   u32 T, u32 d, i64 seed, u8 k, u8 encoding, u8 inputKind, u8 family (0 BAG, 1 SEQUENCE; 2 SKETCH from version 4,
 *                                                                     3 PATCH from version 5: {@link FormatV5})
 *   DENSE:    u32 nIn, u32 height, u32 width, u32 channels
 *   FEATURES: str kind, u32 version, map settings
 *   SEQUENCE: u32 maxTokens, layer token (nIn = T * d), u32 convWidth, layer conv (nIn = convWidth * token nOut),
 *             u8 pooling (0 MAX), u8[3] 0
 *   u32 numLayers, layer[numLayers]     (a layer record is version 1's: u32 nIn, u32 nOut, u8 f, u8 weightType,
 *                                        u16 0, f32 alpha, weights, f32[nOut] bias)
 *   u32 numLabels, str[numLabels];  map provenance
 * </pre>
 * A BAG model's bytes differ from version 1's only in the header's version. Frozen once released, like
 * {@link FormatV1}: {@code golden/v2} pins it.
 */
final class FormatV2 implements FormatCodec {

    static final int POOLING_MAX = 0;

    @Override
    public int version() {
        return 2;
    }

    @Override
    public ProjectionModel read(ContentReader in) throws ModelFormatException {
        return read(in, FormatV1.NO_FIXED_BEFORE_V3, ModelFamily.SEQUENCE);
    }

    /**
     * This version's layout; {@code noFixed} is why INT8_FIXED dense layers are refused, or null where they are
     * allowed ({@link FormatV3}, {@link FormatV4}, whose layout this is otherwise); {@code newestFamily} is the
     * last family the version knows (SKETCH from version 4, PATCH from version 5, whose section {@link FormatV5#patch}
     * reads).
     */
    static ProjectionModel read(ContentReader in, String noFixed, ModelFamily newestFamily)
            throws ModelFormatException {
        ProjectionModel.Builder builder = ProjectionModel.builder();
        FormatV1.ProjectionHeader projection = FormatV1.ProjectionHeader.read(in);
        int familyAt = in.position();
        ModelFamily family = ModelFamily.ofCode(in.u8("model family", newestFamily.code()));
        InputKind needed = family == ModelFamily.PATCH ? InputKind.DENSE : InputKind.FEATURES;
        if (family != ModelFamily.BAG && projection.kind != needed) {
            throw in.error(INVALID_VALUE, familyAt, "a " + family + " model needs " + needed + (needed
                    == InputKind.DENSE ? " (image)" : " (text)") + " input, got " + projection.kind);
        }
        builder.family(family);
        int inputAt = in.position();
        InputSpec input = projection.readInput(in, builder, family == ModelFamily.PATCH);
        long width = projection.spec.numBits();
        if (family == ModelFamily.SEQUENCE) {
            SequenceEncoder encoder = sequence(in, width);
            builder.sequenceEncoder(encoder);
            width = encoder.outputWidth();
        } else if (family == ModelFamily.PATCH) {
            if (!input.hasImageShape()) {
                throw in.error(INVALID_VALUE, inputAt + 4, "a PATCH model needs an image shape (height, width and"
                        + " channels non-zero), got " + input);
            }
            PatchEncoder encoder = FormatV5.patch(in, input, projection.spec);
            builder.patchEncoder(encoder);
            width = encoder.outputWidth(input.height(), input.width(), projection.spec.numBits());
        }
        return FormatV1.layersLabelsProvenance(in, builder, width, noFixed);
    }

    /** The SEQUENCE section; its layer records are checked like dense layers (sizes before allocation). */
    private static SequenceEncoder sequence(ContentReader in, long bitsPerToken) throws ModelFormatException {
        long maxTokens = in.u32("maxTokens", 1, SequenceEncoder.MAX_TOKENS);
        DenseBlock token = layerNamed(in, "sequence token layer", bitsPerToken);
        int widthAt = in.position();
        long convWidth = in.u32("convWidth", 1, SequenceEncoder.MAX_CONV_WIDTH);
        if (convWidth % 2 == 0) {
            throw in.error(INVALID_VALUE, widthAt, "convWidth must be odd, got " + convWidth);
        }
        DenseBlock conv = layerNamed(in, "sequence convolution", convWidth * token.nOut);
        int poolingAt = in.position();
        int pooling = in.u8("pooling", 255);
        if (pooling != POOLING_MAX) {
            throw in.error(INVALID_VALUE, poolingAt, "unknown pooling code " + pooling + " (0 MAX)");
        }
        in.reserved(3);
        try {
            return SequenceEncoder.of((int) maxTokens, token, (int) convWidth, conv);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(INVALID_VALUE, "invalid sequence encoder: " + e.getMessage(), e);
        }
    }

    /**
     * A layer record whose messages name {@code name}: {@link FormatV1#layer} names dense layers by index, so
     * its message is prefixed here ("sequence token layer: at content offset 228: layer 0 nIn is 31 but ...").
     */
    private static DenseBlock layerNamed(ContentReader in, String name, long expectedIn) throws ModelFormatException {
        try {
            return FormatV1.layer(in, 0, expectedIn, "a sequence layer cannot be INT8_FIXED");
        } catch (ModelFormatException e) {
            throw new ModelFormatException(e.problem(), name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(ProjectionModel model, ContentWriter s) {
        FormatV1.checkNoFixed(model, 2);
        checkFamily(model, 2);
        writeContent(model, s);
    }

    /** The first format version of {@code family}. */
    static int firstVersion(ModelFamily family) {
        return family == ModelFamily.BAG ? 1 : family == ModelFamily.SEQUENCE ? 2 : family == ModelFamily.SKETCH
                ? 4 : 5;
    }

    /** Refuses a model whose family is newer than {@code version}. */
    static void checkFamily(ProjectionModel model, int version) {
        if (firstVersion(model.family()) > version) {
            throw new IllegalArgumentException("format version " + version + " cannot hold a " + model.family()
                    + " model (version " + firstVersion(model.family()) + " can)");
        }
    }

    /** This version's layout, which {@link FormatV3}, {@link FormatV4} and {@link FormatV5} share. */
    static void writeContent(ProjectionModel model, ContentWriter s) {
        FormatV1.writeProjection(model, s);
        SequenceEncoder sequence = model.sequenceEncoder();
        s.u8(model.family().code());
        FormatV1.writeInput(model.input(), s);
        if (sequence != null) {
            s.u32(sequence.maxTokens());
            FormatV1.writeLayer(sequence.tokenLayer(), s);
            s.u32(sequence.convWidth());
            FormatV1.writeLayer(sequence.convLayer(), s);
            s.u8(POOLING_MAX);
            s.u8(0);
            s.u8(0);
            s.u8(0);
        }
        if (model.patchEncoder() != null) {
            FormatV5.writePatch(model.patchEncoder(), s);
        }
        FormatV1.writeLayersLabelsProvenance(model, s);
    }
}
