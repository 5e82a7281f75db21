package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.ImageTask;
import io.github.dl4jprojection.data.TrainTestImages;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything a {@link JointTrainingWorkflow} needs to train a trainer and a projection network
 * jointly and export the projection network. Immutable; built and validated by {@link Builder}.
 *
 * <p>The images arrive as integers 0..255: the projection branch must see them raw (exact sums,
 * three-way parity), the trainer may see them scaled
 * ({@link io.github.dl4jprojection.data.PixelScaling#UNIT}).
 */
public final class TrainingRequest {

    private final ImageTask task;
    private final TrainTestImages data;
    private final TrainerKind trainer;
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

    private TrainingRequest(Builder b) {
        this.task = b.task;
        this.data = b.data;
        this.trainer = b.trainer;
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

    /** The task (it decides the label names stored in the model). */
    public ImageTask task() {
        return task;
    }

    /** Training and test images; the test split is used for the accuracies reported. */
    public TrainTestImages data() {
        return data;
    }

    /** The trainer network's architecture. */
    public TrainerKind trainer() {
        return trainer;
    }

    /** T and d of the projection. */
    public ProjectionBits bits() {
        return bits;
    }

    /** Density of the projection vectors. */
    public ProjectionDensity density() {
        return density;
    }

    /** Widths of the projection network's hidden dense layers between bits and softmax; empty for none. */
    public List<Integer> hiddenLayers() {
        return hiddenLayers;
    }

    /** Total epochs (a resumed run trains only those not finished yet). */
    public int epochs() {
        return epochs;
    }

    /** Images per minibatch. */
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

    /** Where a checkpoint is written after every epoch, or {@code null} for none. */
    public Path checkpointDir() {
        return checkpointDir;
    }

    /** Continue from the last checkpoint in {@link #checkpointDir()} instead of starting afresh. */
    public boolean resume() {
        return resume;
    }

    /** Settings of a {@link TrainingRequest}; validated in {@link #build()}. */
    public static final class Builder {
        private ImageTask task;
        private TrainTestImages data;
        private TrainerKind trainer = TrainerKind.CNN;
        private ProjectionBits bits = new ProjectionBits(60, 12);
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
        public Builder task(ImageTask task) {
            this.task = task;
            return this;
        }

        /** Required. */
        public Builder data(TrainTestImages data) {
            this.data = data;
            return this;
        }

        /** Default {@link TrainerKind#CNN}. */
        public Builder trainer(TrainerKind trainer) {
            this.trainer = trainer;
            return this;
        }

        /** Default 60:12 (720 bits, the paper's MNIST setting). */
        public Builder bits(ProjectionBits bits) {
            this.bits = bits;
            return this;
        }

        /** Default 1/4. */
        public Builder density(ProjectionDensity density) {
            this.density = density;
            return this;
        }

        /** Default none (bits straight to softmax, as in the paper). */
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

        /** Default none. */
        public Builder checkpointDir(Path checkpointDir) {
            this.checkpointDir = checkpointDir;
            return this;
        }

        /** Default false; true needs a {@link #checkpointDir}. */
        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /** @throws IllegalArgumentException naming the parameter that is missing or out of range */
        public TrainingRequest build() {
            requireSet("task", task);
            requireSet("data", data);
            requireSet("trainer", trainer);
            requireSet("bits", bits);
            requireSet("density", density);
            requireSet("hiddenLayers", hiddenLayers);
            requireSet("lossWeights", lossWeights);
            requireSet("quantization", quantization);
            requireSet("modelFile", modelFile);
            if (trainer == TrainerKind.LSTM) {
                throw new IllegalArgumentException("trainer lstm reads token sequences: it is for text tasks; "
                        + "images take cnn or mlp");
            }
            for (int i = 0; i < hiddenLayers.size(); i++) {
                Integer width = hiddenLayers.get(i);
                if (width == null || width < 1) {
                    throw new IllegalArgumentException("hiddenLayers[" + i + "] must be at least 1, got " + width);
                }
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
            }
            if (resume && checkpointDir == null) {
                throw new IllegalArgumentException("resume needs a checkpointDir");
            }
            return new TrainingRequest(this);
        }

        private static void requireSet(String name, Object value) {
            if (value == null) {
                throw new IllegalArgumentException(name + " must be set");
            }
        }
    }
}
