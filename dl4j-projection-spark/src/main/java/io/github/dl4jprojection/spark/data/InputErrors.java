package io.github.dl4jprojection.spark.data;

import io.github.dl4jprojection.data.DataFileException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Turns a Spark job failure caused by bad input into the error a user can act on. A worker throws
 * {@link InputLineException}; Spark aborts the job with a {@code SparkException} whose cause chain holds it; here
 * it becomes a {@link DataFileException} "file:line: problem" (the line number counted from the byte offset when
 * the worker read a later split of the file). Other failures pass through unchanged.
 */
public final class InputErrors {

    /** A Spark action (a job) to run. */
    @FunctionalInterface
    public interface SparkAction<T> {
        T run();
    }

    private InputErrors() {
    }

    /**
     * Runs {@code action}; a failure caused by bad input is rethrown as a {@link DataFileException}.
     *
     * @throws DataFileException naming the file and line of the first bad line Spark reported
     */
    public static <T> T translate(Configuration conf, SparkAction<T> action) throws DataFileException {
        try {
            return action.run();
        } catch (Exception e) {
            // SparkException is a checked exception that Scala code throws undeclared: catch Exception to see it.
            InputLineException bad = find(e);
            if (bad == null) {
                throw InputErrors.<RuntimeException>rethrow(e);
            }
            int line = lineOf(conf, bad);
            String problem = line > 0 ? bad.problem() : bad.problem() + " (the line at byte " + bad.byteOffset() + ")";
            throw new DataFileException(bad.file(), line, problem, null);
        }
    }

    /** Rethrows {@code e} as it is (Spark's undeclared checked exception included), for the caller's handlers. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Exception e) throws E {
        throw (E) e;
    }

    /** The bad-input cause of a failure, or null. Spark's own exception is checked in Scala's eyes only. */
    static InputLineException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InputLineException) {
                return (InputLineException) t;
            }
        }
        return null;
    }

    private static int lineOf(Configuration conf, InputLineException bad) {
        long known = bad.knownLine();
        if (known > 0) {
            return (int) Math.min(Integer.MAX_VALUE, known);
        }
        Path path = new Path(bad.file());
        if (new CompressionCodecFactory(conf).getCodec(path) != null) {
            return 0;
        }
        // One sequential read of the bytes before the bad line, only when reporting an error.
        try (InputStream in = path.getFileSystem(conf).open(path)) {
            byte[] buffer = new byte[1 << 16];
            long remaining = bad.byteOffset();
            long line = 1;
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    line += buffer[i] == '\n' ? 1 : 0;
                }
                remaining -= n;
            }
            return (int) Math.min(Integer.MAX_VALUE, line);
        } catch (IOException e) {
            return 0;
        }
    }
}
