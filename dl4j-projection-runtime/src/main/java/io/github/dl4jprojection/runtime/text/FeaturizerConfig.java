package io.github.dl4jprojection.runtime.text;

import io.github.dl4jprojection.runtime.model.FeaturizerSection;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of the "sgnn-text" featurizer ({@code runtime.internal.text.TextFeaturizer}): which
 * features are extracted from a text, how they are hashed and the caps that bound the work. Immutable; build with {@link #builder()}. A model file
 * stores it as its featurizer section ({@link #toSection()}: kind {@value #KIND}, version
 * {@value #VERSION}, the settings of {@link #toSettings()}), read back and validated by
 * {@link #fromSection}.
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

    /** The featurizer kind this configuration is for, as the model file's featurizer section names it. */
    public static final String KIND = "sgnn-text";
    /** The version of the featurizer specification (docs/TEXT.md) this class implements. */
    public static final int VERSION = 1;

    static final String MAX_CODE_POINTS = "maxCodePoints";
    static final String MAX_FEATURES = "maxFeatures";
    static final String WORD_NGRAM_MAX = "wordNgramMax";
    static final String MAX_SKIP = "maxSkip";
    static final String CHAR_NGRAM_MIN = "charNgramMin";
    static final String CHAR_NGRAM_MAX = "charNgramMax";
    static final String CASE_FOLD = "caseFold";
    static final String WEIGHTING = "weighting";
    static final String HASH_SEED = "hashSeed";
    private static final List<String> SETTING_NAMES = Collections.unmodifiableList(Arrays.asList(MAX_CODE_POINTS,
            MAX_FEATURES, WORD_NGRAM_MAX, MAX_SKIP, CHAR_NGRAM_MIN, CHAR_NGRAM_MAX, CASE_FOLD, WEIGHTING, HASH_SEED));

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
     * The settings of the featurizer section (docs/TEXT.md, "Stored form"), in this order:
     * maxCodePoints, maxFeatures, wordNgramMax, maxSkip, charNgramMin, charNgramMax (decimal; 0 and 0
     * when character n-grams are off), caseFold ({@code true}/{@code false}), weighting
     * ({@code COUNT}/{@code BINARY}), hashSeed (signed decimal). Unmodifiable.
     */
    public Map<String, String> toSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(MAX_CODE_POINTS, Integer.toString(maxCodePoints));
        m.put(MAX_FEATURES, Integer.toString(maxFeatures));
        m.put(WORD_NGRAM_MAX, Integer.toString(wordNgramMax));
        m.put(MAX_SKIP, Integer.toString(maxSkip));
        m.put(CHAR_NGRAM_MIN, Integer.toString(charNgramMin));
        m.put(CHAR_NGRAM_MAX, Integer.toString(charNgramMax));
        m.put(CASE_FOLD, Boolean.toString(caseFold));
        m.put(WEIGHTING, weighting.name());
        m.put(HASH_SEED, Long.toString(hashSeed));
        return Collections.unmodifiableMap(m);
    }

    /**
     * Reads settings written by {@link #toSettings()} (in any order).
     *
     * @throws IllegalArgumentException naming the setting that is missing, unknown, unreadable or out of range
     */
    public static FeaturizerConfig fromSettings(Map<String, String> settings) {
        if (settings == null) {
            throw new IllegalArgumentException("featurizer settings must not be null");
        }
        for (String key : settings.keySet()) {
            if (!SETTING_NAMES.contains(key)) {
                throw new IllegalArgumentException("unknown featurizer setting '" + key + "' for " + KIND + " version "
                        + VERSION + "; known settings: " + SETTING_NAMES);
            }
        }
        return builder()
                .maxCodePoints(intSetting(settings, MAX_CODE_POINTS))
                .maxFeatures(intSetting(settings, MAX_FEATURES))
                .wordNgramMax(intSetting(settings, WORD_NGRAM_MAX))
                .maxSkip(intSetting(settings, MAX_SKIP))
                .charNgrams(intSetting(settings, CHAR_NGRAM_MIN), intSetting(settings, CHAR_NGRAM_MAX))
                .caseFold(booleanSetting(settings, CASE_FOLD))
                .weighting(weightingSetting(settings))
                .hashSeed(longSetting(settings, HASH_SEED))
                .build();
    }

    /** The model file's featurizer section for this configuration. */
    public FeaturizerSection toSection() {
        return FeaturizerSection.of(KIND, VERSION, toSettings());
    }

    /**
     * The configuration stored in a model file's featurizer section.
     *
     * @throws IllegalArgumentException when the section is of another featurizer kind or version, or
     *                                  its settings are invalid (see {@link #fromSettings})
     */
    public static FeaturizerConfig fromSection(FeaturizerSection section) {
        if (section == null) {
            throw new IllegalArgumentException("featurizer section must not be null (the model may take dense input)");
        }
        if (!KIND.equals(section.kind())) {
            throw new IllegalArgumentException("featurizer kind '" + section.kind() + "' is not " + KIND
                    + ": this model's text input needs another featurizer");
        }
        if (section.version() != VERSION) {
            throw new IllegalArgumentException("unsupported " + KIND + " featurizer version " + section.version()
                    + "; this runtime implements version " + VERSION);
        }
        return fromSettings(section.settings());
    }

    private static String setting(Map<String, String> settings, String key) {
        String v = settings.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing featurizer setting '" + key + "'");
        }
        return v;
    }

    private static int intSetting(Map<String, String> settings, String key) {
        long v = longSetting(settings, key);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be a non-negative int, got " + v);
        }
        return (int) v;
    }

    private static long longSetting(Map<String, String> settings, String key) {
        String v = setting(settings, key);
        // Decimal only: no sign but '-', no spaces, no radix prefixes, so one value has few spellings.
        if (!v.matches("-?[0-9]{1,19}")) {
            throw new IllegalArgumentException(key + " must be a decimal integer, got '" + v + "'");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is out of the 64-bit range: '" + v + "'", e);
        }
    }

    private static boolean booleanSetting(Map<String, String> settings, String key) {
        String v = setting(settings, key);
        if (v.equals("true") || v.equals("false")) {
            return v.equals("true");
        }
        throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
    }

    private static FeatureWeighting weightingSetting(Map<String, String> settings) {
        String v = setting(settings, WEIGHTING);
        for (FeatureWeighting w : FeatureWeighting.values()) {
            if (w.name().equals(v)) {
                return w;
            }
        }
        throw new IllegalArgumentException(WEIGHTING + " must be one of " + Arrays.toString(FeatureWeighting.values())
                + ", got '" + v + "'");
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
        return "FeaturizerConfig{" + KIND + " v" + VERSION + ", maxCodePoints=" + maxCodePoints + ", maxFeatures=" + maxFeatures
                + ", wordNgramMax=" + wordNgramMax + ", maxSkip=" + maxSkip + ", charNgrams="
                + (charNgramsEnabled() ? charNgramMin + ".." + charNgramMax : "off") + ", caseFold=" + caseFold
                + ", weighting=" + weighting + ", hashSeed=" + hashSeed + "}";
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
