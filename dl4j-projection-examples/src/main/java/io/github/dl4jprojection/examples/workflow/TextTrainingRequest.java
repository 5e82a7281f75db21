package io.github.dl4jprojection.examples.workflow;

import io.github.dl4jprojection.examples.text.TrainTestTexts;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything a {@link TextTrainingWorkflow} needs: labelled texts, the projection (featurizer, T, d,
 * density, seed), the projection network's hidden layers, the trainer's hashed input width, the joint
 * loss and where to write the model. Immutable; built and validated by {@link Builder}.
 */
public final class TextTrainingRequest {

    /** Default width of the trainer's hashed bag of words: 2^12 buckets. */
    public static final int DEFAULT_TRAINER_BUCKETS = 1 << 12;

    private final String task;
    private final TrainTestTexts data;
    private final FeaturizerConfig featurizer;
    private final int trainerBuckets;
    private final ProjectionBits bits;
    private final ProjectionDensity density;
    private final List<Integer> hiddenLayers;
    private final int epochs;
    private final int batchSize;
    private final LossWeights lossWeights;
    private final long seed;
    private final ExportQuantization quantization;
    private final Path modelFile;

    private TextTrainingRequest(Builder b) {
        this.task = b.task;
        this.data = b.data;
        this.featurizer = b.featurizer;
        this.trainerBuckets = b.trainerBuckets;
        this.bits = b.bits;
        this.density = b.density;
        this.hiddenLayers = Collections.unmodifiableList(new ArrayList<>(b.hiddenLayers));
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.lossWeights = b.lossWeights;
        this.seed = b.seed;
        this.quantization = b.quantization;
        this.modelFile = b.modelFile;
    }

    /** A builder with the defaults documented on its setters. */
    public static Builder builder() {
        return new Builder();
    }

    /** The task's command-line name ({@code spam} or {@code text}), recorded in the provenance. */
    public String task() {
        return task;
    }

    /** Training and test texts with their label names. */
    public TrainTestTexts data() {
        return data;
    }

    /** The text featurizer of the projection, stored in the model file. */
    public FeaturizerConfig featurizer() {
        return featurizer;
    }

    /** Width B of the trainer's hashed bag of words. */
    public int trainerBuckets() {
        return trainerBuckets;
    }

    /** T and d of the projection. */
    public ProjectionBits bits() {
        return bits;
    }

    /** Density of the projection vectors. */
    public ProjectionDensity density() {
        return density;
    }

    /** Widths of the projection network's hidden layers; empty for none. */
    public List<Integer> hiddenLayers() {
        return hiddenLayers;
    }

    /** Epochs. */
    public int epochs() {
        return epochs;
    }

    /** Texts per minibatch. */
    public int batchSize() {
        return batchSize;
    }

    /** l1, l2, l3 of the joint loss. */
    public LossWeights lossWeights() {
        return lossWeights;
    }

    /** Seed of the weights, the shuffling and the projection. */
    public long seed() {
        return seed;
    }

    /** How the exported weights are stored. */
    public ExportQuantization quantization() {
        return quantization;
    }

    /** Where the exported projection network is written. */
    public Path modelFile() {
        return modelFile;
    }

    /** Settings of a {@link TextTrainingRequest}; validated in {@link #build()}. */
    public static final class Builder {
        private String task;
        private TrainTestTexts data;
        private FeaturizerConfig featurizer = FeaturizerConfig.defaults();
        private int trainerBuckets = DEFAULT_TRAINER_BUCKETS;
        private ProjectionBits bits = new ProjectionBits(32, 16);
        private ProjectionDensity density = ProjectionDensity.QUARTER;
        private List<Integer> hiddenLayers = Collections.emptyList();
        private int epochs = 10;
        private int batchSize = 64;
        private LossWeights lossWeights = LossWeights.PAPER_DEFAULTS;
        private long seed = 42;
        private ExportQuantization quantization = ExportQuantization.NONE;
        private Path modelFile;

        private Builder() {
        }

        /** Required. */
        public Builder task(String task) {
            this.task = task;
            return this;
        }

        /** Required. */
        public Builder data(TrainTestTexts data) {
            this.data = data;
            return this;
        }

        /** Default {@link FeaturizerConfig#defaults()}. */
        public Builder featurizer(FeaturizerConfig featurizer) {
            this.featurizer = featurizer;
            return this;
        }

        /** Default {@value #DEFAULT_TRAINER_BUCKETS}. */
        public Builder trainerBuckets(int trainerBuckets) {
            this.trainerBuckets = trainerBuckets;
            return this;
        }

        /** Default 32:16 (512 bits). */
        public Builder bits(ProjectionBits bits) {
            this.bits = bits;
            return this;
        }

        /** Default 1/4. */
        public Builder density(ProjectionDensity density) {
            this.density = density;
            return this;
        }

        /** Default none. */
        public Builder hiddenLayers(List<Integer> hiddenLayers) {
            this.hiddenLayers = hiddenLayers;
            return this;
        }

        /** Default 10. */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Default 64. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Default 1.0, 0.1, 1.0. */
        public Builder lossWeights(LossWeights lossWeights) {
            this.lossWeights = lossWeights;
            return this;
        }

        /** Default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Default {@link ExportQuantization#NONE}. */
        public Builder quantization(ExportQuantization quantization) {
            this.quantization = quantization;
            return this;
        }

        /** Required. */
        public Builder modelFile(Path modelFile) {
            this.modelFile = modelFile;
            return this;
        }

        /** @throws IllegalArgumentException naming the parameter that is missing or out of range */
        public TextTrainingRequest build() {
            Object[][] required = {{"task", task}, {"data", data}, {"featurizer", featurizer}, {"bits", bits},
                    {"density", density}, {"hiddenLayers", hiddenLayers}, {"lossWeights", lossWeights},
                    {"quantization", quantization}, {"modelFile", modelFile}};
            for (Object[] r : required) {
                if (r[1] == null) {
                    throw new IllegalArgumentException(r[0] + " must be set");
                }
            }
            for (int i = 0; i < hiddenLayers.size(); i++) {
                Integer width = hiddenLayers.get(i);
                if (width == null || width < 1) {
                    throw new IllegalArgumentException("hiddenLayers[" + i + "] must be at least 1, got " + width);
                }
            }
            if (trainerBuckets < 1) {
                throw new IllegalArgumentException("trainerBuckets must be at least 1, got " + trainerBuckets);
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
            }
            if (data.train().isEmpty() || data.test().isEmpty()) {
                throw new IllegalArgumentException("data must have training and test texts, got "
                        + data.train().size() + " and " + data.test().size());
            }
            return new TextTrainingRequest(this);
        }
    }
}
