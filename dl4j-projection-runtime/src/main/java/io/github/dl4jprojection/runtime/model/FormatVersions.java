package io.github.dl4jprojection.runtime.model;

/**
 * The one list of the {@code .pnet} format versions this runtime implements. {@link ModelReader}
 * dispatches on it, {@link ModelWriter} writes the newest, and {@link PnetFormat#VERSION} (which
 * the C exporter stamps into the emitted runtime) is taken from it: registering a codec here is the
 * only edit a new version needs outside its own class.
 */
final class FormatVersions {

    /** Oldest first; the last is the version written. Readers keep every version they ever read. */
    private static final FormatCodec[] CODECS = {new FormatV1(), new FormatV2(), new FormatV3(), new FormatV4(),
        new FormatV5()};

    private FormatVersions() {
    }

    /** The codec of the version {@link ModelWriter} writes. */
    static FormatCodec newest() {
        return CODECS[CODECS.length - 1];
    }

    /** The codec for a header's (unsigned) formatVersion, or null if this runtime does not read it. */
    static FormatCodec forVersion(long version) {
        for (FormatCodec codec : CODECS) {
            if (codec.version() == version) {
                return codec;
            }
        }
        return null;
    }

    /** The versions read, oldest first. */
    static int[] versions() {
        int[] v = new int[CODECS.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = CODECS[i].version();
        }
        return v;
    }
}
