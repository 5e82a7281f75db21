package io.github.dl4jprojection.runtime.model;

/** How a dense layer stores its weight matrix. The code is the byte stored in the file. */
public enum WeightType {
    /** float32 weights {@code W[i][j]}. */
    FLOAT32(0),
    /**
     * Signed 8-bit weights {@code q[i][j]} with one float32 scale {@code s[j]} per output unit:
     * {@code W[i][j] ~ q[i][j] * s[j]}. Four times smaller; the scale is applied once per output.
     */
    INT8(1),
    /**
     * Integer-only int8 (format version 3, docs/FORMAT.md section 11): int8 weights {@code q[i][j]}, int32 bias at
     * the accumulator's scale, and a fixed-point requantization (int32 multiplier and shift) per output, so the
     * layer runs without any float operation: {@code acc = b_q[j] + sum_i x_q[i] * q[i][j]} in int32, then
     * {@code z_q = round(acc * m[j] / 2^shift[j])} in int64. Every layer of a model is of this type or none is.
     */
    INT8_FIXED(2);

    private final int code;

    WeightType(int code) {
        this.code = code;
    }

    /** The byte that stands for this type in a {@code .pnet} file. */
    public int code() {
        return code;
    }

    static WeightType ofCode(int code) {
        for (WeightType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
