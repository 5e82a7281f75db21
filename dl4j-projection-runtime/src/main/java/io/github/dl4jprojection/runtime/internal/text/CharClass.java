package io.github.dl4jprojection.runtime.internal.text;

/**
 * The code point classes and the case folding of the text featurizer, as fixed tables (docs/TEXT.md,
 * "Code point classes" and "Case folding"; a test checks that the document and these tables agree).
 *
 * <p>The tables do not come from {@link Character}: its answers change with the Unicode version of
 * the JVM, and the featurizer must give the same features on every JVM and in C. Below U+0530 (Latin,
 * IPA, Greek, Cyrillic) they were derived from the Unicode 15.0 character database; above it they
 * are a short hand-made list of space, punctuation, symbol and emoji blocks, every other code point
 * being a word character.
 */
final class CharClass {

    /** Part of a word: letters, combining marks and digits of the supported scripts, and every unlisted code point. */
    static final int WORD = 0;
    /** Separates tokens: spaces, line breaks and all control characters. */
    static final int SPACE = 1;
    /** Removed before tokenization, so it neither separates nor joins: soft hyphen, joiners, variation selectors. */
    static final int IGNORED = 2;
    /** A token of its own: punctuation, symbols, emoji, U+FFFD. */
    static final int SYMBOL = 3;

    /** Code points below this limit are classified and folded through direct lookup tables. */
    static final int TABLE_LIMIT = 0x530;

    /**
     * The ranges of code points that are not {@link #WORD}: {@code start, end (inclusive), class},
     * sorted and disjoint.
     */
    static final int[] RANGES = {
            0x0000, 0x0020, SPACE,
            0x0021, 0x002F, SYMBOL,
            0x003A, 0x0040, SYMBOL,
            0x005B, 0x0060, SYMBOL,
            0x007B, 0x007E, SYMBOL,
            0x007F, 0x00A0, SPACE,
            0x00A1, 0x00A9, SYMBOL,
            0x00AB, 0x00AC, SYMBOL,
            0x00AD, 0x00AD, IGNORED,
            0x00AE, 0x00B4, SYMBOL,
            0x00B6, 0x00B9, SYMBOL,
            0x00BB, 0x00BF, SYMBOL,
            0x00D7, 0x00D7, SYMBOL,
            0x00F7, 0x00F7, SYMBOL,
            0x02C2, 0x02C5, SYMBOL,
            0x02D2, 0x02DF, SYMBOL,
            0x02E5, 0x02EB, SYMBOL,
            0x02ED, 0x02ED, SYMBOL,
            0x02EF, 0x02FF, SYMBOL,
            0x0375, 0x0375, SYMBOL,
            0x037E, 0x037E, SYMBOL,
            0x0384, 0x0385, SYMBOL,
            0x0387, 0x0387, SYMBOL,
            0x03F6, 0x03F6, SYMBOL,
            0x0482, 0x0482, SYMBOL,
            0x0589, 0x058A, SYMBOL,
            0x05BE, 0x05BE, SYMBOL,
            0x05C0, 0x05C0, SYMBOL,
            0x05C3, 0x05C3, SYMBOL,
            0x05C6, 0x05C6, SYMBOL,
            0x05F3, 0x05F4, SYMBOL,
            0x0609, 0x060D, SYMBOL,
            0x061B, 0x061B, SYMBOL,
            0x061D, 0x061F, SYMBOL,
            0x066A, 0x066D, SYMBOL,
            0x06D4, 0x06D4, SYMBOL,
            0x0964, 0x0965, SYMBOL,
            0x0970, 0x0970, SYMBOL,
            0x0E3F, 0x0E3F, SYMBOL,
            0x0E4F, 0x0E4F, SYMBOL,
            0x0E5A, 0x0E5B, SYMBOL,
            0x1680, 0x1680, SPACE,
            0x2000, 0x200B, SPACE,
            0x200C, 0x200F, IGNORED,
            0x2010, 0x2027, SYMBOL,
            0x2028, 0x2029, SPACE,
            0x202A, 0x202E, IGNORED,
            0x202F, 0x202F, SPACE,
            0x2030, 0x205E, SYMBOL,
            0x205F, 0x205F, SPACE,
            0x2060, 0x206F, IGNORED,
            0x2070, 0x2BFF, SYMBOL,
            0x2E00, 0x2E7F, SYMBOL,
            0x3000, 0x3000, SPACE,
            0x3001, 0x3004, SYMBOL,
            0x3008, 0x3020, SYMBOL,
            0x3030, 0x3030, SYMBOL,
            0x303D, 0x303F, SYMBOL,
            0xE000, 0xF8FF, SYMBOL,
            0xFE00, 0xFE0F, IGNORED,
            0xFE10, 0xFE1F, SYMBOL,
            0xFE30, 0xFE6F, SYMBOL,
            0xFEFF, 0xFEFF, IGNORED,
            0xFF01, 0xFF0F, SYMBOL,
            0xFF1A, 0xFF20, SYMBOL,
            0xFF3B, 0xFF40, SYMBOL,
            0xFF5B, 0xFF65, SYMBOL,
            0xFFE0, 0xFFEE, SYMBOL,
            0xFFF0, 0xFFFF, SYMBOL,
            0x1F000, 0x1F3FA, SYMBOL,
            0x1F3FB, 0x1F3FF, IGNORED,
            0x1F400, 0x1FBFF, SYMBOL,
            0xE0000, 0xE007F, IGNORED,
            0xE0100, 0xE01EF, IGNORED,
            0xF0000, 0x10FFFF, SYMBOL,
    };

    /**
     * Simple case folding (the C and S mappings of Unicode 15.0 CaseFolding.txt) for the code points
     * below {@link #TABLE_LIMIT}: {@code start, end (inclusive), stride, delta}: every
     * {@code c = start + i * stride <= end} folds to {@code c + delta}. Code points in no run fold to themselves.
     */
    static final int[] FOLD_RUNS = {
            0x0041, 0x005A, 1, 32, 0x00B5, 0x00B5, 1, 775, 0x00C0, 0x00D6, 1, 32, 0x00D8, 0x00DE, 1, 32,
            0x0100, 0x012E, 2, 1, 0x0132, 0x0136, 2, 1, 0x0139, 0x0147, 2, 1, 0x014A, 0x0176, 2, 1,
            0x0178, 0x0178, 1, -121, 0x0179, 0x017D, 2, 1, 0x017F, 0x017F, 1, -268, 0x0181, 0x0181, 1, 210,
            0x0182, 0x0184, 2, 1, 0x0186, 0x0186, 1, 206, 0x0187, 0x0187, 1, 1, 0x0189, 0x018A, 1, 205,
            0x018B, 0x018B, 1, 1, 0x018E, 0x018E, 1, 79, 0x018F, 0x018F, 1, 202, 0x0190, 0x0190, 1, 203,
            0x0191, 0x0191, 1, 1, 0x0193, 0x0193, 1, 205, 0x0194, 0x0194, 1, 207, 0x0196, 0x0196, 1, 211,
            0x0197, 0x0197, 1, 209, 0x0198, 0x0198, 1, 1, 0x019C, 0x019C, 1, 211, 0x019D, 0x019D, 1, 213,
            0x019F, 0x019F, 1, 214, 0x01A0, 0x01A4, 2, 1, 0x01A6, 0x01A6, 1, 218, 0x01A7, 0x01A7, 1, 1,
            0x01A9, 0x01A9, 1, 218, 0x01AC, 0x01AC, 1, 1, 0x01AE, 0x01AE, 1, 218, 0x01AF, 0x01AF, 1, 1,
            0x01B1, 0x01B2, 1, 217, 0x01B3, 0x01B5, 2, 1, 0x01B7, 0x01B7, 1, 219, 0x01B8, 0x01B8, 1, 1,
            0x01BC, 0x01BC, 1, 1, 0x01C4, 0x01C4, 1, 2, 0x01C5, 0x01C5, 1, 1, 0x01C7, 0x01C7, 1, 2,
            0x01C8, 0x01C8, 1, 1, 0x01CA, 0x01CA, 1, 2, 0x01CB, 0x01DB, 2, 1, 0x01DE, 0x01EE, 2, 1,
            0x01F1, 0x01F1, 1, 2, 0x01F2, 0x01F4, 2, 1, 0x01F6, 0x01F6, 1, -97, 0x01F7, 0x01F7, 1, -56,
            0x01F8, 0x021E, 2, 1, 0x0220, 0x0220, 1, -130, 0x0222, 0x0232, 2, 1, 0x023A, 0x023A, 1, 10795,
            0x023B, 0x023B, 1, 1, 0x023D, 0x023D, 1, -163, 0x023E, 0x023E, 1, 10792, 0x0241, 0x0241, 1, 1,
            0x0243, 0x0243, 1, -195, 0x0244, 0x0244, 1, 69, 0x0245, 0x0245, 1, 71, 0x0246, 0x024E, 2, 1,
            0x0345, 0x0345, 1, 116, 0x0370, 0x0372, 2, 1, 0x0376, 0x0376, 1, 1, 0x037F, 0x037F, 1, 116,
            0x0386, 0x0386, 1, 38, 0x0388, 0x038A, 1, 37, 0x038C, 0x038C, 1, 64, 0x038E, 0x038F, 1, 63,
            0x0391, 0x03A1, 1, 32, 0x03A3, 0x03AB, 1, 32, 0x03C2, 0x03C2, 1, 1, 0x03CF, 0x03CF, 1, 8,
            0x03D0, 0x03D0, 1, -30, 0x03D1, 0x03D1, 1, -25, 0x03D5, 0x03D5, 1, -15, 0x03D6, 0x03D6, 1, -22,
            0x03D8, 0x03EE, 2, 1, 0x03F0, 0x03F0, 1, -54, 0x03F1, 0x03F1, 1, -48, 0x03F4, 0x03F4, 1, -60,
            0x03F5, 0x03F5, 1, -64, 0x03F7, 0x03F7, 1, 1, 0x03F9, 0x03F9, 1, -7, 0x03FA, 0x03FA, 1, 1,
            0x03FD, 0x03FF, 1, -130, 0x0400, 0x040F, 1, 80, 0x0410, 0x042F, 1, 32, 0x0460, 0x0480, 2, 1,
            0x048A, 0x04BE, 2, 1, 0x04C0, 0x04C0, 1, 15, 0x04C1, 0x04CD, 2, 1, 0x04D0, 0x052E, 2, 1,
    };

    private static final byte[] LOW_CLASS = new byte[TABLE_LIMIT];
    private static final char[] LOW_FOLD = new char[TABLE_LIMIT];
    /** First code point of each range at or above {@link #TABLE_LIMIT}, for binary search. */
    private static final int[] HIGH_STARTS;
    private static final int[] HIGH_ENDS;
    private static final byte[] HIGH_CLASSES;

    static {
        int high = 0;
        for (int r = 0; r < RANGES.length; r += 3) {
            if (RANGES[r] >= TABLE_LIMIT) {
                high++;
            }
            for (int c = RANGES[r]; c <= RANGES[r + 1] && c < TABLE_LIMIT; c++) {
                LOW_CLASS[c] = (byte) RANGES[r + 2];
            }
        }
        HIGH_STARTS = new int[high];
        HIGH_ENDS = new int[high];
        HIGH_CLASSES = new byte[high];
        int h = 0;
        for (int r = 0; r < RANGES.length; r += 3) {
            if (RANGES[r] >= TABLE_LIMIT) {
                HIGH_STARTS[h] = RANGES[r];
                HIGH_ENDS[h] = RANGES[r + 1];
                HIGH_CLASSES[h] = (byte) RANGES[r + 2];
                h++;
            }
        }
        for (int c = 0; c < TABLE_LIMIT; c++) {
            LOW_FOLD[c] = (char) c;
        }
        for (int r = 0; r < FOLD_RUNS.length; r += 4) {
            for (int c = FOLD_RUNS[r]; c <= FOLD_RUNS[r + 1]; c += FOLD_RUNS[r + 2]) {
                LOW_FOLD[c] = (char) (c + FOLD_RUNS[r + 3]);
            }
        }
    }

    private CharClass() {
    }

    /** The class of a Unicode scalar value (no surrogates): {@link #WORD}, {@link #SPACE}, {@link #IGNORED} or {@link #SYMBOL}. */
    static int of(int cp) {
        if (cp < TABLE_LIMIT) {
            return LOW_CLASS[cp];
        }
        int lo = 0;
        int hi = HIGH_STARTS.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < HIGH_STARTS[mid]) {
                hi = mid - 1;
            } else if (cp > HIGH_ENDS[mid]) {
                lo = mid + 1;
            } else {
                return HIGH_CLASSES[mid];
            }
        }
        return WORD;
    }

    /** The simple case folding of {@code cp} when it is below {@link #TABLE_LIMIT}, else {@code cp}. */
    static int fold(int cp) {
        return cp < TABLE_LIMIT ? LOW_FOLD[cp] : cp;
    }
}
