package io.github.dl4jprojection.runtime.model;

/**
 * Format version 4, docs/FORMAT.md section 12: version 3's layout with one more model family, {@link
 * ModelFamily#SKETCH} (code 2 in the projection section's family byte), whose first dense layer takes the count
 * sketch of the text's features ({@code CountSketch}: {@code B = T * d} buckets, the projection's seed) instead of
 * bits. A SKETCH model has FEATURES input, sparsity 0 and encoding ZERO_ONE, and no section of its own. Every other
 * model's bytes differ from version 3's only in the header's version. Frozen once released: {@code golden/v4} pins
 * it.
 */
final class FormatV4 implements FormatCodec {

    @Override
    public int version() {
        return 4;
    }

    @Override
    public ProjectionModel read(ContentReader in) throws ModelFormatException {
        return FormatV2.read(in, null, ModelFamily.SKETCH);
    }

    @Override
    public void write(ProjectionModel model, ContentWriter s) {
        FormatV2.checkFamily(model, 4);
        FormatV2.writeContent(model, s);
    }
}
