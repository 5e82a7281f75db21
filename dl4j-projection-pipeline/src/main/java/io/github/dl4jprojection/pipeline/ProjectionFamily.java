package io.github.dl4jprojection.pipeline;

import java.util.Locale;

/**
 * The projection network a task trains (the command line's {@code --model}): bag for images and texts, seq and
 * sketch for texts, patch for images.
 * <ul>
 *   <li>{@link #BAG}: SGNN (Ravi and Kozareva, EMNLP 2018): one LSH projection of the whole text's feature bag to
 *       {@code T * d} bits ({@code --bits}), then the dense layers;</li>
 *   <li>{@link #SEQ}: PRADO-like (Kaliamoorthi, Ravi and Kozareva, EMNLP 2019): every token projected on its own to
 *       {@code T * d} bits ({@code --token-bits}), a bottleneck shared by the tokens, a convolution over n-gram
 *       windows of tokens and max pooling over them, then the dense layers (format version 2);</li>
 *   <li>{@link #SKETCH}: a count sketch of the text's feature bag (feature hashing with a sign per feature into
 *       {@code B} buckets, {@code --buckets}, square-root weights, unit L2 norm), then the dense layers (format
 *       version 4): a linear layer on it keeps how much of each feature a text has, where the bag's sign bits keep
 *       one sign per random sum;</li>
 *   <li>{@link #PATCH} (images): every {@code p x p} patch of the image at stride {@code s} projected to
 *       {@code T * d} bits ({@code --window}, {@code --stride}, {@code --bits}), small trainable convolutions with
 *       max pooling over that bit map ({@code --conv}), then the dense layers (format version 5).</li>
 * </ul>
 */
public enum ProjectionFamily {
    BAG,
    SEQ,
    SKETCH,
    PATCH;

    /** The command-line name: bag, seq, sketch, patch. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The family with this command-line name (case-insensitive).
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static ProjectionFamily fromCliName(String name) {
        for (ProjectionFamily f : values()) {
            if (f.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; valid models: bag, seq, sketch (texts), patch (images)");
    }

    /** Whether the family reads images: bag and patch. */
    public boolean forImages() {
        return this == BAG || this == PATCH;
    }

    /** Whether the family reads texts: bag, seq and sketch. */
    public boolean forTexts() {
        return this != PATCH;
    }

    @Override
    public String toString() {
        return cliName();
    }
}
