package io.github.dl4jprojection.data.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Content-Transfer-Encoding (RFC 2045): base64 and quoted-printable to bytes, leniently, because
 * spam is often malformed: characters outside the base64 alphabet are skipped, an incomplete last
 * group is decoded as far as it goes, and an {@code =} not followed by two hex digits or a line
 * break is kept as it is.
 */
final class TransferDecoding {

    private TransferDecoding() {
    }

    static byte[] base64(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() * 3 / 4);
        int bits = 0;
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=') {
                break;
            }
            int v = base64Value(c);
            if (v < 0) {
                continue;
            }
            bits = bits << 6 | v;
            n++;
            if (n == 4) {
                out.write(bits >>> 16);
                out.write(bits >>> 8);
                out.write(bits);
                bits = 0;
                n = 0;
            }
        }
        if (n == 2) {
            out.write(bits >>> 4);
        } else if (n == 3) {
            out.write(bits >>> 10);
            out.write(bits >>> 2);
        }
        return out.toByteArray();
    }

    private static int base64Value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+' || c == '-') {
            return 62;
        }
        if (c == '/' || c == '_') {
            return 63;
        }
        return -1;
    }

    /**
     * Quoted-printable to bytes. Literal characters below 256 are their byte; others (only found in
     * malformed mail) are written as UTF-8. With {@code underscoreIsSpace} (the Q encoding of
     * RFC 2047 headers) {@code _} is a space.
     */
    static byte[] quotedPrintable(String s, boolean underscoreIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '=') {
                int lineEnd = softLineBreakEnd(s, i + 1);
                if (lineEnd >= 0) {
                    i = lineEnd;
                    continue;
                }
                if (i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                    out.write(hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
                    i += 3;
                    continue;
                }
            }
            if (c == '_' && underscoreIsSpace) {
                out.write(' ');
            } else if (c < 256) {
                out.write(c);
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
            i++;
        }
        return out.toByteArray();
    }

    /**
     * If only spaces or tabs, then a line break or the end of the text, follow position {@code p}
     * (a soft line break), the index after them; else -1.
     */
    private static int softLineBreakEnd(String s, int p) {
        int q = p;
        while (q < s.length() && (s.charAt(q) == ' ' || s.charAt(q) == '\t')) {
            q++;
        }
        if (q < s.length() && s.charAt(q) == '\n') {
            return q + 1;
        }
        return q == s.length() ? q : -1;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
