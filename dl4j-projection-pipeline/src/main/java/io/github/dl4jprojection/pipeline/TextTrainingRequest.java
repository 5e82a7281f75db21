package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.text.TrainTestTexts;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything a {@link TextTrainingWorkflow} needs: labelled texts, the projection (featurizer, T, d,
 * density, seed), the projection network's hidden layers, the trainer (LSTM: tokens per text and pooling;
 * MLP: hashed input width), the joint loss, where to write the model and the checkpoints. Immutable; built and validated by {@link Builder}.
 */
public final class TextTrainingRequest {

    /** Default width of the trainer's hashed bag of words: 2^12 buckets. */
    public static final int DEFAULT_TRAINER_BUCKETS = 1 << 12;
    /** Default number of tokens the LSTM trainer reads per text (the rest is cut off). */
    public static final int DEFAULT_MAX_TOKENS = 256;

    private final String task;
    private final TrainTestTexts data;
    private final FeaturizerConfig featurizer;
    private final TrainerKind trainer;
    private final int trainerBuckets;
    private final int maxTokens;
    private final SequencePooling pooling;
    private final ProjectionBits bits;
    private final ProjectionDensity density;
    private final List<Integer> hiddenLayers;
    private final int epochs;
    private final int batchSize;
    private final LossWeights lossWeights;
    private final long seed;
    private final ExportQuantization quantization;
    private final Path modelFile;
    private final Path checkpointDir;
    private final boolean resume;

    private TextTrainingRequest(Builder b) {
        this.task = b.task;
        this.data = b.data;
        this.featurizer = b.featurizer;
        this.trainer = b.trainer;
        this.trainerBuckets = b.trainerBuckets;
        this.maxTokens = b.maxTokens;
        this.pooling = b.pooling;
        this.bits = b.bits;
        this.density = b.density;
        this.hiddenLayers = Collections.unmodifiableList(new ArrayList<>(b.hiddenLayers));
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.lossWeights = b.lossWeights;
        this.seed = b.seed;
        this.quantization = b.quantization;
        this.modelFile = b.modelFile;
        this.checkpointDir = b.checkpointDir;
        this.resume = b.resume;
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

    /** The trainer network: {@link TrainerKind#LSTM} over token ids or {@link TrainerKind#MLP} over a hashed bag. */
    public TrainerKind trainer() {
        return trainer;
    }

    /** Width B of the MLP trainer's hashed bag of words. */
    public int trainerBuckets() {
        return trainerBuckets;
    }

    /** Tokens the LSTM trainer reads per text: the first ones, the rest is cut off. */
    public int maxTokens() {
        return maxTokens;
    }

    /** How the LSTM trainer pools its outputs over the tokens. */
    public SequencePooling pooling() {
        return pooling;
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

    /** Folder of the per-epoch checkpoint, or null for none. */
    public Path checkpointDir() {
        return checkpointDir;
    }

    /** Whether to continue from the checkpoint in {@link #checkpointDir()}. */
    public boolean resume() {
        return resume;
    }

    /** Settings of a {@link TextTrainingRequest}; validated in {@link #build()}. */
    public static final class Builder {
        private String task;
        private TrainTestTexts data;
        private FeaturizerConfig featurizer = FeaturizerConfig.defaults();
        private TrainerKind trainer = TrainerKind.LSTM;
        private int trainerBuckets = DEFAULT_TRAINER_BUCKETS;
        private int maxTokens = DEFAULT_MAX_TOKENS;
        private SequencePooling pooling = SequencePooling.AVG;
        private ProjectionBits bits = new ProjectionBits(32, 16);
        private ProjectionDensity density = ProjectionDensity.QUARTER;
        private List<Integer> hiddenLayers = Collections.emptyList();
        private int epochs = 10;
        private int batchSize = 64;
        private LossWeights lossWeights = LossWeights.PAPER_DEFAULTS;
        private long seed = 42;
        private ExportQuantization quantization = ExportQuantization.NONE;
        private Path modelFile;
        private Path checkpointDir;
        private boolean resume;

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

        /** Default {@link TrainerKind#LSTM}; {@link TrainerKind#CNN} is for images. */
        public Builder trainer(TrainerKind trainer) {
            this.trainer = trainer;
            return this;
        }

        /** Default {@value #DEFAULT_MAX_TOKENS}. */
        public Builder maxTokens(int maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        /** Default {@link SequencePooling#AVG} (better than max in a run on the bundled sample, docs/RESULTS.md). */
        public Builder pooling(SequencePooling pooling) {
            this.pooling = pooling;
            return this;
        }

        /** Default none: no checkpoints. */
        public Builder checkpointDir(Path checkpointDir) {
            this.checkpointDir = checkpointDir;
            return this;
        }

        /** Default false; true needs {@link #checkpointDir}. */
        public Builder resume(boolean resume) {
            this.resume = resume;
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
            Object[][] required = {{"task", task}, {"data", data}, {"featurizer", featurizer}, {"trainer", trainer},
                    {"pooling", pooling}, {"bits", bits},
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
            if (trainer == TrainerKind.CNN) {
                throw new IllegalArgumentException("trainer cnn is for images; texts take lstm or mlp");
            }
            if (maxTokens < 1) {
                throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
            }
            if (resume && checkpointDir == null) {
                throw new IllegalArgumentException("resume needs checkpointDir, the folder of the checkpoint");
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
