package io.github.dl4jprojection.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header block of an e-mail or MIME part (RFC 5322, RFC 2045): unfolded fields, looked up by
 * case-insensitive name, and the parameters of structured fields such as Content-Type.
 */
final class MimeHeaders {

    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    /** Parses {@code block}, lines separated by {@code \n}; continuation lines (starting with space or tab) are unfolded. */
    static MimeHeaders parse(String block) {
        MimeHeaders h = new MimeHeaders();
        StringBuilder current = null;
        String currentName = null;
        for (String line : block.split("\n", -1)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (current != null) {
                    current.append(' ').append(line.trim());
                }
                continue;
            }
            if (currentName != null) {
                h.add(currentName, current.toString());
            }
            int colon = line.indexOf(':');
            if (colon > 0 && isFieldName(line, colon)) {
                currentName = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                current = new StringBuilder(line.substring(colon + 1).trim());
            } else {
                // Not a field (an mbox "From " line, garbage): skipped, and nothing to continue.
                currentName = null;
                current = null;
            }
        }
        if (currentName != null) {
            h.add(currentName, current.toString());
        }
        return h;
    }

    private static boolean isFieldName(String line, int colon) {
        for (int i = 0; i < colon; i++) {
            char c = line.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    private void add(String name, String value) {
        names.add(name);
        values.add(value);
    }

    /** The first field called {@code name} (any case), unfolded and trimmed, or null. */
    String get(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(lower)) {
                return values.get(i);
            }
        }
        return null;
    }

    /** The media type of Content-Type in lower case, {@code text/plain} when absent or unreadable. */
    String mediaType() {
        String ct = get("content-type");
        if (ct == null) {
            return "text/plain";
        }
        int semi = ct.indexOf(';');
        String type = (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return type.indexOf('/') > 0 ? type : "text/plain";
    }

    /** Parameter {@code param} of field {@code field} ({@code boundary}, {@code charset}), unquoted, or null. */
    String parameter(String field, String param) {
        String value = get(field);
        return value == null ? null : parameterOf(value, param);
    }

    /** Parameter {@code param} of a structured field value {@code type; a=1; b="x;y"}, or null. */
    static String parameterOf(String value, String param) {
        int i = value.indexOf(';');
        while (i >= 0 && i < value.length()) {
            int start = i + 1;
            int eq = value.indexOf('=', start);
            if (eq < 0) {
                return null;
            }
            String name = value.substring(start, eq).trim();
            int p = eq + 1;
            while (p < value.length() && value.charAt(p) == ' ') {
                p++;
            }
            String v;
            int next;
            if (p < value.length() && value.charAt(p) == '"') {
                StringBuilder sb = new StringBuilder();
                int q = p + 1;
                while (q < value.length() && value.charAt(q) != '"') {
                    char c = value.charAt(q);
                    if (c == '\\' && q + 1 < value.length()) {
                        c = value.charAt(++q);
                    }
                    sb.append(c);
                    q++;
                }
                v = sb.toString();
                next = value.indexOf(';', q);
            } else {
                next = value.indexOf(';', p);
                v = (next < 0 ? value.substring(p) : value.substring(p, next)).trim();
            }
            if (name.equalsIgnoreCase(param)) {
                return v;
            }
            i = next;
        }
        return null;
    }
}
