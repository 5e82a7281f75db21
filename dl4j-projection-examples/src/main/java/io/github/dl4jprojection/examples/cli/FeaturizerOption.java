package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.runtime.text.FeatureWeighting;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The value of {@code --features}: comma-separated {@code key=value} settings of the text featurizer
 * (docs/TEXT.md, "Configuration"), each overriding the default, for example
 * {@code words=2,skip=0,chars=none,weighting=binary}.
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><td>{@code words}</td><td>word n-grams up to n (0..3)</td></tr>
 *   <tr><td>{@code skip}</td><td>skip-grams skipping up to k tokens (0..4)</td></tr>
 *   <tr><td>{@code chars}</td><td>character n-grams {@code min-max} or {@code n} (2..8), or {@code none}</td></tr>
 *   <tr><td>{@code weighting}</td><td>{@code count} or {@code binary}</td></tr>
 *   <tr><td>{@code fold}</td><td>case folding, {@code true} or {@code false}</td></tr>
 *   <tr><td>{@code max-code-points}</td><td>code points read per text</td></tr>
 *   <tr><td>{@code max-features}</td><td>distinct features kept per text</td></tr>
 * </table>
 */
final class FeaturizerOption {

    static final String KEYS = "words, skip, chars, weighting, fold, max-code-points, max-features";

    private FeaturizerOption() {
    }

    /**
     * @throws IllegalArgumentException with a one-line message naming the setting: an unknown or repeated key,
     *     a malformed value, or a configuration the featurizer rejects
     */
    static FeaturizerConfig parse(String value) {
        FeaturizerConfig.Builder b = FeaturizerConfig.defaults().toBuilder();
        if (value.trim().isEmpty() || value.trim().equals("default")) {
            return b.build();
        }
        Set<String> seen = new HashSet<>();
        for (String setting : value.split(",", -1)) {
            int eq = setting.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("'" + setting.trim() + "' is not key=value; keys: " + KEYS);
            }
            String key = setting.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String v = setting.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
            if (!seen.add(key)) {
                throw new IllegalArgumentException("'" + key + "' is given twice");
            }
            switch (key) {
                case "words":
                    b.wordNgramMax(ranged(key, v, 0, 3));
                    break;
                case "skip":
                    b.maxSkip(ranged(key, v, 0, 4));
                    break;
                case "chars":
                    chars(b, v);
                    break;
                case "weighting":
                    b.weighting(weighting(v));
                    break;
                case "fold":
                    b.caseFold(bool(key, v));
                    break;
                case "max-code-points":
                    b.maxCodePoints(ranged(key, v, 1, FeaturizerConfig.MAX_CAP));
                    break;
                case "max-features":
                    b.maxFeatures(ranged(key, v, 1, FeaturizerConfig.MAX_CAP));
                    break;
                default:
                    throw new IllegalArgumentException("unknown key '" + key + "'; keys: " + KEYS);
            }
        }
        return b.build();
    }

    private static void chars(FeaturizerConfig.Builder b, String v) {
        if (v.equals("none") || v.equals("0")) {
            b.noCharNgrams();
            return;
        }
        int dash = v.indexOf('-');
        int min = integer("chars", dash < 0 ? v : v.substring(0, dash));
        int max = dash < 0 ? min : integer("chars", v.substring(dash + 1));
        if (min < 2 || max > 8 || min > max) {
            throw new IllegalArgumentException("chars must be none, n or min-max with 2 <= min <= max <= 8, got " + v);
        }
        b.charNgrams(min, max);
    }

    private static FeatureWeighting weighting(String v) {
        if (v.equals("count")) {
            return FeatureWeighting.COUNT;
        }
        if (v.equals("binary")) {
            return FeatureWeighting.BINARY;
        }
        throw new IllegalArgumentException("weighting must be count or binary, got " + v);
    }

    private static boolean bool(String key, String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException(key + " must be true or false, got " + v);
    }

    private static int ranged(String key, String v, int min, int max) {
        int n = integer(key, v);
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + " must be in " + min + ".." + max + ", got " + n);
        }
        return n;
    }

    private static int integer(String key, String v) {
        if (!v.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'");
        }
        return Integer.parseInt(v);
    }
}
