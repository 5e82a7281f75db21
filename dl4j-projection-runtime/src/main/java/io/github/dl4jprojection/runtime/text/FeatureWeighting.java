package io.github.dl4jprojection.runtime.text;

/**
 * The weight a distinct feature gets in the projection (docs/TEXT.md, "Weights"). Both choices are
 * integers, so the projection's float32 sums are exact and do not depend on the order of features.
 * The model file stores the constant's name.
 */
public enum FeatureWeighting {
    /** The number of times the feature occurs in the (capped) text. */
    COUNT,
    /** 1 for every feature present, however often: long texts do not drown short cues. */
    BINARY
}
