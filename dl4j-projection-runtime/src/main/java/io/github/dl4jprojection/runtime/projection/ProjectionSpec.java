package io.github.dl4jprojection.runtime.projection;

/**
 * The full, immutable description of an LSH projection: {@code T} functions of {@code d} bits,
 * a seed and the density of the random projection vectors. Together with the input key (an input
 * index or a feature hash) this determines every projection entry; the reference computation is
 * {@code runtime.internal.projection.LshProjection}.
 *
 * <p>Density is {@code 2^-k} for {@code k} in {@code 0..6}: each entry is non-zero with that
 * probability, and then +1 or -1 with equal probability (Achlioptas-style sparse projections;
 * density 1 gives the dense {-1, +1} case). Sparser projections cost proportionally less on a
 * device, since only the non-zero entries are visited.
 */
public final class ProjectionSpec {

    /** The largest total bit count {@code T * d} accepted. */
    public static final int MAX_BITS = 1 << 16;
    /** The largest {@code k} in density {@code 2^-k}. */
    public static final int MAX_SPARSITY_LOG2 = 6;

    private final int numFunctions;
    private final int bitsPerFunction;
    private final long seed;
    private final int sparsityLog2;

    private ProjectionSpec(int numFunctions, int bitsPerFunction, long seed, int sparsityLog2) {
        this.numFunctions = numFunctions;
        this.bitsPerFunction = bitsPerFunction;
        this.seed = seed;
        this.sparsityLog2 = sparsityLog2;
    }

    /** A builder with {@code density = 1/4} and {@code seed = 42}; T and d must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** T: the number of projection functions. */
    public int numFunctions() {
        return numFunctions;
    }

    /** d: the bits each projection function gives. */
    public int bitsPerFunction() {
        return bitsPerFunction;
    }

    /** T * d, the length of the bit vector. */
    public int numBits() {
        return numFunctions * bitsPerFunction;
    }

    /** The seed from which all projection entries are derived. */
    public long seed() {
        return seed;
    }

    /** k, where the density of non-zero entries is {@code 2^-k}. */
    public int sparsityLog2() {
        return sparsityLog2;
    }

    /** The probability that an entry is non-zero: {@code 2^-k}. */
    public double density() {
        return 1.0 / (1 << sparsityLog2);
    }

    /** The number of 64-bit words that hold {@link #numBits()} packed bits. */
    public int numWords() {
        return (numBits() + 63) >>> 6;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ProjectionSpec)) {
            return false;
        }
        ProjectionSpec other = (ProjectionSpec) o;
        return numFunctions == other.numFunctions && bitsPerFunction == other.bitsPerFunction
                && seed == other.seed && sparsityLog2 == other.sparsityLog2;
    }

    @Override
    public int hashCode() {
        // Not Long.hashCode(long): Android has it from API level 24 only.
        return ((numFunctions * 31 + bitsPerFunction) * 31 + (int) (seed ^ (seed >>> 32))) * 31 + sparsityLog2;
    }

    @Override
    public String toString() {
        return "ProjectionSpec{T=" + numFunctions + ", d=" + bitsPerFunction + ", seed=" + seed
                + ", density=1/" + (1 << sparsityLog2) + "}";
    }

    /** Validating builder for {@link ProjectionSpec}. */
    public static final class Builder {
        private int numFunctions = -1;
        private int bitsPerFunction = -1;
        private long seed = 42L;
        private double density = 0.25;

        private Builder() {
        }

        /** T, the number of projection functions (at least 1). */
        public Builder numFunctions(int t) {
            this.numFunctions = t;
            return this;
        }

        /** d, the bits per projection function (at least 1). */
        public Builder bitsPerFunction(int d) {
            this.bitsPerFunction = d;
            return this;
        }

        /** The seed of the projection. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Probability of a non-zero entry: 1, 1/2, 1/4, ... down to 1/64. */
        public Builder density(double density) {
            this.density = density;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the parameter when T or d is not positive,
         *     T * d exceeds {@link #MAX_BITS}, or density is not a power of two in [1/64, 1]
         */
        public ProjectionSpec build() {
            if (numFunctions < 1) {
                throw new IllegalArgumentException("numFunctions (T) must be at least 1, got " + numFunctions);
            }
            if (bitsPerFunction < 1) {
                throw new IllegalArgumentException("bitsPerFunction (d) must be at least 1, got " + bitsPerFunction);
            }
            if ((long) numFunctions * bitsPerFunction > MAX_BITS) {
                throw new IllegalArgumentException("numFunctions * bitsPerFunction (T * d) must be at most "
                        + MAX_BITS + ", got " + numFunctions + " * " + bitsPerFunction);
            }
            return new ProjectionSpec(numFunctions, bitsPerFunction, seed, sparsityLog2Of(density));
        }

        private static int sparsityLog2Of(double density) {
            for (int k = 0; k <= MAX_SPARSITY_LOG2; k++) {
                if (density == 1.0 / (1 << k)) {
                    return k;
                }
            }
            throw new IllegalArgumentException(
                    "density must be one of 1, 1/2, 1/4, 1/8, 1/16, 1/32, 1/64, got " + density);
        }
    }
}
