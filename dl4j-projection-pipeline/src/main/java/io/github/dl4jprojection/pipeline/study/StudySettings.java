package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.pipeline.TrainingConfig;
import io.github.dl4jprojection.runtime.model.PnetFormat;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The sweep of a frontier study: bit budgets {@code T * d} (with {@code d} fixed, {@code T = budget / d}),
 * projection hidden widths (0 for none), the trainer's epochs, and the {@link TrainingConfig} every student is
 * trained with (the same type {@code train} fills: trainer name, density, epochs, minibatch size, Adam's learning
 * rate, seed, temperature, and the loss weights {@code l2} of the distilled students and {@code l3} of every
 * student; {@code l1}, the trainer's own term, does not apply: the trainer is trained alone first, then frozen).
 * The configuration's bits and hidden layers are replaced by the sweep's. The students trained at each point are
 * {@link #methods} (all by default). Immutable; built and validated by
 * {@link Builder}.
 */
public final class StudySettings {

    private final TrainingConfig training;
    private final int[] budgets;
    private final int[] hidden;
    private final int bitsPerFunction;
    private final int trainerEpochs;
    private final long[] seeds;
    private final Set<StudyMethod> methods;

    private StudySettings(Builder b) {
        this.training = b.training;
        this.seeds = b.seeds == null ? new long[] {b.training.seed()} : b.seeds.clone();
        this.budgets = b.budgets.clone();
        this.hidden = b.hidden.clone();
        this.bitsPerFunction = b.bitsPerFunction;
        this.trainerEpochs = b.trainerEpochs == null ? b.training.epochs() : b.trainerEpochs;
        this.methods = Collections.unmodifiableSet(EnumSet.copyOf(b.methods));
    }

    /** A builder of a sweep whose students are trained as {@code training} says. */
    public static Builder builder(TrainingConfig training) {
        return new Builder(training);
    }

    /** How every student is trained. */
    public TrainingConfig training() {
        return training;
    }

    /** The seeds every point is run with, in the order given; by default the configuration's seed alone. */
    public long[] seeds() {
        return seeds.clone();
    }

    /**
     * These settings with one seed: the configuration's seed (trainer, projection, initialization, minibatch order)
     * replaced by {@code seed}.
     */
    public StudySettings withSeed(long seed) {
        Builder b = new Builder(training.toBuilder().seed(seed).build()).budgets(budgets).hidden(hidden)
                .bitsPerFunction(bitsPerFunction).trainerEpochs(trainerEpochs).seeds(seed)
                .methods(methods.toArray(new StudyMethod[0]));
        return b.build();
    }

    /**
     * The students to train at every point; by default all of them. A task trains those it has: the CNN (e) on
     * images only, the sketch networks (f), (g) on texts only.
     */
    public Set<StudyMethod> methods() {
        return methods;
    }

    /** Whether {@code method} is among the {@link #methods}. */
    public boolean trains(StudyMethod method) {
        return methods.contains(method);
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

    /** The projection spec of a budget: {@code T = budget / d}, the configuration's density and seed. */
    public ProjectionSpec spec(int budget) {
        return ProjectionSpec.builder().numFunctions(budget / bitsPerFunction).bitsPerFunction(bitsPerFunction)
                .density(training.density().value()).seed(training.seed()).build();
    }

    /** Epochs of every student. */
    public int epochs() {
        return training.epochs();
    }

    /** Epochs of the trainer. */
    public int trainerEpochs() {
        return trainerEpochs;
    }

    public int batchSize() {
        return training.batchSize();
    }

    /** Adam's learning rate of every student. */
    public double learningRate() {
        return training.learningRate();
    }

    /** l2 of the distilled students (b) and (d). */
    public double lambdaDistill() {
        return training.lossWeights().distillation();
    }

    /** l3 of every student. */
    public double lambdaLabels() {
        return training.lossWeights().projection();
    }

    /**
     * tau, the distillation temperature of (b) and (d). Above 1 the trainer's soft targets are softened (Hinton et
     * al., 2015): needed when the trainer is near one-hot on its training data, where at tau = 1 the distillation
     * term only repeats the labels.
     */
    public double temperature() {
        return training.temperature();
    }

    public long seed() {
        return training.seed();
    }

    /**
     * Settings of a {@link StudySettings}; defaults on the setters. Messages name the command line's options
     * (budgets, hidden, bits-per-function, trainer-epochs, methods).
     */
    public static final class Builder {
        private final TrainingConfig training;
        private int[] budgets = {64, 128, 256, 512, 1024, 2048, 4096};
        private int[] hidden = {0, 32};
        private int bitsPerFunction = 16;
        private Integer trainerEpochs;
        private long[] seeds;
        private Set<StudyMethod> methods = EnumSet.complementOf(EnumSet.of(StudyMethod.TRAINER));

        private Builder(TrainingConfig training) {
            this.training = Objects.requireNonNull(training, "training");
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

        /** Default: the configuration's epochs. */
        public Builder trainerEpochs(int trainerEpochs) {
            this.trainerEpochs = trainerEpochs;
            return this;
        }

        /** Default: the configuration's seed alone; each seed once. */
        public Builder seeds(long... seeds) {
            this.seeds = seeds;
            return this;
        }

        /**
         * Default: every student. At least one of (c), (d), (f), (g): the baselines are sized to its file. The
         * trainer is always trained (a reference row, and the distilled students' targets).
         */
        public Builder methods(StudyMethod... methods) {
            this.methods = methods == null || methods.length == 0 ? EnumSet.noneOf(StudyMethod.class)
                    : EnumSet.copyOf(Arrays.asList(methods));
            return this;
        }

        /** @throws IllegalArgumentException naming the option out of range */
        public StudySettings build() {
            if (seeds != null) {
                if (seeds.length == 0) {
                    throw new IllegalArgumentException("seeds must name at least one seed");
                }
                if (Arrays.stream(seeds).distinct().count() != seeds.length) {
                    throw new IllegalArgumentException("seeds must be distinct, got " + Arrays.toString(seeds));
                }
            }
            if (bitsPerFunction < 1 || bitsPerFunction > 64) {
                throw new IllegalArgumentException("bits-per-function must be in 1..64, got " + bitsPerFunction);
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
                if (h < 0 || h > PnetFormat.MAX_LAYER_WIDTH) {
                    throw new IllegalArgumentException("hidden widths must be 0 (none) to "
                            + PnetFormat.MAX_LAYER_WIDTH + " (the model format's limit), got " + h);
                }
            }
            if (methods.contains(StudyMethod.TRAINER)) {
                throw new IllegalArgumentException("methods: the trainer is always trained; name students only");
            }
            if (methods.stream().noneMatch(StudyMethod::exported)) {
                throw new IllegalArgumentException("methods must include projection-alone, projection-joint, "
                        + "sketch-alone or sketch-joint: the baselines are sized to its exported file");
            }
            if (trainerEpochs != null && trainerEpochs < 1) {
                throw new IllegalArgumentException("trainer-epochs must be at least 1, got " + trainerEpochs);
            }
            return new StudySettings(this);
        }
    }
}
