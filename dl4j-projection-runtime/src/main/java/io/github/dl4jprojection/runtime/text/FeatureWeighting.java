package io.github.dl4jprojection.runtime.text;

/**
 * The weight a distinct feature gets in the projection (docs/TEXT.md, "Weights"). Both choices are
 * integers, so the projection's float32 sums are exact and do not depend on the order of features.
 */
public enum FeatureWeighting {
    /** The number of times the feature occurs in the (capped) text. */
    COUNT(0),
    /** 1 for every feature present, however often: long texts do not drown short cues. */
    BINARY(1);

    private final int code;

    FeatureWeighting(int code) {
        this.code = code;
    }

    /** The byte that stands for this weighting in {@link FeaturizerConfig#toBytes()}. */
    public int code() {
        return code;
    }

    /**
     * The weighting with the given serialized code.
     *
     * @throws IllegalArgumentException for an unknown code
     */
    public static FeatureWeighting fromCode(int code) {
        for (FeatureWeighting w : values()) {
            if (w.code == code) {
                return w;
            }
        }
        throw new IllegalArgumentException("weighting: unknown code " + code + " (0 = COUNT, 1 = BINARY)");
    }
}
