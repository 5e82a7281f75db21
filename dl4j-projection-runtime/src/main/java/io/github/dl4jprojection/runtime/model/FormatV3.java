package io.github.dl4jprojection.runtime.model;

/**
 * Format version 3, docs/FORMAT.md section 11: version 2's layout with one more weight type for the dense layers of
 * a bag model, {@link WeightType#INT8_FIXED} (code 2), whose record after the common {@code nIn, nOut, f, type, 0,
 * alpha} is
 * <pre>
 *   f32 preScale, f32 outputScale, i8[nIn * nOut] q, i32[nOut] bias, i32[nOut] multipliers, u8[nOut] shifts,
 *   i8[256] table (TANH, SIGMOID, LEAKY_RELU, HARD_TANH only)
 * </pre>
 * Every other model's bytes differ from version 2's only in the header's version. Frozen once released:
 * {@code golden/v3} pins it.
 */
final class FormatV3 implements FormatCodec {

    @Override
    public int version() {
        return 3;
    }

    @Override
    public ProjectionModel read(ContentReader in) throws ModelFormatException {
        return FormatV2.read(in, null, ModelFamily.SEQUENCE);
    }

    @Override
    public void write(ProjectionModel model, ContentWriter s) {
        FormatV2.checkFamily(model, 3);
        FormatV2.writeContent(model, s);
    }
}
