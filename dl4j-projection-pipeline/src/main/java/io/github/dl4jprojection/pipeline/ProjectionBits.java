package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.runtime.projection.ProjectionSpec;

/**
 * The size of the projection: {@code T} projection functions of {@code d} bits each, written
 * {@code T:d} on the command line; the projection network sees {@code T * d} bits. The paper's
 * MNIST network uses 60:12 = 720 bits.
 */
public final class ProjectionBits {

    private final int numFunctions;
    private final int bitsPerFunction;

    /** @throws IllegalArgumentException naming T or d when one is below 1 or T * d exceeds {@link ProjectionSpec#MAX_BITS} */
    public ProjectionBits(int numFunctions, int bitsPerFunction) {
        if (numFunctions < 1) {
            throw new IllegalArgumentException("T (number of projection functions) must be at least 1, got " + numFunctions);
        }
        if (bitsPerFunction < 1) {
            throw new IllegalArgumentException("d (bits per projection function) must be at least 1, got " + bitsPerFunction);
        }
        if ((long) numFunctions * bitsPerFunction > ProjectionSpec.MAX_BITS) {
            throw new IllegalArgumentException("T*d must be at most " + ProjectionSpec.MAX_BITS + " bits, got "
                    + numFunctions + "*" + bitsPerFunction);
        }
        this.numFunctions = numFunctions;
        this.bitsPerFunction = bitsPerFunction;
    }

    /**
     * Parses {@code T:d}, e.g. {@code 60:12}.
     *
     * @throws IllegalArgumentException saying the expected form
     */
    public static ProjectionBits parse(String text) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("bits must be T:d (functions:bits per function), e.g. 60:12, got '" + text + "'");
        }
        try {
            return new ProjectionBits(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bits must be T:d with integers T and d, e.g. 60:12, got '" + text + "'", e);
        }
    }

    /** T. */
    public int numFunctions() {
        return numFunctions;
    }

    /** d. */
    public int bitsPerFunction() {
        return bitsPerFunction;
    }

    /** T * d. */
    public int totalBits() {
        return numFunctions * bitsPerFunction;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectionBits && ((ProjectionBits) o).numFunctions == numFunctions
                && ((ProjectionBits) o).bitsPerFunction == bitsPerFunction;
    }

    @Override
    public int hashCode() {
        return 31 * numFunctions + bitsPerFunction;
    }

    @Override
    public String toString() {
        return numFunctions + ":" + bitsPerFunction;
    }
}
