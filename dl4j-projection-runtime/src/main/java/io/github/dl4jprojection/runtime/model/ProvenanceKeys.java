package io.github.dl4jprojection.runtime.model;

/**
 * Conventional keys of a model's provenance map. The map is open: tools may add other keys, and
 * readers keep keys they do not know. Values are free text; the conventions below keep them
 * comparable between tools.
 */
public final class ProvenanceKeys {

    /** The dl4j-projection version that wrote the file, for example {@code 0.1.0}. */
    public static final String LIBRARY_VERSION = "library.version";
    /** When the model was exported, ISO-8601 in UTC, for example {@code 2024-05-01T12:00:00Z}. */
    public static final String CREATED = "created";
    /** The seed of the training run (the projection seed is in the projection section). */
    public static final String TRAINING_SEED = "training.seed";
    /** A description of the training data: name, version, size. */
    public static final String TRAINING_DATA = "training.data";
    /** Accuracy on the evaluation set at export, a decimal in [0, 1]. */
    public static final String ACCURACY = "accuracy";
    /** The evaluation set the accuracy was measured on. */
    public static final String EVALUATION_DATA = "evaluation.data";
    /** How the weights were exported: {@code float32}, {@code int8} or {@code int8-fixed} (integer-only). */
    public static final String WEIGHTS = "weights";
    /** An integer-only model's calibration: what {@link Int8Calibrator} observed, for example {@code 2000 examples}. */
    public static final String CALIBRATION = "calibration";
    /** Share of evaluation examples where the exported model agrees with the source model's label. */
    public static final String AGREEMENT = "agreement";

    private ProvenanceKeys() {
    }
}
