package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.runtime.model.WeightType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes and reads the study's rows as CSV (RFC 4180 quoting, UTF-8, {@code \n} line ends):
 * {@code task,method,seed,weights,bits,hidden,params,exported_bytes,accuracy,macs,us_per_example,seconds,
 * measured_by,detail}; {@code weights} is {@code float32} or {@code int8}, accuracy has 4 decimals,
 * {@code us_per_example} (microseconds per test example) 3, seconds (training) 1; an unmeasured time is empty.
 */
public final class FrontierCsv {

    /** The header line. */
    public static final String HEADER = "task,method,seed,weights,bits,hidden,params,exported_bytes,accuracy,macs,"
            + "us_per_example,seconds,measured_by,detail";
    private static final int FIELDS = 14;

    /** The header line of the per-point summary over seeds ({@link SeedSummary}). */
    public static final String SUMMARY_HEADER = "task,method,weights,bits,hidden,seeds,params,exported_bytes,"
            + "accuracy_mean,accuracy_std,accuracy_min,accuracy_max,macs,us_per_example,detail";

    private FrontierCsv() {
    }

    /**
     * Writes (replaces) {@code file} with {@link #SUMMARY_HEADER} and one line per summary: the means of bytes,
     * MACs and time rounded (bytes and MACs to integers, time to 3 decimals), accuracies with 4 decimals.
     */
    public static void writeSummary(List<SeedSummary> summaries, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(SUMMARY_HEADER);
        for (SeedSummary s : summaries) {
            lines.add(String.join(",", quote(s.task()), s.method().csvName(), weightName(s.weights()),
                    Integer.toString(s.bits()), Integer.toString(s.hidden()), Integer.toString(s.seeds()),
                    Long.toString(s.params()), Long.toString(Math.round(s.exportedBytes())),
                    String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f", s.mean(), s.std(), s.min(), s.max()),
                    Long.toString(Math.round(s.macs())),
                    Double.isNaN(s.microsPerExample()) ? "" : String.format(Locale.ROOT, "%.3f", s.microsPerExample()),
                    quote(s.detail())));
        }
        writeLines(lines, file);
    }

    /** Writes (replaces) {@code file} with the header and {@code rows}. */
    public static void write(List<FrontierRow> rows, Path file) throws IOException {
        List<String> lines = new ArrayList<>(rows.size() + 1);
        lines.add(HEADER);
        for (FrontierRow r : rows) {
            lines.add(String.join(",", quote(r.task()), r.method().csvName(), Long.toString(r.seed()),
                    weightName(r.weights()), Integer.toString(r.bits()), Integer.toString(r.hidden()),
                    Long.toString(r.params()), Long.toString(r.exportedBytes()),
                    String.format(Locale.ROOT, "%.4f", r.accuracy()), Long.toString(r.macs()),
                    Double.isNaN(r.microsPerExample()) ? "" : String.format(Locale.ROOT, "%.3f", r.microsPerExample()),
                    String.format(Locale.ROOT, "%.1f", r.seconds()), r.measuredBy(), quote(r.detail())));
        }
        writeLines(lines, file);
    }

    /**
     * Reads a file written by {@link #write}.
     *
     * @throws IOException when the file is missing, has another header, or a line does not have its 14 fields
     */
    public static List<FrontierRow> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + " is not a bits-study CSV: its first line is not " + HEADER);
        }
        List<FrontierRow> rows = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            List<String> f = fields(lines.get(n));
            if (f.size() != FIELDS) {
                throw new IOException(file + " line " + (n + 1) + ": expected " + FIELDS + " fields, got " + f.size());
            }
            try {
                rows.add(new FrontierRow(f.get(0), method(f.get(1)), Long.parseLong(f.get(2)), weights(f.get(3)),
                        Integer.parseInt(f.get(4)), Integer.parseInt(f.get(5)), Long.parseLong(f.get(6)),
                        Long.parseLong(f.get(7)), Double.parseDouble(f.get(8)), Long.parseLong(f.get(9)),
                        f.get(10).isEmpty() ? Double.NaN : Double.parseDouble(f.get(10)), Double.parseDouble(f.get(11)),
                        f.get(12), f.get(13)));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + (n + 1) + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    /** The CSV name of a weight type: {@code float32} or {@code int8}. */
    public static String weightName(WeightType weights) {
        return weights.name().toLowerCase(Locale.ROOT);
    }

    private static WeightType weights(String name) {
        for (WeightType w : new WeightType[] {WeightType.FLOAT32, WeightType.INT8}) {
            if (weightName(w).equals(name)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown weights '" + name + "'");
    }

    private static void writeLines(List<String> lines, Path file) throws IOException {
        Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
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
