package io.github.dl4jprojection.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@link RunReport} as a JSON object with the fields, in this order: task,
 * trainer_params, trainer_bytes, trainer_accuracy, projection_bits, projection_params, model_bytes,
 * projection_accuracy, runtime_accuracy, runtime_agreement, train_seconds, seed. Unknown values,
 * NaN and infinities are written as {@code null}.
 */
public final class RunReportWriter {

    private RunReportWriter() {
    }

    /** The report as pretty-printed JSON (two-space indent, trailing newline). */
    public static String toJson(RunReport r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("task", r.task());
        fields.put("trainer_params", r.trainerParams());
        fields.put("trainer_bytes", r.trainerBytes());
        fields.put("trainer_accuracy", r.trainerAccuracy());
        fields.put("projection_bits", r.projectionBits());
        fields.put("projection_params", r.projectionParams());
        fields.put("model_bytes", r.modelBytes());
        fields.put("projection_accuracy", r.projectionAccuracy());
        fields.put("runtime_accuracy", r.runtimeAccuracy());
        fields.put("runtime_agreement", r.runtimeAgreement());
        fields.put("train_seconds", r.trainSeconds());
        fields.put("seed", r.seed());
        StringBuilder sb = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            sb.append("  ").append(quote(e.getKey())).append(": ").append(value(e.getValue()));
            sb.append(++i < fields.size() ? ",\n" : "\n");
        }
        return sb.append("}\n").toString();
    }

    /** Writes {@link #toJson} to {@code file} in UTF-8, creating missing parent folders. */
    public static void write(RunReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, toJson(report).getBytes(StandardCharsets.UTF_8));
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double) {
            double d = (Double) v;
            return Double.isNaN(d) || Double.isInfinite(d) ? "null" : Double.toString(d);
        }
        if (v instanceof Number) {
            return v.toString();
        }
        return quote(v.toString());
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }
}
