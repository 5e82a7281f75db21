package io.github.dl4jprojection.runtime.internal.text;

/**
 * Turns text into at most {@code max} Unicode scalar values (docs/TEXT.md, "Decoding"), feeding
 * them to a {@link TokenBuffer}. Ill-formed input never fails: an unpaired surrogate (UTF-16) or a
 * maximal ill-formed subsequence (UTF-8, Unicode Standard section 3.9) becomes one U+FFFD.
 * Reading stops after {@code max} code points, so the work is bounded whatever the input length.
 */
final class CodePointDecoder {

    static final int REPLACEMENT = 0xFFFD;

    private CodePointDecoder() {
    }

    /** Decodes UTF-16 {@code text}; returns the number of code points read. */
    static int utf16(CharSequence text, int max, TokenBuffer out) {
        int n = text.length();
        int i = 0;
        int count = 0;
        while (i < n && count < max) {
            char c = text.charAt(i++);
            int cp = c;
            if (c >= 0xD800 && c <= 0xDFFF) {
                cp = REPLACEMENT;
                if (c <= 0xDBFF && i < n) {
                    char d = text.charAt(i);
                    if (d >= 0xDC00 && d <= 0xDFFF) {
                        cp = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
                        i++;
                    }
                }
            }
            out.accept(cp);
            count++;
        }
        return count;
    }

    /** Decodes UTF-8 {@code b[offset, offset + length)}; returns the number of code points read. */
    static int utf8(byte[] b, int offset, int length, int max, TokenBuffer out) {
        int end = offset + length;
        int p = offset;
        int count = 0;
        while (p < end && count < max) {
            int b0 = b[p] & 0xFF;
            if (b0 < 0x80) {
                out.accept(b0);
                p++;
                count++;
                continue;
            }
            int need;
            int cp;
            int lo = 0x80;
            int hi = 0xBF;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                need = 1;
                cp = b0 & 0x1F;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                need = 2;
                cp = b0 & 0x0F;
                if (b0 == 0xE0) {
                    lo = 0xA0;
                } else if (b0 == 0xED) {
                    hi = 0x9F;
                }
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                need = 3;
                cp = b0 & 0x07;
                if (b0 == 0xF0) {
                    lo = 0x90;
                } else if (b0 == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                out.accept(REPLACEMENT);
                p++;
                count++;
                continue;
            }
            int q = p + 1;
            boolean ok = true;
            for (int k = 0; k < need; k++) {
                if (q >= end) {
                    ok = false;
                    break;
                }
                int bk = b[q] & 0xFF;
                // Only the second byte has a narrowed range (E0, ED, F0, F4); later ones are 80..BF.
                int l = k == 0 ? lo : 0x80;
                int h = k == 0 ? hi : 0xBF;
                if (bk < l || bk > h) {
                    ok = false;
                    break;
                }
                cp = cp << 6 | (bk & 0x3F);
                q++;
            }
            out.accept(ok ? cp : REPLACEMENT);
            p = q;
            count++;
        }
        return count;
    }
}
