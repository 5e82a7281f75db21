package io.github.dl4jprojection.runtime.text;

/**
 * The settings of a {@link TextFeaturizer}: which features are extracted from a text, how they are
 * hashed and the caps that bound the work. Immutable; build with {@link #builder()}, store with
 * {@link #toBytes()} (a model file carries these bytes) and read back with {@link #fromBytes}.
 *
 * <h2>Parameters</h2>
 * <table>
 *   <caption>FeaturizerConfig parameters</caption>
 *   <tr><th>name</th><th>meaning</th><th>range</th><th>default</th></tr>
 *   <tr><td>maxCodePoints</td><td>only the first N code points of a text are read</td>
 *       <td>1 .. 2^20, and the feature bound below</td><td>{@value #DEFAULT_MAX_CODE_POINTS}</td></tr>
 *   <tr><td>maxFeatures</td><td>distinct features kept (the first ones in generation order)</td>
 *       <td>1 .. 2^20</td><td>{@value #DEFAULT_MAX_FEATURES}</td></tr>
 *   <tr><td>wordNgramMax</td><td>word n-grams for n = 1 .. wordNgramMax (0: none)</td><td>0 .. 3</td>
 *       <td>{@value #DEFAULT_WORD_NGRAM_MAX}</td></tr>
 *   <tr><td>maxSkip</td><td>skip-grams (t[i-k-1], t[i]) for k = 1 .. maxSkip (0: none)</td><td>0 .. 4</td>
 *       <td>{@value #DEFAULT_MAX_SKIP}</td></tr>
 *   <tr><td>charNgramMin, charNgramMax</td><td>character n-grams of words with boundary marks
 *       (0, 0: none)</td><td>2 &lt;= min &lt;= max &lt;= 8</td>
 *       <td>{@value #DEFAULT_CHAR_NGRAM_MIN}, {@value #DEFAULT_CHAR_NGRAM_MAX}</td></tr>
 *   <tr><td>caseFold</td><td>fold case (Latin, Greek, Cyrillic)</td><td></td><td>true</td></tr>
 *   <tr><td>weighting</td><td>weight of a feature: its count or 1</td><td></td><td>COUNT</td></tr>
 *   <tr><td>hashSeed</td><td>seed of the feature hashes</td><td>any long</td><td>0</td></tr>
 * </table>
 *
 * <p>At least one kind of feature must be enabled, and the number of features a text can generate,
 * {@code maxCodePoints * (wordNgramMax + maxSkip + 2 * numberOfCharNgramLengths)}, must stay below
 * 2^24 so that every projection sum is an exact float32 integer (docs/TEXT.md, "Weights").
 */
public final class FeaturizerConfig {

    /** The version of the featurizer specification and of {@link #toBytes()} this class implements. */
    public static final int VERSION = 1;
    /** Length in bytes of {@link #toBytes()} for {@link #VERSION}. */
    public static final int SERIALIZED_LENGTH = 32;
    /** The first four bytes of {@link #toBytes()}: ASCII "PNTF" (projection network text featurizer). */
    public static final int MAGIC = 0x46544E50;

    /** Default maxCodePoints: about two pages of text, more than most short messages. */
    public static final int DEFAULT_MAX_CODE_POINTS = 4096;
    /** Default maxFeatures: enough for the distinct features of a default-capped text in practice. */
    public static final int DEFAULT_MAX_FEATURES = 4096;
    /** Default wordNgramMax: unigrams and bigrams. */
    public static final int DEFAULT_WORD_NGRAM_MAX = 2;
    /** Default maxSkip: pairs one token apart. */
    public static final int DEFAULT_MAX_SKIP = 1;
    /** Default shortest character n-gram. */
    public static final int DEFAULT_CHAR_NGRAM_MIN = 3;
    /** Default longest character n-gram. */
    public static final int DEFAULT_CHAR_NGRAM_MAX = 4;

    /** Upper limit of maxCodePoints and maxFeatures. */
    public static final int MAX_CAP = 1 << 20;
    /** Generated features must stay below this bound, 2^24, the float32 exact-integer limit. */
    public static final long FEATURE_BOUND = 1L << 24;

    private final int maxCodePoints;
    private final int maxFeatures;
    private final int wordNgramMax;
    private final int maxSkip;
    private final int charNgramMin;
    private final int charNgramMax;
    private final boolean caseFold;
    private final FeatureWeighting weighting;
    private final long hashSeed;

    private FeaturizerConfig(Builder b) {
        this.maxCodePoints = b.maxCodePoints;
        this.maxFeatures = b.maxFeatures;
        this.wordNgramMax = b.wordNgramMax;
        this.maxSkip = b.maxSkip;
        this.charNgramMin = b.charNgramMin;
        this.charNgramMax = b.charNgramMax;
        this.caseFold = b.caseFold;
        this.weighting = b.weighting;
        this.hashSeed = b.hashSeed;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The default configuration. */
    public static FeaturizerConfig defaults() {
        return builder().build();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder()
                .maxCodePoints(maxCodePoints)
                .maxFeatures(maxFeatures)
                .wordNgramMax(wordNgramMax)
                .maxSkip(maxSkip)
                .charNgrams(charNgramMin, charNgramMax)
                .caseFold(caseFold)
                .weighting(weighting)
                .hashSeed(hashSeed);
    }

    public int maxCodePoints() {
        return maxCodePoints;
    }

    public int maxFeatures() {
        return maxFeatures;
    }

    public int wordNgramMax() {
        return wordNgramMax;
    }

    public int maxSkip() {
        return maxSkip;
    }

    /** Shortest character n-gram, or 0 when character n-grams are off. */
    public int charNgramMin() {
        return charNgramMin;
    }

    /** Longest character n-gram, or 0 when character n-grams are off. */
    public int charNgramMax() {
        return charNgramMax;
    }

    public boolean charNgramsEnabled() {
        return charNgramMax > 0;
    }

    public boolean caseFold() {
        return caseFold;
    }

    public FeatureWeighting weighting() {
        return weighting;
    }

    public long hashSeed() {
        return hashSeed;
    }

    /** The most features (not distinct) one text can generate: see the class comment. */
    public long featureBound() {
        return featureBound(maxCodePoints, wordNgramMax, maxSkip, charNgramMin, charNgramMax);
    }

    private static long featureBound(int maxCodePoints, int wordNgramMax, int maxSkip, int charMin, int charMax) {
        int charLengths = charMax > 0 ? charMax - charMin + 1 : 0;
        return (long) maxCodePoints * (wordNgramMax + maxSkip + 2L * charLengths);
    }

    /**
     * The {@value #SERIALIZED_LENGTH}-byte form (docs/TEXT.md, "Serialized form"), little-endian:
     * magic "PNTF", u16 version, u16 length, u32 maxCodePoints, u32 maxFeatures, u8 wordNgramMax,
     * u8 maxSkip, u8 charNgramMin, u8 charNgramMax, u8 flags (bit 0: caseFold), u8 weighting,
     * u16 reserved 0, i64 hashSeed.
     */
    public byte[] toBytes() {
        byte[] b = new byte[SERIALIZED_LENGTH];
        putInt(b, 0, MAGIC);
        putShort(b, 4, VERSION);
        putShort(b, 6, SERIALIZED_LENGTH);
        putInt(b, 8, maxCodePoints);
        putInt(b, 12, maxFeatures);
        b[16] = (byte) wordNgramMax;
        b[17] = (byte) maxSkip;
        b[18] = (byte) charNgramMin;
        b[19] = (byte) charNgramMax;
        b[20] = (byte) (caseFold ? 1 : 0);
        b[21] = (byte) weighting.code();
        putLong(b, 24, hashSeed);
        return b;
    }

    /** Reads the whole of {@code bytes}; see {@link #fromBytes(byte[], int, int)}. */
    public static FeaturizerConfig fromBytes(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("featurizer config bytes must not be null");
        }
        return fromBytes(bytes, 0, bytes.length);
    }

    /**
     * Reads a configuration written by {@link #toBytes()} from {@code bytes[offset, offset + length)},
     * which must hold exactly one configuration.
     *
     * @throws IllegalArgumentException when the bytes are truncated, too long, not a featurizer
     *                                  configuration, of another version, or hold an invalid value
     */
    public static FeaturizerConfig fromBytes(byte[] bytes, int offset, int length) {
        if (bytes == null) {
            throw new IllegalArgumentException("featurizer config bytes must not be null");
        }
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IllegalArgumentException("featurizer config range [" + offset + ", " + offset + " + " + length
                    + ") is outside an array of " + bytes.length + " bytes");
        }
        if (length < 8) {
            throw new IllegalArgumentException("featurizer config truncated: " + length + " bytes, the header alone is 8");
        }
        int magic = getInt(bytes, offset);
        if (magic != MAGIC) {
            throw new IllegalArgumentException(String.format(
                    "not a featurizer config: magic 0x%08X, expected 0x%08X (\"PNTF\")", magic, MAGIC));
        }
        int version = getShort(bytes, offset + 4);
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported featurizer config version " + version
                    + "; this runtime reads version " + VERSION);
        }
        int declared = getShort(bytes, offset + 6);
        if (declared != SERIALIZED_LENGTH) {
            throw new IllegalArgumentException("featurizer config version " + VERSION + " declares length " + declared
                    + ", expected " + SERIALIZED_LENGTH);
        }
        if (length != SERIALIZED_LENGTH) {
            throw new IllegalArgumentException("featurizer config " + (length < SERIALIZED_LENGTH ? "truncated" : "too long")
                    + ": " + length + " bytes, expected " + SERIALIZED_LENGTH);
        }
        int flags = bytes[offset + 20] & 0xFF;
        if ((flags & ~1) != 0) {
            throw new IllegalArgumentException(String.format("featurizer config flags: unknown bits 0x%02X", flags & ~1));
        }
        int reserved = getShort(bytes, offset + 22);
        if (reserved != 0) {
            throw new IllegalArgumentException("featurizer config reserved bytes must be 0, got " + reserved);
        }
        return builder()
                .maxCodePoints(getCap(bytes, offset + 8, "maxCodePoints"))
                .maxFeatures(getCap(bytes, offset + 12, "maxFeatures"))
                .wordNgramMax(bytes[offset + 16] & 0xFF)
                .maxSkip(bytes[offset + 17] & 0xFF)
                .charNgrams(bytes[offset + 18] & 0xFF, bytes[offset + 19] & 0xFF)
                .caseFold(flags == 1)
                .weighting(FeatureWeighting.fromCode(bytes[offset + 21] & 0xFF))
                .hashSeed(getLong(bytes, offset + 24))
                .build();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FeaturizerConfig)) {
            return false;
        }
        FeaturizerConfig c = (FeaturizerConfig) o;
        return maxCodePoints == c.maxCodePoints && maxFeatures == c.maxFeatures && wordNgramMax == c.wordNgramMax
                && maxSkip == c.maxSkip && charNgramMin == c.charNgramMin && charNgramMax == c.charNgramMax
                && caseFold == c.caseFold && weighting == c.weighting && hashSeed == c.hashSeed;
    }

    @Override
    public int hashCode() {
        int h = maxCodePoints;
        h = 31 * h + maxFeatures;
        h = 31 * h + wordNgramMax;
        h = 31 * h + maxSkip;
        h = 31 * h + charNgramMin;
        h = 31 * h + charNgramMax;
        h = 31 * h + (caseFold ? 1 : 0);
        h = 31 * h + weighting.hashCode();
        return 31 * h + (int) (hashSeed ^ (hashSeed >>> 32));
    }

    @Override
    public String toString() {
        return "FeaturizerConfig{version=" + VERSION + ", maxCodePoints=" + maxCodePoints + ", maxFeatures=" + maxFeatures
                + ", wordNgramMax=" + wordNgramMax + ", maxSkip=" + maxSkip + ", charNgrams="
                + (charNgramsEnabled() ? charNgramMin + ".." + charNgramMax : "off") + ", caseFold=" + caseFold
                + ", weighting=" + weighting + ", hashSeed=" + hashSeed + "}";
    }

    private static void putShort(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
    }

    private static void putInt(byte[] b, int p, int v) {
        for (int i = 0; i < 4; i++) {
            b[p + i] = (byte) (v >>> (8 * i));
        }
    }

    private static void putLong(byte[] b, int p, long v) {
        for (int i = 0; i < 8; i++) {
            b[p + i] = (byte) (v >>> (8 * i));
        }
    }

    private static int getShort(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    private static int getInt(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    /** An unsigned 32-bit cap; values above {@link #MAX_CAP} are reported as read, not as a negative int. */
    private static int getCap(byte[] b, int p, String name) {
        long v = getInt(b, p) & 0xFFFFFFFFL;
        if (v > MAX_CAP) {
            throw new IllegalArgumentException(name + " must be in [1, " + MAX_CAP + "], got " + v);
        }
        return (int) v;
    }

    private static long getLong(byte[] b, int p) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[p + i] & 0xFFL);
        }
        return v;
    }

    /** Collects values and validates them all in {@link #build()}. */
    public static final class Builder {
        private int maxCodePoints = DEFAULT_MAX_CODE_POINTS;
        private int maxFeatures = DEFAULT_MAX_FEATURES;
        private int wordNgramMax = DEFAULT_WORD_NGRAM_MAX;
        private int maxSkip = DEFAULT_MAX_SKIP;
        private int charNgramMin = DEFAULT_CHAR_NGRAM_MIN;
        private int charNgramMax = DEFAULT_CHAR_NGRAM_MAX;
        private boolean caseFold = true;
        private FeatureWeighting weighting = FeatureWeighting.COUNT;
        private long hashSeed;

        private Builder() {
        }

        /** Only the first {@code n} code points of a text are featurized. */
        public Builder maxCodePoints(int n) {
            this.maxCodePoints = n;
            return this;
        }

        /** At most {@code n} distinct features are kept per text. */
        public Builder maxFeatures(int n) {
            this.maxFeatures = n;
            return this;
        }

        /** Word n-grams for n = 1 .. {@code n}; 0 for none. */
        public Builder wordNgramMax(int n) {
            this.wordNgramMax = n;
            return this;
        }

        /** Skip-grams skipping 1 .. {@code k} tokens; 0 for none. */
        public Builder maxSkip(int k) {
            this.maxSkip = k;
            return this;
        }

        /** Character n-grams of lengths {@code min .. max} (boundary marks included). */
        public Builder charNgrams(int min, int max) {
            this.charNgramMin = min;
            this.charNgramMax = max;
            return this;
        }

        /** No character n-grams. */
        public Builder noCharNgrams() {
            return charNgrams(0, 0);
        }

        public Builder caseFold(boolean fold) {
            this.caseFold = fold;
            return this;
        }

        public Builder weighting(FeatureWeighting w) {
            this.weighting = w;
            return this;
        }

        public Builder hashSeed(long seed) {
            this.hashSeed = seed;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first parameter out of range
         */
        public FeaturizerConfig build() {
            if (maxCodePoints < 1 || maxCodePoints > MAX_CAP) {
                throw new IllegalArgumentException("maxCodePoints must be in [1, " + MAX_CAP + "], got " + maxCodePoints);
            }
            if (maxFeatures < 1 || maxFeatures > MAX_CAP) {
                throw new IllegalArgumentException("maxFeatures must be in [1, " + MAX_CAP + "], got " + maxFeatures);
            }
            if (wordNgramMax < 0 || wordNgramMax > 3) {
                throw new IllegalArgumentException("wordNgramMax must be in [0, 3], got " + wordNgramMax);
            }
            if (maxSkip < 0 || maxSkip > 4) {
                throw new IllegalArgumentException("maxSkip must be in [0, 4], got " + maxSkip);
            }
            boolean charOff = charNgramMin == 0 && charNgramMax == 0;
            if (!charOff && (charNgramMin < 2 || charNgramMax > 8 || charNgramMin > charNgramMax)) {
                throw new IllegalArgumentException("charNgramMin and charNgramMax must satisfy 2 <= min <= max <= 8 "
                        + "(or both be 0 for none), got " + charNgramMin + " and " + charNgramMax);
            }
            if (weighting == null) {
                throw new IllegalArgumentException("weighting must not be null");
            }
            if (wordNgramMax == 0 && maxSkip == 0 && charOff) {
                throw new IllegalArgumentException("wordNgramMax, maxSkip and charNgramMin/charNgramMax are all off: "
                        + "enable at least one kind of feature");
            }
            long bound = featureBound(maxCodePoints, wordNgramMax, maxSkip, charNgramMin, charNgramMax);
            if (bound >= FEATURE_BOUND) {
                throw new IllegalArgumentException("maxCodePoints " + maxCodePoints + " is too large for these features: "
                        + "a text could generate " + bound + " features, the limit is 2^24 - 1 (exact float32 sums)");
            }
            return new FeaturizerConfig(this);
        }
    }
}
