package io.github.dl4jprojection.runtime.model;

/**
 * Constants of the {@code .pnet} model format (specified in {@code docs/FORMAT.md}): the magic
 * number, the format version this library writes and the limits a reader enforces before it
 * allocates anything. The limits are part of the format: a file that exceeds one is invalid.
 */
public final class PnetFormat {

    /** The customary file name extension. */
    public static final String FILE_EXTENSION = ".pnet";
    /**
     * Bytes 0..7 of every file: {@code 0x89 'P' 'N' 'E' 'T' '\r' '\n' 0x1A}. Like PNG's, the
     * non-ASCII first byte and the CR LF pair reveal transfers that altered bytes as text.
     */
    public static final byte[] MAGIC = {(byte) 0x89, 'P', 'N', 'E', 'T', '\r', '\n', 0x1A};
    /**
     * The format version this library writes: the newest it implements. It also reads every earlier
     * version it ever implemented. Not a literal: it is the newest codec registered in
     * {@code FormatVersions}, so the C exporter and the writer cannot disagree with the reader.
     */
    public static final int VERSION = FormatVersions.newest().version();
    /** Size of the fixed header: magic (8), version (4), content length (4), CRC-32 (4). */
    public static final int HEADER_BYTES = 20;

    /** Largest content length; models for devices are far smaller. */
    public static final int MAX_CONTENT_BYTES = 1 << 28;
    /** Largest dense input length {@code nIn}. */
    public static final int MAX_DENSE_INPUTS = 1 << 20;
    /**
     * Largest {@code nIn * ceil(T * d / 64)}: the Java runtime precomputes two masks of that many
     * words (at most 64 MiB), so this bounds the memory a file can make a reader allocate.
     */
    public static final int MAX_PROJECTION_MASK_WORDS = 1 << 22;
    /** Largest number of dense layers. */
    public static final int MAX_LAYERS = 64;
    /** Largest {@code nOut} of a dense layer, hence also the largest number of labels. */
    public static final int MAX_LAYER_WIDTH = 1 << 16;
    /** Largest encoded length of one string, in UTF-8 bytes. */
    public static final int MAX_STRING_BYTES = (1 << 16) - 1;
    /** Largest number of entries of a key/value map (provenance, featurizer settings). */
    public static final int MAX_MAP_ENTRIES = 4096;
    /**
     * Largest bound on any activation, computed at load by interval arithmetic; keeps every
     * float32 value of a forward pass far from overflow, so prediction never yields NaN or infinity.
     */
    public static final double MAX_ACTIVATION_BOUND = 1e30;

    private PnetFormat() {
    }
}
