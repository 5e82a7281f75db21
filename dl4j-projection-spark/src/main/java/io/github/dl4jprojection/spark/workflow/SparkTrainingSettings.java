package io.github.dl4jprojection.spark.workflow;

import io.github.dl4jprojection.pipeline.LossWeights;
import io.github.dl4jprojection.pipeline.ProjectionBits;
import io.github.dl4jprojection.pipeline.ProjectionDensity;
import io.github.dl4jprojection.spark.TrainingMasters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.spark.api.TrainingMaster;

/**
 * What a Spark training run is asked to do: the projection ({@code T:d} bits, density), the projection network's
 * hidden layers, epochs, minibatch size per worker, loss weights, seed, how workers combine their work
 * ({@link Combine}) and the model file to write.
 */
public final class SparkTrainingSettings {

    /** How the workers' training is combined. */
    public enum Combine {
        /** Parameter averaging every {@code averagingFrequency} minibatches. */
        AVERAGING,
        /** Threshold-encoded gradient sharing through dl4j's parameter server. */
        SHARED
    }

    private final ProjectionBits bits;
    private final ProjectionDensity density;
    private final List<Integer> hiddenLayers;
    private final int epochs;
    private final int batchSize;
    private final LossWeights lossWeights;
    private final long seed;
    private final Combine combine;
    private final int averagingFrequency;
    private final int partitions;
    private final String controllerAddress;
    private final int port;
    private final Path modelFile;

    private SparkTrainingSettings(Builder b) {
        bits = b.bits;
        density = b.density;
        hiddenLayers = new ArrayList<>(b.hiddenLayers);
        epochs = b.epochs;
        batchSize = b.batchSize;
        lossWeights = b.lossWeights;
        seed = b.seed;
        combine = b.combine;
        averagingFrequency = b.averagingFrequency;
        partitions = b.partitions;
        controllerAddress = b.controllerAddress;
        port = b.port;
        modelFile = b.modelFile;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ProjectionBits bits() {
        return bits;
    }

    public ProjectionDensity density() {
        return density;
    }

    public List<Integer> hiddenLayers() {
        return new ArrayList<>(hiddenLayers);
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public LossWeights lossWeights() {
        return lossWeights;
    }

    public long seed() {
        return seed;
    }

    /** Partitions of the training data; 0 means Spark's default parallelism. */
    public int partitions() {
        return partitions;
    }

    public Path modelFile() {
        return modelFile;
    }

    /** A short description of how the workers combine, for the run's output. */
    public String combineDescription() {
        return combine == Combine.AVERAGING ? "parameter averaging every " + averagingFrequency + " minibatches"
                : "gradient sharing (parameter server on " + controllerAddress + ":" + port + ")";
    }

    /** The dl4j-spark training master these settings ask for. */
    public TrainingMaster trainingMaster() {
        return combine == Combine.AVERAGING ? TrainingMasters.parameterAveraging(batchSize, averagingFrequency, seed)
                : TrainingMasters.sharedGradients(batchSize, controllerAddress, port, seed);
    }

    /** Builder; {@link #build()} checks every value and names the bad one. */
    public static final class Builder {
        private ProjectionBits bits;
        private ProjectionDensity density = ProjectionDensity.QUARTER;
        private List<Integer> hiddenLayers = new ArrayList<>();
        private int epochs = 10;
        private int batchSize = 64;
        private LossWeights lossWeights = LossWeights.PAPER_DEFAULTS;
        private long seed = 42;
        private Combine combine = Combine.AVERAGING;
        private int averagingFrequency = 4;
        private int partitions;
        private String controllerAddress = "127.0.0.1";
        private int port = 40123;
        private Path modelFile;

        public Builder bits(ProjectionBits bits) {
            this.bits = bits;
            return this;
        }

        public Builder density(ProjectionDensity density) {
            this.density = density;
            return this;
        }

        public Builder hiddenLayers(List<Integer> hiddenLayers) {
            this.hiddenLayers = hiddenLayers == null ? null : new ArrayList<>(hiddenLayers);
            return this;
        }

        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder lossWeights(LossWeights lossWeights) {
            this.lossWeights = lossWeights;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder combine(Combine combine) {
            this.combine = combine;
            return this;
        }

        public Builder averagingFrequency(int averagingFrequency) {
            this.averagingFrequency = averagingFrequency;
            return this;
        }

        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        /** For {@link Combine#SHARED}: the driver's address as the workers see it, and the UDP port. */
        public Builder parameterServer(String controllerAddress, int port) {
            this.controllerAddress = controllerAddress;
            this.port = port;
            return this;
        }

        public Builder modelFile(Path modelFile) {
            this.modelFile = modelFile;
            return this;
        }

        /** @throws IllegalArgumentException naming the first missing or out-of-range value */
        public SparkTrainingSettings build() {
            Object[][] required = {{"bits", bits}, {"density", density}, {"hiddenLayers", hiddenLayers},
                    {"lossWeights", lossWeights}, {"combine", combine}, {"modelFile", modelFile}};
            for (Object[] r : required) {
                if (r[1] == null) {
                    throw new IllegalArgumentException(r[0] + " must be set");
                }
            }
            int[][] positive = {{epochs}, {batchSize}, {averagingFrequency}};
            String[] names = {"epochs", "batchSize", "averagingFrequency"};
            for (int i = 0; i < names.length; i++) {
                if (positive[i][0] < 1) {
                    throw new IllegalArgumentException(names[i] + " must be at least 1, got " + positive[i][0]);
                }
            }
            if (partitions < 0) {
                throw new IllegalArgumentException("partitions must be 0 (Spark's default) or more, got " + partitions);
            }
            for (Integer width : hiddenLayers) {
                if (width == null || width < 1) {
                    throw new IllegalArgumentException("hiddenLayers must hold positive widths, got " + hiddenLayers);
                }
            }
            return new SparkTrainingSettings(this);
        }
    }
}
