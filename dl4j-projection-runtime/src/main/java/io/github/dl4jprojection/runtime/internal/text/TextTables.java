package io.github.dl4jprojection.runtime.internal.text;

/**
 * The fixed tables of the featurizer (docs/TEXT.md sections 2 and 3), for code that must reproduce
 * them elsewhere, such as the C emitter: emitting these arrays keeps the C tables identical to the
 * Java ones by construction. Each call returns a fresh copy.
 */
public final class TextTables {

    /** Class code of a word character (the class of every code point in no range). */
    public static final int WORD = CharClass.WORD;
    /** Class code of a separator. */
    public static final int SPACE = CharClass.SPACE;
    /** Class code of a code point that is dropped. */
    public static final int IGNORED = CharClass.IGNORED;
    /** Class code of a single-code-point token. */
    public static final int SYMBOL = CharClass.SYMBOL;
    /** Case folding applies to code points below this value only. */
    public static final int FOLD_LIMIT = CharClass.TABLE_LIMIT;

    private TextTables() {
    }

    /** Triples {@code start, end (inclusive), class}, sorted and disjoint, of every code point that is not {@link #WORD}. */
    public static int[] classRanges() {
        return CharClass.RANGES.clone();
    }

    /**
     * Quadruples {@code start, end (inclusive), stride, delta}: code point {@code start + i * stride <= end}
     * folds to itself plus {@code delta}; the runs are disjoint as sets of code points.
     */
    public static int[] foldRuns() {
        return CharClass.FOLD_RUNS.clone();
    }

    /** The class of a code point (no surrogates): {@link #WORD}, {@link #SPACE}, {@link #IGNORED} or {@link #SYMBOL}. */
    public static int classOf(int codePoint) {
        checkScalar(codePoint);
        return CharClass.of(codePoint);
    }

    /** The simple case folding of a code point (no surrogates); unchanged from {@link #FOLD_LIMIT} up. */
    public static int fold(int codePoint) {
        checkScalar(codePoint);
        return CharClass.fold(codePoint);
    }

    /** The XXH64 seed of the features with type tag {@code tag} (docs/TEXT.md, "Hash"). */
    public static long typeSeed(long hashSeed, int tag) {
        return TextFeaturizer.typeSeed(hashSeed, tag);
    }

    private static void checkScalar(int cp) {
        if (cp < 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
            throw new IllegalArgumentException(String.format("codePoint must be a Unicode scalar value, got 0x%X", cp));
        }
    }
}
