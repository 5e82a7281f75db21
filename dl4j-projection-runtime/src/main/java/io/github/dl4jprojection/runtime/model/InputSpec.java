package io.github.dl4jprojection.runtime.model;

/**
 * What a model takes as input: a dense vector of {@code nIn} floats (optionally an image of
 * {@code height x width x channels}, flattened in the order the trainer used), or a bag of hashed
 * features described by a {@link FeaturizerSection}.
 */
public final class InputSpec {

    private final InputKind kind;
    private final int nIn;
    private final int height;
    private final int width;
    private final int channels;
    private final FeaturizerSection featurizer;

    private InputSpec(InputKind kind, int nIn, int height, int width, int channels, FeaturizerSection featurizer) {
        this.kind = kind;
        this.nIn = nIn;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.featurizer = featurizer;
    }

    /**
     * A dense input of {@code nIn} values without image shape.
     *
     * @throws IllegalArgumentException if {@code nIn} is not in {@code [1, MAX_DENSE_INPUTS]}
     */
    public static InputSpec dense(int nIn) {
        checkNIn(nIn);
        return new InputSpec(InputKind.DENSE, nIn, 0, 0, 0, null);
    }

    /**
     * A dense input that is an image; {@code nIn = height * width * channels}. The shape is
     * informative (tools use it to read images); the projection sees a flat vector.
     *
     * @throws IllegalArgumentException naming the dimension that is not positive, or if the product is too large
     */
    public static InputSpec image(int height, int width, int channels) {
        if (height < 1) {
            throw new IllegalArgumentException("height must be at least 1, got " + height);
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, got " + width);
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be at least 1, got " + channels);
        }
        long n = (long) height * width * channels;
        if (n > PnetFormat.MAX_DENSE_INPUTS) {
            throw new IllegalArgumentException("height * width * channels must be at most "
                    + PnetFormat.MAX_DENSE_INPUTS + ", got " + n);
        }
        return new InputSpec(InputKind.DENSE, (int) n, height, width, channels, null);
    }

    /**
     * A bag of hashed features, produced by the featurizer {@code featurizer} describes.
     *
     * @throws IllegalArgumentException if {@code featurizer} is null
     */
    public static InputSpec features(FeaturizerSection featurizer) {
        if (featurizer == null) {
            throw new IllegalArgumentException("featurizer must not be null");
        }
        return new InputSpec(InputKind.FEATURES, -1, 0, 0, 0, featurizer);
    }

    private static void checkNIn(int nIn) {
        if (nIn < 1 || nIn > PnetFormat.MAX_DENSE_INPUTS) {
            throw new IllegalArgumentException("nIn must be in [1, " + PnetFormat.MAX_DENSE_INPUTS + "], got " + nIn);
        }
    }

    /** DENSE or FEATURES. */
    public InputKind kind() {
        return kind;
    }

    /** The dense input length; -1 for a feature input. */
    public int nIn() {
        return nIn;
    }

    /** Whether a dense input carries an image shape. */
    public boolean hasImageShape() {
        return height > 0;
    }

    /** Image height, or 0 without image shape. */
    public int height() {
        return height;
    }

    /** Image width, or 0 without image shape. */
    public int width() {
        return width;
    }

    /** Image channels, or 0 without image shape. */
    public int channels() {
        return channels;
    }

    /**
     * The featurizer of a feature input.
     *
     * @throws IllegalStateException for a dense input
     */
    public FeaturizerSection featurizer() {
        if (featurizer == null) {
            throw new IllegalStateException("a DENSE input has no featurizer");
        }
        return featurizer;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof InputSpec)) {
            return false;
        }
        InputSpec other = (InputSpec) o;
        return kind == other.kind && nIn == other.nIn && height == other.height && width == other.width
                && channels == other.channels
                && (featurizer == null ? other.featurizer == null : featurizer.equals(other.featurizer));
    }

    @Override
    public int hashCode() {
        return ((kind.hashCode() * 31 + nIn) * 31 + height * 961 + width * 31 + channels) * 31
                + (featurizer == null ? 0 : featurizer.hashCode());
    }

    @Override
    public String toString() {
        if (kind == InputKind.FEATURES) {
            return "InputSpec{FEATURES, " + featurizer + "}";
        }
        return hasImageShape() ? "InputSpec{DENSE " + height + "x" + width + "x" + channels + "}"
                : "InputSpec{DENSE " + nIn + "}";
    }
}
