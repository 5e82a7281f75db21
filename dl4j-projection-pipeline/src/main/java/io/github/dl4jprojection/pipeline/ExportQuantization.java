package io.github.dl4jprojection.pipeline;

import java.util.Locale;

/** How the weights of the exported projection network are stored. */
public enum ExportQuantization {
    /** 32-bit floats: scores match the DL4J network to 1e-5. */
    NONE,
    /** 8-bit integers with a scale per layer: about 4x smaller; accuracy and agreement are reported. */
    INT8;

    /** The command-line name: none, int8. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
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
        throw new IllegalArgumentException("unknown quantization '" + name + "'; valid: int8 (or none)");
    }

    @Override
    public String toString() {
        return cliName();
    }
}
