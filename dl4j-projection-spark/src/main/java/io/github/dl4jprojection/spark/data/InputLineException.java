package io.github.dl4jprojection.spark.data;

/**
 * A bad input line found on a worker. It travels back to the driver inside Spark's job failure, where
 * {@link InputErrors} turns it into a {@code DataFileException} naming the file and its 1-based line.
 */
public final class InputLineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long splitStart;
    private final long lineInSplit;
    private final long byteOffset;
    private final String problem;

    InputLineException(String file, long splitStart, long lineInSplit, long byteOffset, String problem) {
        super(file + " (line at byte " + byteOffset + "): " + problem);
        this.file = file;
        this.splitStart = splitStart;
        this.lineInSplit = lineInSplit;
        this.byteOffset = byteOffset;
        this.problem = problem;
    }

    /** The file, as a Hadoop path URI. */
    public String file() {
        return file;
    }

    /** What is wrong with the line. */
    public String problem() {
        return problem;
    }

    /** Byte offset of the line in the file. */
    public long byteOffset() {
        return byteOffset;
    }

    /** The 1-based line number when the worker knew it (its split started the file), else -1. */
    long knownLine() {
        return splitStart == 0 ? lineInSplit + 1 : -1;
    }
}
