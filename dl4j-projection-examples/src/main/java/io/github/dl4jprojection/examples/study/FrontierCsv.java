package io.github.dl4jprojection.examples.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the study's rows as CSV (RFC 4180 quoting, UTF-8, {@code \n} line ends):
 * {@code task,method,bits,hidden,params,exported_bytes,accuracy,seconds,measured_by,detail}; accuracy has 4
 * decimals, seconds 1.
 */
public final class FrontierCsv {

    /** The header line. */
    public static final String HEADER = "task,method,bits,hidden,params,exported_bytes,accuracy,seconds,measured_by,detail";

    private FrontierCsv() {
    }

    /** Writes (replaces) {@code file} with the header and {@code rows}. */
    public static void write(List<FrontierRow> rows, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (FrontierRow r : rows) {
            lines.add(String.join(",", quote(r.task()), r.method().csvName(), Integer.toString(r.bits()),
                    Integer.toString(r.hidden()), Long.toString(r.params()), Long.toString(r.exportedBytes()),
                    String.format(Locale.ROOT, "%.4f", r.accuracy()), String.format(Locale.ROOT, "%.1f", r.seconds()),
                    r.measuredBy(), quote(r.detail())));
        }
        Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
