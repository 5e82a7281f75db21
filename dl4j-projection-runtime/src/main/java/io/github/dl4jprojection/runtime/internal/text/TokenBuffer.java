package io.github.dl4jprojection.runtime.internal.text;

/**
 * The tokenizer and its output: normalized tokens as UTF-8 in one byte buffer laid out as
 * {@code FF t0 FF t1 FF ... FF} (0xFF never occurs in UTF-8, docs/TEXT.md "Token buffer"), so that
 * every unigram, word n-gram and character n-gram with its boundary marks is one contiguous slice
 * and can be hashed in place, without a String per token.
 *
 * <p>Sized once for {@code maxCodePoints}; {@link #accept} never allocates. Not thread-safe.
 */
final class TokenBuffer {

    /** The separator byte between tokens, also the word boundary mark of character n-grams. */
    static final byte SEPARATOR = (byte) 0xFF;

    private final boolean caseFold;
    /** {@code FF t0 FF t1 ... FF}: at most 4 bytes per code point and one separator per token, plus one. */
    final byte[] bytes;
    int length;
    /** Byte offset of the first byte of token i, and one past its last byte. */
    final int[] tokenStart;
    final int[] tokenEnd;
    /** Index in {@link #cpOffset} of the first code point of token i, and one past its last. */
    final int[] tokenCpStart;
    final int[] tokenCpEnd;
    /** Whether token i is a word (letters, marks, digits) rather than a single symbol. */
    final boolean[] tokenIsWord;
    int tokens;
    /** Byte offset of every code point written to {@link #bytes}, in order. */
    final int[] cpOffset;
    int codePoints;
    private boolean inWord;

    TokenBuffer(int maxCodePoints, boolean caseFold) {
        this.caseFold = caseFold;
        this.bytes = new byte[5 * maxCodePoints + 1];
        this.tokenStart = new int[maxCodePoints];
        this.tokenEnd = new int[maxCodePoints];
        this.tokenCpStart = new int[maxCodePoints];
        this.tokenCpEnd = new int[maxCodePoints];
        this.tokenIsWord = new boolean[maxCodePoints];
        this.cpOffset = new int[maxCodePoints];
        reset();
    }

    void reset() {
        bytes[0] = SEPARATOR;
        length = 1;
        tokens = 0;
        codePoints = 0;
        inWord = false;
    }

    /** Takes the next code point of the text (a Unicode scalar value, no surrogates). */
    void accept(int cp) {
        switch (CharClass.of(cp)) {
            case CharClass.WORD:
                if (!inWord) {
                    startToken(true);
                    inWord = true;
                }
                put(caseFold ? CharClass.fold(cp) : cp);
                break;
            case CharClass.SPACE:
                endWord();
                break;
            case CharClass.IGNORED:
                break;
            default:
                endWord();
                startToken(false);
                put(cp);
                endToken();
                break;
        }
    }

    /** Ends the text: closes a word still open. */
    void finish() {
        endWord();
    }

    private void endWord() {
        if (inWord) {
            endToken();
            inWord = false;
        }
    }

    private void startToken(boolean word) {
        tokenStart[tokens] = length;
        tokenCpStart[tokens] = codePoints;
        tokenIsWord[tokens] = word;
    }

    private void endToken() {
        tokenEnd[tokens] = length;
        tokenCpEnd[tokens] = codePoints;
        tokens++;
        bytes[length++] = SEPARATOR;
    }

    private void put(int cp) {
        cpOffset[codePoints++] = length;
        byte[] b = bytes;
        int p = length;
        if (cp < 0x80) {
            b[p++] = (byte) cp;
        } else if (cp < 0x800) {
            b[p++] = (byte) (0xC0 | cp >>> 6);
            b[p++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            b[p++] = (byte) (0xE0 | cp >>> 12);
            b[p++] = (byte) (0x80 | cp >>> 6 & 0x3F);
            b[p++] = (byte) (0x80 | cp & 0x3F);
        } else {
            b[p++] = (byte) (0xF0 | cp >>> 18);
            b[p++] = (byte) (0x80 | cp >>> 12 & 0x3F);
            b[p++] = (byte) (0x80 | cp >>> 6 & 0x3F);
            b[p++] = (byte) (0x80 | cp & 0x3F);
        }
        length = p;
    }

    /**
     * Byte offset where symbol {@code s} of token {@code t} starts, symbols being the boundary mark
     * ({@code s = 0}), the code points ({@code 1 .. m}) and the end mark ({@code m + 1}).
     */
    int symbolStart(int t, int s) {
        return s == 0 ? tokenStart[t] - 1 : cpOffset[tokenCpStart[t] + s - 1];
    }

    /** Byte offset one past the end of symbol {@code s} of token {@code t}; see {@link #symbolStart}. */
    int symbolEnd(int t, int s) {
        int m = tokenCpEnd[t] - tokenCpStart[t];
        if (s == m + 1) {
            return tokenEnd[t] + 1;
        }
        return s == m ? tokenEnd[t] : cpOffset[tokenCpStart[t] + s];
    }
}
