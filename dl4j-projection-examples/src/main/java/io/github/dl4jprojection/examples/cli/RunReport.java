package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.pipeline.EpochRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts of a {@code train}, {@code demo} or {@code eval} run written by {@code --report}. Values
 * a command does not know (an {@code eval} knows nothing of the trainer) are {@code null} and
 * written as JSON {@code null}. Accuracies and agreement are fractions in [0, 1]; sizes are bytes. A training
 * run also has its per-epoch figures and its training configuration; an {@code eval} has neither, and its JSON
 * leaves those fields out.
 */
public final class RunReport {

    private final String task;
    private final Long trainerParams;
    private final Long trainerBytes;
    private final Double trainerAccuracy;
    private final Integer projectionBits;
    private final Long projectionParams;
    private final Long modelBytes;
    private final Double projectionAccuracy;
    private final Double runtimeAccuracy;
    private final Double runtimeAgreement;
    private final Double trainSeconds;
    private final Long seed;
    private final List<EpochRecord> epochs;
    private final Map<String, String> configuration;

    private RunReport(Builder b) {
        this.task = b.task;
        this.trainerParams = b.trainerParams;
        this.trainerBytes = b.trainerBytes;
        this.trainerAccuracy = b.trainerAccuracy;
        this.projectionBits = b.projectionBits;
        this.projectionParams = b.projectionParams;
        this.modelBytes = b.modelBytes;
        this.projectionAccuracy = b.projectionAccuracy;
        this.runtimeAccuracy = b.runtimeAccuracy;
        this.runtimeAgreement = b.runtimeAgreement;
        this.trainSeconds = b.trainSeconds;
        this.seed = b.seed;
        this.epochs = b.epochs == null ? null : Collections.unmodifiableList(new ArrayList<>(b.epochs));
        this.configuration = b.configuration == null ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(b.configuration));
    }

    /** A builder with every value unknown. */
    public static Builder builder() {
        return new Builder();
    }

    /** JSON {@code task}: fashion-mnist, mnist, images, spam, fortunes or text. */
    public String task() {
        return task;
    }

    /** JSON {@code trainer_params}. */
    public Long trainerParams() {
        return trainerParams;
    }

    /** JSON {@code trainer_bytes}. */
    public Long trainerBytes() {
        return trainerBytes;
    }

    /** JSON {@code trainer_accuracy}. */
    public Double trainerAccuracy() {
        return trainerAccuracy;
    }

    /**
     * JSON {@code projection_bits}: T * d (of every token for a sequence model, whose configuration has
     * {@code model=seq}; B, the buckets, for a sketch model, {@code model=sketch}).
     */
    public Integer projectionBits() {
        return projectionBits;
    }

    /** JSON {@code projection_params}. */
    public Long projectionParams() {
        return projectionParams;
    }

    /** JSON {@code model_bytes}: size of the exported model file. */
    public Long modelBytes() {
        return modelBytes;
    }

    /** JSON {@code projection_accuracy}: the DL4J projection network's test accuracy. */
    public Double projectionAccuracy() {
        return projectionAccuracy;
    }

    /** JSON {@code runtime_accuracy}: the exported model's test accuracy in the runtime. */
    public Double runtimeAccuracy() {
        return runtimeAccuracy;
    }

    /** JSON {@code runtime_agreement}: fraction of test images where runtime and DL4J agree. */
    public Double runtimeAgreement() {
        return runtimeAgreement;
    }

    /**
     * JSON {@code train_seconds}: seconds spent training in this run (fitting its epochs and saving checkpoints; the
     * test pass after each epoch, the export and its check not included).
     */
    public Double trainSeconds() {
        return trainSeconds;
    }

    /** JSON {@code seed}. */
    public Long seed() {
        return seed;
    }

    /** JSON {@code epochs}: one record per finished epoch, in order; {@code null} when not a training run. */
    public List<EpochRecord> epochs() {
        return epochs;
    }

    /**
     * JSON {@code configuration}: the whole training configuration ({@code TrainingConfig.asProperties()}, the
     * keys the model's provenance has after "training."); {@code null} when not a training run.
     */
    public Map<String, String> configuration() {
        return configuration;
    }

    /** Values of a {@link RunReport}; any may stay unknown. */
    public static final class Builder {
        private String task;
        private Long trainerParams;
        private Long trainerBytes;
        private Double trainerAccuracy;
        private Integer projectionBits;
        private Long projectionParams;
        private Long modelBytes;
        private Double projectionAccuracy;
        private Double runtimeAccuracy;
        private Double runtimeAgreement;
        private Double trainSeconds;
        private Long seed;
        private List<EpochRecord> epochs;
        private Map<String, String> configuration;

        private Builder() {
        }

        /** See {@link RunReport#task()}. */
        public Builder task(String v) {
            task = v;
            return this;
        }

        /** See {@link RunReport#trainerParams()}. */
        public Builder trainerParams(Long v) {
            trainerParams = v;
            return this;
        }

        /** See {@link RunReport#trainerBytes()}. */
        public Builder trainerBytes(Long v) {
            trainerBytes = v;
            return this;
        }

        /** See {@link RunReport#trainerAccuracy()}. */
        public Builder trainerAccuracy(Double v) {
            trainerAccuracy = v;
            return this;
        }

        /** See {@link RunReport#projectionBits()}. */
        public Builder projectionBits(Integer v) {
            projectionBits = v;
            return this;
        }

        /** See {@link RunReport#projectionParams()}. */
        public Builder projectionParams(Long v) {
            projectionParams = v;
            return this;
        }

        /** See {@link RunReport#modelBytes()}. */
        public Builder modelBytes(Long v) {
            modelBytes = v;
            return this;
        }

        /** See {@link RunReport#projectionAccuracy()}. */
        public Builder projectionAccuracy(Double v) {
            projectionAccuracy = v;
            return this;
        }

        /** See {@link RunReport#runtimeAccuracy()}. */
        public Builder runtimeAccuracy(Double v) {
            runtimeAccuracy = v;
            return this;
        }

        /** See {@link RunReport#runtimeAgreement()}. */
        public Builder runtimeAgreement(Double v) {
            runtimeAgreement = v;
            return this;
        }

        /** See {@link RunReport#trainSeconds()}. */
        public Builder trainSeconds(Double v) {
            trainSeconds = v;
            return this;
        }

        /** See {@link RunReport#seed()}. */
        public Builder seed(Long v) {
            seed = v;
            return this;
        }

        /** See {@link RunReport#epochs()}. */
        public Builder epochs(List<EpochRecord> v) {
            epochs = v;
            return this;
        }

        /** See {@link RunReport#configuration()}. */
        public Builder configuration(Map<String, String> v) {
            configuration = v;
            return this;
        }

        /** The report; nothing to validate, unknown values stay {@code null}. */
        public RunReport build() {
            return new RunReport(this);
        }
    }
}
