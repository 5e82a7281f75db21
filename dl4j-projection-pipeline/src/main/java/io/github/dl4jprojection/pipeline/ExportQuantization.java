package io.github.dl4jprojection.pipeline;

import java.util.Locale;

/** How the weights of the exported projection network are stored. */
public enum ExportQuantization {
    /** 32-bit floats: scores match the DL4J network to 1e-5. */
    NONE,
    /** 8-bit integers with a scale per layer: about 4x smaller; accuracy and agreement are reported. */
    INT8,
    /**
     * Integer-only int8 (format version 3, INT8_FIXED): int8 weights, int32 accumulators and fixed-point
     * requantization, calibrated on training examples ({@code Int8Calibrator}); the label needs no float operation,
     * for chips without an FPU. Bag models only.
     */
    INT8_FIXED;

    /** How many training examples (the first, in the data's order) calibrate an {@link #INT8_FIXED} export. */
    public static final int CALIBRATION_EXAMPLES = 2000;

    /** The command-line name: none, int8, int8-fixed. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The quantization with this command-line name (case-insensitive).
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static ExportQuantization fromCliName(String name) {
        for (ExportQuantization q : values()) {
            if (q.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return q;
            }
        }
        throw new IllegalArgumentException("unknown quantization '" + name + "'; valid: int8, int8-fixed (or none)");
    }

    @Override
    public String toString() {
        return cliName();
    }
}
