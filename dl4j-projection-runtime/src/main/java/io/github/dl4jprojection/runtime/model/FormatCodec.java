package io.github.dl4jprojection.runtime.model;

/**
 * The content layout of one {@code .pnet} format version: how a {@link ProjectionModel} becomes the
 * checksummed content bytes and back. The 20-byte header (magic, version, content length, CRC-32) is
 * the same for every version, so {@link ModelReader} checks it, then hands the content to the codec
 * that {@link FormatVersions} registers for the header's version; {@link ModelWriter} frames what the
 * newest codec writes.
 *
 * <p>A codec is stateless and never changes once its version has been released: a new layout is a
 * new codec class (docs/FORMAT.md, "Adding a version"), so files of every earlier version keep
 * loading exactly as before.
 */
interface FormatCodec {

    /** The header's formatVersion this codec reads and writes. */
    int version();

    /**
     * Parses the whole content, checking every rule of this version's specification.
     *
     * @throws ModelFormatException naming the field, its content offset and the rule it breaks
     */
    ProjectionModel read(ContentReader in) throws ModelFormatException;

    /**
     * Appends the content of {@code model}; the same model always gives the same bytes. Only the
     * newest codec writes new files; an older one reproduces files of its version (golden tests).
     */
    void write(ProjectionModel model, ContentWriter out);
}
