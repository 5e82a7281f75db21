package io.github.dl4jprojection.pipeline.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes and reads the study's rows as CSV (RFC 4180 quoting, UTF-8, {@code \n} line ends):
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

    /**
     * Reads a file written by {@link #write}.
     *
     * @throws IOException when the file is missing, has another header, or a line does not have its 10 fields
     */
    public static List<FrontierRow> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + " is not a bits-study CSV: its first line is not " + HEADER);
        }
        List<FrontierRow> rows = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            List<String> f = fields(lines.get(n));
            if (f.size() != 10) {
                throw new IOException(file + " line " + (n + 1) + ": expected 10 fields, got " + f.size());
            }
            try {
                rows.add(new FrontierRow(f.get(0), method(f.get(1)), Integer.parseInt(f.get(2)),
                        Integer.parseInt(f.get(3)), Long.parseLong(f.get(4)), Long.parseLong(f.get(5)),
                        Double.parseDouble(f.get(6)), Double.parseDouble(f.get(7)), f.get(8), f.get(9)));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + (n + 1) + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    private static StudyMethod method(String name) {
        for (StudyMethod m : StudyMethod.values()) {
            if (m.csvName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "'");
    }

    /** The fields of one line; a field in double quotes may hold commas and doubled quotes. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
