package io.github.dl4jprojection.data;

import java.io.IOException;

/**
 * A data file that exists but cannot be used: wrong format, truncated, inconsistent sizes, a
 * malformed line. The message starts with the file name (and {@code :line} for text files) so the
 * user knows which file to fix.
 */
public class DataFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    /** A problem with the file as a whole. */
    public DataFileException(String file, String problem) {
        this(file, 0, problem, null);
    }

    /** A problem with the file as a whole, caused by a lower-level error. */
    public DataFileException(String file, String problem, Throwable cause) {
        this(file, 0, problem, cause);
    }

    /** A problem on one line (1-based) of a text file. */
    public DataFileException(String file, int line, String problem) {
        this(file, line, problem, null);
    }

    /** A problem on one line (1-based; 0 for the whole file), caused by a lower-level error. */
    public DataFileException(String file, int line, String problem, Throwable cause) {
        super((line > 0 ? file + ":" + line : file) + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    /** The file the problem is in, as the user named it. */
    public String file() {
        return file;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
