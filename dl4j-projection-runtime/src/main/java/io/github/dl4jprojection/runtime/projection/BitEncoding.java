package io.github.dl4jprojection.runtime.projection;

/**
 * How a projection bit is presented to the dense layer that consumes it.
 *
 * <p>{@link #PLUS_MINUS_ONE} (bit 1 -> +1, bit 0 -> -1) is centred, which keeps the first dense
 * layer's pre-activations centred too and trains faster; {@link #ZERO_ONE} is the raw bit.
 */
public enum BitEncoding {
    /** Bit 0 -> 0.0, bit 1 -> 1.0. */
    ZERO_ONE(0f, 1f),
    /** Bit 0 -> -1.0, bit 1 -> +1.0. */
    PLUS_MINUS_ONE(-1f, 1f);

    private final float off;
    private final float on;

    BitEncoding(float off, float on) {
        this.off = off;
        this.on = on;
    }

    /** The value a clear bit takes. */
    public float off() {
        return off;
    }

    /** The value a set bit takes. */
    public float on() {
        return on;
    }

    /** The encoded value of one bit. */
    public float encode(boolean bit) {
        return bit ? on : off;
    }

    /** Whether {@code value} is one of the two values of this encoding. */
    public boolean isValue(double value) {
        return value == off || value == on;
    }
}
