package io.github.dl4jprojection.runtime.model;

/**
 * The element-wise function a dense layer applies to {@code z = x W + b}. The code is the byte
 * stored in the file. Each function is specified in float32 (or in double rounded once to float32,
 * for the transcendental ones) so the Java runtime and the emitted C agree:
 * <pre>
 *   IDENTITY    z
 *   RELU        z &gt; 0 ? z : 0
 *   LEAKY_RELU  z &gt; 0 ? z : alpha * z                  (float32 product)
 *   TANH        (float) tanh((double) z)
 *   SIGMOID     (float) (1 / (1 + exp(-(double) z)))   (double arithmetic)
 *   HARD_TANH   min(1, max(-1, z))
 * </pre>
 * The logits layer (the last one) is IDENTITY; softmax follows it, see {@link ProjectionModel}.
 */
public enum Nonlinearity {
    /** No function: {@code z}. */
    IDENTITY(0),
    /** {@code max(0, z)}. */
    RELU(1),
    /** {@code tanh(z)}. */
    TANH(2),
    /** {@code 1 / (1 + e^-z)}. */
    SIGMOID(3),
    /** {@code z} for positive {@code z}, else {@code alpha * z}. */
    LEAKY_RELU(4),
    /** {@code z} clipped to {@code [-1, 1]}. */
    HARD_TANH(5);

    private final int code;

    Nonlinearity(int code) {
        this.code = code;
    }

    /** The byte that stands for this function in a {@code .pnet} file. */
    public int code() {
        return code;
    }

    static Nonlinearity ofCode(int code) {
        for (Nonlinearity n : values()) {
            if (n.code == code) {
                return n;
            }
        }
        return null;
    }

    /**
     * The function at {@code z}; {@code alpha} is used by {@link #LEAKY_RELU} only. StrictMath
     * makes the result the same on every JVM.
     */
    public float apply(float z, float alpha) {
        // A switch on the code, not on the enum: an enum switch costs a synthetic class in the small runtime jar.
        switch (code) {
            case 1:
                return z > 0f ? z : 0f;
            case 2:
                return (float) StrictMath.tanh(z);
            case 3:
                return (float) (1.0 / (1.0 + StrictMath.exp(-(double) z)));
            case 4:
                return z > 0f ? z : alpha * z;
            case 5:
                return z > 1f ? 1f : (z < -1f ? -1f : z);
            default:
                return z;
        }
    }

    /** An upper bound of {@code |f(z)|} given {@code |z| <= bound}, for the load-time overflow check. */
    double bound(double bound, float alpha) {
        if (this == SIGMOID) {
            return 1.0;
        }
        if (this == TANH || this == HARD_TANH) {
            return Math.min(bound, 1.0);
        }
        return this == LEAKY_RELU ? bound * Math.max(1.0, Math.abs(alpha)) : bound;
    }
}
