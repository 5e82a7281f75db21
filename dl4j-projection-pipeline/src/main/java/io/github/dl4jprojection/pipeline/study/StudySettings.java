package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.util.Arrays;

/**
 * The sweep of a frontier study: bit budgets {@code T * d} (with {@code d} fixed, {@code T = budget / d}),
 * projection hidden widths (0 for none), training settings shared by every student, and the loss weights of
 * the distilled students. Immutable; built and validated by {@link Builder}.
 */
public final class StudySettings {

    private final int[] budgets;
    private final int[] hidden;
    private final int bitsPerFunction;
    private final double density;
    private final int epochs;
    private final int trainerEpochs;
    private final int batchSize;
    private final double lambdaDistill;
    private final double lambdaLabels;
    private final double temperature;
    private final long seed;

    private StudySettings(Builder b) {
        this.budgets = b.budgets.clone();
        this.hidden = b.hidden.clone();
        this.bitsPerFunction = b.bitsPerFunction;
        this.density = b.density;
        this.epochs = b.epochs;
        this.trainerEpochs = b.trainerEpochs;
        this.batchSize = b.batchSize;
        this.lambdaDistill = b.lambdaDistill;
        this.lambdaLabels = b.lambdaLabels;
        this.temperature = b.temperature;
        this.seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Bit budgets T*d, ascending. */
    public int[] budgets() {
        return budgets.clone();
    }

    /** Projection hidden widths, 0 for none. */
    public int[] hidden() {
        return hidden.clone();
    }

    /** d, the bits of each projection function. */
    public int bitsPerFunction() {
        return bitsPerFunction;
    }

    /** The projection spec of a budget: {@code T = budget / d}, the study's density and seed. */
    public ProjectionSpec spec(int budget) {
        return ProjectionSpec.builder().numFunctions(budget / bitsPerFunction).bitsPerFunction(bitsPerFunction)
                .density(density).seed(seed).build();
    }

    /** Epochs of every student. */
    public int epochs() {
        return epochs;
    }

    /** Epochs of the trainer. */
    public int trainerEpochs() {
        return trainerEpochs;
    }

    public int batchSize() {
        return batchSize;
    }

    /** l2 of the distilled students (b) and (d). */
    public double lambdaDistill() {
        return lambdaDistill;
    }

    /** l3 of every student. */
    public double lambdaLabels() {
        return lambdaLabels;
    }

    /** tau, the distillation temperature of (b) and (d). */
    public double temperature() {
        return temperature;
    }

    public long seed() {
        return seed;
    }

    /** Settings of a {@link StudySettings}; defaults on the setters. */
    public static final class Builder {
        private int[] budgets = {64, 128, 256, 512, 1024, 2048, 4096};
        private int[] hidden = {0, 32};
        private int bitsPerFunction = 16;
        private double density = 0.25;
        private int epochs = 5;
        private int trainerEpochs = 5;
        private int batchSize = 64;
        private double lambdaDistill = 0.1;
        private double lambdaLabels = 1.0;
        private double temperature = 1.0;
        private long seed = 42;

        private Builder() {
        }

        /** Default 64, 128, ..., 4096; each a multiple of d. */
        public Builder budgets(int... budgets) {
            this.budgets = budgets;
            return this;
        }

        /** Default 0 (none) and 32. */
        public Builder hidden(int... hidden) {
            this.hidden = hidden;
            return this;
        }

        /** Default 16. */
        public Builder bitsPerFunction(int bitsPerFunction) {
            this.bitsPerFunction = bitsPerFunction;
            return this;
        }

        /** Default 1/4. */
        public Builder density(double density) {
            this.density = density;
            return this;
        }

        /** Default 5. */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Default 5. */
        public Builder trainerEpochs(int trainerEpochs) {
            this.trainerEpochs = trainerEpochs;
            return this;
        }

        /** Default 64. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Default 0.1 (the paper's l2). */
        public Builder lambdaDistill(double lambdaDistill) {
            this.lambdaDistill = lambdaDistill;
            return this;
        }

        /** Default 1.0 (the paper's l3). */
        public Builder lambdaLabels(double lambdaLabels) {
            this.lambdaLabels = lambdaLabels;
            return this;
        }

        /**
         * Default 1 (the paper's). Above 1 the trainer's soft targets are softened (Hinton et al., 2015): needed
         * when the trainer is near one-hot on its training data, where at tau = 1 the distillation term only
         * repeats the labels.
         */
        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        /** Default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting out of range */
        public StudySettings build() {
            if (bitsPerFunction < 1 || bitsPerFunction > 64) {
                throw new IllegalArgumentException("bitsPerFunction must be in 1..64, got " + bitsPerFunction);
            }
            if (budgets == null || budgets.length == 0) {
                throw new IllegalArgumentException("budgets must name at least one bit budget");
            }
            budgets = budgets.clone();
            Arrays.sort(budgets);
            for (int b : budgets) {
                if (b < bitsPerFunction || b % bitsPerFunction != 0 || b > ProjectionSpec.MAX_BITS) {
                    throw new IllegalArgumentException("budgets must be multiples of d = " + bitsPerFunction
                            + " between " + bitsPerFunction + " and " + ProjectionSpec.MAX_BITS + ", got " + b);
                }
            }
            if (hidden == null || hidden.length == 0) {
                throw new IllegalArgumentException("hidden must name at least one width (0 for none)");
            }
            for (int h : hidden) {
                if (h < 0) {
                    throw new IllegalArgumentException("hidden widths must be 0 (none) or more, got " + h);
                }
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            if (trainerEpochs < 1) {
                throw new IllegalArgumentException("trainerEpochs must be at least 1, got " + trainerEpochs);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
            }
            if (!(lambdaDistill >= 0) || !(lambdaLabels > 0)) {
                throw new IllegalArgumentException("lambdaDistill must be >= 0 and lambdaLabels > 0, got "
                        + lambdaDistill + " and " + lambdaLabels);
            }
            if (!(temperature > 0) || Double.isInfinite(temperature)) {
                throw new IllegalArgumentException("temperature must be a positive number, got " + temperature);
            }
            ProjectionSpec.builder().numFunctions(1).bitsPerFunction(bitsPerFunction).density(density).build();
            return new StudySettings(this);
        }
    }
}
