package io.github.dl4jprojection.pipeline;

import java.time.Instant;

/**
 * The creation time recorded in exported models: {@code SOURCE_DATE_EPOCH} (seconds; the reproducible-builds
 * convention) when set, else none, so that by default the same seed and data give the same file bytes.
 */
public final class ExportTime {

    private ExportTime() {
    }

    /**
     * Read before training, so that a bad value fails at once rather than after hours.
     *
     * @throws IllegalArgumentException when {@code SOURCE_DATE_EPOCH} is set but not whole seconds
     */
    public static Instant fromEnvironment() {
        return parse(System.getenv("SOURCE_DATE_EPOCH"));
    }

    static Instant parse(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SOURCE_DATE_EPOCH must be whole seconds since 1970, got \"" + value
                    + "\"");
        }
    }
}
