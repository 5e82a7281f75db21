package io.github.dl4jprojection.runtime.model;

/**
 * How a model turns its input into the first dense layer's input. The code is the family byte of a {@code .pnet}
 * file's projection section (docs/FORMAT.md 10.1, 12).
 * <ul>
 *   <li>{@link #BAG}: one LSH projection of the whole input to {@code T * d} bits (ProjectionNet, SGNN);</li>
 *   <li>{@link #SEQUENCE}: every token of a text projected to bits, then a {@link SequenceEncoder} (format 2);</li>
 *   <li>{@link #SKETCH}: a text's feature bag hashed with signs into {@code B = T * d} buckets, square-root
 *       weights, unit L2 norm ({@code CountSketch}; format 4): {@code B} floats instead of bits;</li>
 *   <li>{@link #PATCH}: every local patch of an image projected to {@code B} bits, then a {@link PatchEncoder}
 *       (convolutions and max pooling over the bit map; format 5).</li>
 * </ul>
 */
public enum ModelFamily {
    BAG(0),
    SEQUENCE(1),
    SKETCH(2),
    PATCH(3);

    private final int code;

    ModelFamily(int code) {
        this.code = code;
    }

    /** The family byte of this family in a {@code .pnet} file. */
    public int code() {
        return code;
    }

    /** The family with file code {@code code}, or null if none. */
    static ModelFamily ofCode(int code) {
        for (ModelFamily f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        return null;
    }
}
