package io.github.dl4jprojection.spark.data;

import java.io.Serializable;

/**
 * One line of an input file as a worker read it, with where it came from: the file, the start of the Hadoop
 * input split that held it, its index within that split and its byte offset in the file. The line number is
 * {@code lineInSplit + 1} when the split starts the file, else it is found from the byte offset when an error is
 * reported ({@link InputErrors}). Bytes are the raw UTF-8 of the line without its line break.
 */
public final class SourceLine implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long splitStart;
    private final long lineInSplit;
    private final long byteOffset;
    private final byte[] utf8;

    SourceLine(String file, long splitStart, long lineInSplit, long byteOffset, byte[] utf8) {
        this.file = file;
        this.splitStart = splitStart;
        this.lineInSplit = lineInSplit;
        this.byteOffset = byteOffset;
        this.utf8 = utf8;
    }

    /** The file, as a Hadoop path URI. */
    public String file() {
        return file;
    }

    /** The line's raw UTF-8 bytes (not copied). */
    byte[] utf8() {
        return utf8;
    }

    /** Byte offset of the line's first byte in the file. */
    public long byteOffset() {
        return byteOffset;
    }

    /** An error about this line, to be thrown on the worker. */
    InputLineException error(String problem) {
        return new InputLineException(file, splitStart, lineInSplit, byteOffset, problem);
    }
}
