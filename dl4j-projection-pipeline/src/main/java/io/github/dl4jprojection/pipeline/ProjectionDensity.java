package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.runtime.projection.ProjectionSpec;

/**
 * The probability that an entry of a random projection vector is non-zero: {@code 2^-k} for
 * {@code k = 0 .. }{@link ProjectionSpec#MAX_SPARSITY_LOG2}, written {@code 1/4} or {@code 0.25}.
 * Sparser projections cost proportionally less to compute on a device.
 */
public final class ProjectionDensity {

    /** The default, 1/4. */
    public static final ProjectionDensity QUARTER = new ProjectionDensity(2);

    private final int sparsityLog2;

    private ProjectionDensity(int sparsityLog2) {
        this.sparsityLog2 = sparsityLog2;
    }

    /**
     * Parses {@code 1/2^k} or its decimal value.
     *
     * @throws IllegalArgumentException listing the accepted values
     */
    public static ProjectionDensity parse(String text) {
        String t = text.trim();
        double value;
        try {
            int slash = t.indexOf('/');
            value = slash < 0 ? Double.parseDouble(t)
                    : Double.parseDouble(t.substring(0, slash).trim()) / Double.parseDouble(t.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(acceptedValues(text), e);
        }
        for (int k = 0; k <= ProjectionSpec.MAX_SPARSITY_LOG2; k++) {
            if (value == 1.0 / (1 << k)) {
                return new ProjectionDensity(k);
            }
        }
        throw new IllegalArgumentException(acceptedValues(text));
    }

    private static String acceptedValues(String text) {
        return "density must be one of 1, 1/2, 1/4, 1/8, 1/16, 1/32, 1/64, got '" + text + "'";
    }

    /** The density as a number, {@code 2^-k}. */
    public double value() {
        return 1.0 / (1 << sparsityLog2);
    }

    /** k. */
    public int sparsityLog2() {
        return sparsityLog2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectionDensity && ((ProjectionDensity) o).sparsityLog2 == sparsityLog2;
    }

    @Override
    public int hashCode() {
        return sparsityLog2;
    }

    @Override
    public String toString() {
        return sparsityLog2 == 0 ? "1" : "1/" + (1 << sparsityLog2);
    }
}
