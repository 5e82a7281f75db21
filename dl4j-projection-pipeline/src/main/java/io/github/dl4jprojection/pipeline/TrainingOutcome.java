package io.github.dl4jprojection.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a training run ({@link TrainingPipeline}) reports after training and exporting: sizes and test-set
 * accuracies of both networks, the DL4J projection network's predicted class for every test example (in
 * test-set order), against which the exported model's runtime predictions are compared, the time spent
 * training (this run's epochs) and evaluating and exporting, and one {@link EpochRecord} per finished epoch (a
 * resumed run's earlier epochs included when its checkpoint kept them).
 */
public final class TrainingOutcome {

    private final long trainerParams;
    private final long trainerBytes;
    private final double trainerAccuracy;
    private final long projectionParams;
    private final double projectionAccuracy;
    private final int[] projectionTestPredictions;
    private final double trainingSeconds;
    private final double evaluationSeconds;
    private final double totalTrainingSeconds;
    private final List<EpochRecord> epochs;

    private TrainingOutcome(Builder b) {
        this.trainerParams = b.trainerParams;
        this.trainerBytes = b.trainerBytes;
        this.trainerAccuracy = b.trainerAccuracy;
        this.projectionParams = b.projectionParams;
        this.projectionAccuracy = b.projectionAccuracy;
        this.projectionTestPredictions = b.projectionTestPredictions.clone();
        this.trainingSeconds = b.trainingSeconds;
        this.evaluationSeconds = b.evaluationSeconds;
        this.totalTrainingSeconds = Math.max(b.totalTrainingSeconds, b.trainingSeconds);
        this.epochs = Collections.unmodifiableList(new ArrayList<>(b.epochs));
    }

    /** A builder; every value but the durations (0 when not measured) and the epochs (none) is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Trainable parameters of the trainer network. */
    public long trainerParams() {
        return trainerParams;
    }

    /** Size of the trainer network's parameters in bytes (float32: 4 per parameter). */
    public long trainerBytes() {
        return trainerBytes;
    }

    /** The trainer network's accuracy on the test split, in [0, 1]. */
    public double trainerAccuracy() {
        return trainerAccuracy;
    }

    /** Trainable parameters of the projection network (the projection itself has none). */
    public long projectionParams() {
        return projectionParams;
    }

    /** The DL4J projection network's accuracy on the test split, in [0, 1]. */
    public double projectionAccuracy() {
        return projectionAccuracy;
    }

    /** The DL4J projection network's predicted class of each test image, in test-set order (a copy). */
    public int[] projectionTestPredictions() {
        return projectionTestPredictions.clone();
    }

    /** Seconds spent fitting this run's epochs (a resumed run's earlier epochs not included). */
    public double trainingSeconds() {
        return trainingSeconds;
    }

    /** Seconds spent fitting all finished epochs: a resumed run adds those of the runs before it. */
    public double totalTrainingSeconds() {
        return totalTrainingSeconds;
    }

    /** Seconds spent evaluating both branches, exporting and checking the export with the runtime. */
    public double evaluationSeconds() {
        return evaluationSeconds;
    }

    /**
     * The finished epochs' figures in epoch order: every epoch of the run, or, for a run resumed from a checkpoint
     * that did not keep them, those trained by this run only (unmodifiable).
     */
    public List<EpochRecord> epochs() {
        return epochs;
    }

    /** Values of a {@link TrainingOutcome}; validated in {@link #build()}. */
    public static final class Builder {
        private long trainerParams = -1;
        private long trainerBytes = -1;
        private double trainerAccuracy = Double.NaN;
        private long projectionParams = -1;
        private double projectionAccuracy = Double.NaN;
        private int[] projectionTestPredictions;
        private double trainingSeconds;
        private double evaluationSeconds;
        private double totalTrainingSeconds;
        private List<EpochRecord> epochs = Collections.emptyList();

        private Builder() {
        }

        /** Trainable parameters of the trainer network. */
        public Builder trainerParams(long trainerParams) {
            this.trainerParams = trainerParams;
            return this;
        }

        /** Bytes of the trainer network's parameters. */
        public Builder trainerBytes(long trainerBytes) {
            this.trainerBytes = trainerBytes;
            return this;
        }

        /** Test accuracy of the trainer network. */
        public Builder trainerAccuracy(double trainerAccuracy) {
            this.trainerAccuracy = trainerAccuracy;
            return this;
        }

        /** Trainable parameters of the projection network. */
        public Builder projectionParams(long projectionParams) {
            this.projectionParams = projectionParams;
            return this;
        }

        /** Test accuracy of the DL4J projection network. */
        public Builder projectionAccuracy(double projectionAccuracy) {
            this.projectionAccuracy = projectionAccuracy;
            return this;
        }

        /** Predicted class per test image of the DL4J projection network. */
        public Builder projectionTestPredictions(int[] projectionTestPredictions) {
            this.projectionTestPredictions = projectionTestPredictions;
            return this;
        }

        /** Seconds of training (default 0: not measured). */
        public Builder trainingSeconds(double trainingSeconds) {
            this.trainingSeconds = trainingSeconds;
            return this;
        }

        /** Seconds of training over every run of a resumed training (default: {@link #trainingSeconds}). */
        public Builder totalTrainingSeconds(double totalTrainingSeconds) {
            this.totalTrainingSeconds = totalTrainingSeconds;
            return this;
        }

        /** Seconds of evaluation and export (default 0: not measured). */
        public Builder evaluationSeconds(double evaluationSeconds) {
            this.evaluationSeconds = evaluationSeconds;
            return this;
        }

        /** The finished epochs' records, in epoch order (default: none). */
        public Builder epochs(List<EpochRecord> epochs) {
            this.epochs = epochs;
            return this;
        }

        /** @throws IllegalArgumentException naming the value that is missing or out of range */
        public TrainingOutcome build() {
            requireNonNegative("trainerParams", trainerParams);
            requireNonNegative("trainerBytes", trainerBytes);
            requireNonNegative("projectionParams", projectionParams);
            requireFraction("trainerAccuracy", trainerAccuracy);
            requireFraction("projectionAccuracy", projectionAccuracy);
            if (!(trainingSeconds >= 0) || !(evaluationSeconds >= 0)) {
                throw new IllegalArgumentException("trainingSeconds and evaluationSeconds must be >= 0, got "
                        + trainingSeconds + " and " + evaluationSeconds);
            }
            if (projectionTestPredictions == null) {
                throw new IllegalArgumentException("projectionTestPredictions must be set");
            }
            if (epochs == null) {
                throw new IllegalArgumentException("epochs must not be null (an empty list: none)");
            }
            for (EpochRecord r : epochs) {
                if (r == null) {
                    throw new IllegalArgumentException("epochs must not contain null, got " + epochs);
                }
            }
            return new TrainingOutcome(this);
        }

        private static void requireNonNegative(String name, long value) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must be set to a value >= 0, got " + value);
            }
        }

        private static void requireFraction(String name, double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException(name + " must be set to a value in [0, 1], got " + value);
            }
        }
    }
}
