package io.github.dl4jprojection.runtime.model;

import java.io.IOException;

/**
 * A {@code .pnet} model file (or stream, or byte array) that this reader cannot accept: not a model
 * file, a format version it does not implement, a corrupted or truncated file, or content that breaks
 * one of the rules of {@code docs/FORMAT.md}. The message says what is wrong and, for content
 * errors, where; {@link #problem()} classifies it for programs.
 */
public final class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What kind of rule the file breaks. */
    public enum Problem {
        /** The first 8 bytes are not the {@code .pnet} magic: not a model file. */
        BAD_MAGIC,
        /** The header names a format version this reader does not implement. */
        UNSUPPORTED_VERSION,
        /** The file ends before the header or the declared content does. */
        TRUNCATED,
        /** Bytes follow the declared content, or the content has bytes after its last section. */
        TRAILING_BYTES,
        /** The CRC-32 of the content differs from the header's: the file was corrupted. */
        CHECKSUM_MISMATCH,
        /** A declared size or dimension is negative, above a format limit or larger than the bytes left. */
        SIZE_OUT_OF_RANGE,
        /** A value is not allowed: unknown code, non-zero reserved field, NaN weight, bad UTF-8, inconsistent shapes. */
        INVALID_VALUE
    }

    private final Problem problem;

    /** A format error of the given kind with a message that says what is wrong. */
    public ModelFormatException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    /** A format error caused by another exception (for example a rejected UTF-8 sequence). */
    public ModelFormatException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    /** The kind of rule the file breaks. */
    public Problem problem() {
        return problem;
    }
}
