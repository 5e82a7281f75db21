package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.runtime.model.PnetFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a projection network is trained, in one immutable value: the trainer (by its registered name, see
 * {@link Trainers}), the projection ({@code T:d} bits, density), the projection network's hidden layers, the joint
 * loss {@code L = l1 CE(trainer, y) + l2 tau^2 CE(softmax(z_t/tau), softmax(z_p/tau)) + l3 CE(projection, y)}, the
 * optimisation (epochs, minibatch size, Adam's learning rate, seed), the export's weight type and whether training is
 * quantization-aware for it, for image tasks the {@link ImageSettings} and for text tasks the {@link TextSettings}. The command line, the study and the Spark backend all fill this one type; it is
 * validated once, in {@link Builder#build()}, with messages that use the command line's option names, and its
 * {@link #asProperties() properties} go into the exported model's provenance and into checkpoints (a resumed run
 * must have the same configuration but for the epochs).
 */
public final class TrainingConfig {

    /** Prefix of this configuration's keys in a model's provenance. */
    public static final String PROVENANCE_PREFIX = "training.";

    /** Most parallel workers: each holds a copy of the joint graph. */
    public static final int MAX_WORKERS = 64;

    private final TaskKind task;
    private final String trainer;
    private final ProjectionBits bits;
    private final ProjectionDensity density;
    private final List<Integer> hiddenLayers;
    private final LossWeights lossWeights;
    private final double temperature;
    private final int epochs;
    private final int batchSize;
    private final double learningRate;
    private final double projectionLearningRate;
    /** As given to the builder (null: the family's default), so that {@link #toBuilder()} keeps it a default. */
    private final Double projectionLearningRateGiven;
    private final double learningRateDecay;
    private final long seed;
    private final int workers;
    private final ExportQuantization quantization;
    private final boolean quantizationAware;
    private final TextSettings text;
    private final ImageSettings image;
    private final int pixelMax;
    /** As given to the builder (null: the family's default), so that {@link #toBuilder()} keeps it a default. */
    private final ProjectionBits bitsGiven;
    /** The density, rate decay and weight type as given (null: the family's default), kept so by {@link #toBuilder()}. */
    private final ProjectionDensity densityGiven;
    private final Double learningRateDecayGiven;
    private final ExportQuantization quantizationGiven;

    private TrainingConfig(Builder b) {
        task = b.task;
        trainer = b.trainer;
        bits = b.resolvedBits();
        bitsGiven = b.bits;
        density = b.resolvedDensity();
        densityGiven = b.density;
        hiddenLayers = Collections.unmodifiableList(new ArrayList<>(b.hiddenLayers));
        lossWeights = b.lossWeights;
        temperature = b.temperature;
        epochs = b.epochs;
        batchSize = b.batchSize;
        learningRate = b.learningRate;
        projectionLearningRate = b.resolvedProjectionLearningRate();
        projectionLearningRateGiven = b.projectionLearningRate;
        learningRateDecay = b.resolvedLearningRateDecay();
        learningRateDecayGiven = b.learningRateDecay;
        seed = b.seed;
        workers = b.workers;
        quantization = b.resolvedQuantization();
        quantizationGiven = b.quantization;
        quantizationAware = b.quantizationAware;
        text = b.text;
        image = b.image;
        pixelMax = b.pixelMax == null ? 0 : b.pixelMax;
    }

    /** A builder with the defaults of {@code task}: see the setters of {@link Builder}. */
    public static Builder builder(TaskKind task) {
        return new Builder(task);
    }

    /** A builder holding this configuration, to change a few values. */
    public Builder toBuilder() {
        Builder b = new Builder(task);
        b.trainer = trainer;
        b.bits = bitsGiven;
        b.density = densityGiven;
        b.hiddenLayers = hiddenLayers;
        b.lossWeights = lossWeights;
        b.temperature = temperature;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.learningRate = learningRate;
        b.projectionLearningRate = projectionLearningRateGiven;
        b.learningRateDecay = learningRateDecayGiven;
        b.seed = seed;
        b.workers = workers;
        b.quantization = quantizationGiven;
        b.quantizationAware = quantizationAware;
        b.text = text;
        b.image = image;
        b.pixelMax = task == TaskKind.IMAGE ? pixelMax : null;
        return b;
    }

    /** Image or text. */
    public TaskKind task() {
        return task;
    }

    /** The registered name of the trainer network ({@link Trainers}). */
    public String trainer() {
        return trainer;
    }

    /** T and d of the projection (for a patch model, of every patch: the bits per position). */
    public ProjectionBits bits() {
        return bits;
    }

    /** Share of non-zero entries of the projection vectors. */
    public ProjectionDensity density() {
        return density;
    }

    /** Widths of the projection network's hidden dense layers between bits and softmax; empty for none. */
    public List<Integer> hiddenLayers() {
        return hiddenLayers;
    }

    /** The hidden widths as an array, as the joint builder takes them. */
    public int[] hiddenLayerArray() {
        return hiddenLayers.stream().mapToInt(Integer::intValue).toArray();
    }

    /** l1, l2, l3 of the joint loss. */
    public LossWeights lossWeights() {
        return lossWeights;
    }

    /** tau, the distillation temperature. */
    public double temperature() {
        return temperature;
    }

    /** Total epochs (a resumed run trains only those not finished yet). */
    public int epochs() {
        return epochs;
    }

    /** Examples per minibatch. */
    public int batchSize() {
        return batchSize;
    }

    /** Adam's learning rate of the trainer layers that set none of their own (and the projection's by default). */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Adam's learning rate of the projection network's trainable layers: {@link #learningRate()} unless set, or
     * {@value Builder#SKETCH_PROJECTION_LEARNING_RATE} for a sketch model, whose inputs (a unit vector over
     * thousands of buckets, each value about {@code 1 / sqrt(features)}) need weights ten times larger than bits
     * do: at 1e-3 its loss is still falling fast after 10 epochs (docs/RESULTS.md, "Count sketch").
     */
    public double projectionLearningRate() {
        return projectionLearningRate;
    }

    /**
     * {@code g}, the factor by which both learning rates shrink after every epoch: epoch {@code e} (from 0) trains
     * at {@code rate * g^e} (Adam with DL4J's epoch-based {@code ExponentialSchedule}); 1 keeps them constant.
     */
    public double learningRateDecay() {
        return learningRateDecay;
    }

    /** Seed of the weights, the shuffling, the dropout masks and the projection. */
    public long seed() {
        return seed;
    }

    /**
     * Parallel workers of training on this machine: 1 fits each minibatch in turn (deterministic), more fit
     * minibatches side by side and average their parameters ({@link ParallelEpochFitter}; not run-to-run
     * deterministic).
     */
    public int workers() {
        return workers;
    }

    /** How the exported weights are stored. */
    public ExportQuantization quantization() {
        return quantization;
    }

    /**
     * Whether the projection network trains with the int8 arithmetic of its export (quantization-aware training,
     * {@code QuantizationAwareTraining}): int8 weights, and for {@link ExportQuantization#INT8_FIXED} int8 hidden
     * activations on ranges tracked during training.
     */
    public boolean quantizationAware() {
        return quantizationAware;
    }

    /**
     * The text settings of a text task.
     *
     * @throws IllegalStateException for an image task, which has none
     */
    public TextSettings text() {
        if (text == null) {
            throw new IllegalStateException("an image training configuration has no text settings");
        }
        return text;
    }

    /**
     * The image settings of an image task: the projection family and the patch model's window, stride and stages.
     *
     * @throws IllegalStateException for a text task, which has none
     */
    public ImageSettings image() {
        if (image == null) {
            throw new IllegalStateException("a text training configuration has no image settings");
        }
        return image;
    }

    /**
     * The pixel value the image trainer's input scaling maps to 1 ({@code ScaleVertex(1 / pixelMax)}): 255 for
     * 8-bit images, less for data of a smaller range (the UCI 8x8 digits go to 16). Only the trainer sees the
     * scaled pixels; the projection takes the raw ones, and its bits {@code sign(<x, P_k>)} do not change when
     * {@code x} is multiplied by a positive number, so the exported model takes the raw pixels whatever the range.
     *
     * @throws IllegalStateException for a text task, which has no pixels
     */
    public int pixelMax() {
        if (task != TaskKind.IMAGE) {
            throw new IllegalStateException("a text training configuration has no pixel range");
        }
        return pixelMax;
    }

    /**
     * Every value under the command line's option names, in a fixed order (for example {@code bits=60:12},
     * {@code lambda=1.0,0.1,1.0}): what a model file's provenance and a checkpoint record.
     */
    public Map<String, String> asProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", task.toString());
        m.put("trainer", trainer);
        m.put("bits", bits.toString());
        m.put("density", density.toString());
        m.put("hidden", hiddenLayers.isEmpty() ? "none" : joined(hiddenLayers));
        m.put("lambda", lossWeights.toString());
        m.put("temperature", number(temperature));
        m.put("epochs", Integer.toString(epochs));
        m.put("batch-size", Integer.toString(batchSize));
        m.put("learning-rate", number(learningRate));
        if (projectionLearningRate != learningRate) {
            // Only when it differs, so checkpoints written before the setting existed (one rate for all) resume.
            m.put("projection-learning-rate", number(projectionLearningRate));
        }
        if (learningRateDecay != 1) {
            // Only when the rates decay, so checkpoints written before the setting existed (constant rates) resume.
            m.put("learning-rate-decay", number(learningRateDecay));
        }
        m.put("seed", Long.toString(seed));
        m.put("workers", Integer.toString(workers));
        m.put("quantize", quantization.cliName());
        m.put("qat", Boolean.toString(quantizationAware));
        if (task == TaskKind.IMAGE) {
            m.put("pixel-max", Integer.toString(pixelMax));
            m.putAll(image.asProperties());
        }
        if (text != null) {
            m.putAll(text.asProperties());
        }
        return m;
    }

    /**
     * Settings added after checkpoints were first written, with the value every checkpoint without them was
     * trained with, so that such a checkpoint still resumes.
     */
    private static final Map<String, String> EARLIER_VALUES = Collections.singletonMap("qat", "false");

    /**
     * The settings in which {@code other} differs from this configuration, as "name this vs other", ignoring
     * the epochs (a resumed run may ask for more), the workers (a run may resume on another machine) and the
     * export's weight type (it does not change training); empty when the two train the same networks.
     */
    public List<String> differencesFrom(Map<String, String> other) {
        List<String> differences = new ArrayList<>();
        Map<String, String> mine = asProperties();
        mine.remove("epochs");
        mine.remove("workers");
        mine.remove("quantize");
        for (Map.Entry<String, String> e : mine.entrySet()) {
            String theirs = other.containsKey(e.getKey()) ? other.get(e.getKey()) : EARLIER_VALUES.get(e.getKey());
            if (!e.getValue().equals(theirs)) {
                differences.add(e.getKey() + " " + e.getValue() + " vs " + (theirs == null ? "unset" : theirs));
            }
        }
        return differences;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingConfig && asProperties().equals(((TrainingConfig) o).asProperties());
    }

    @Override
    public int hashCode() {
        return asProperties().hashCode();
    }

    @Override
    public String toString() {
        return "TrainingConfig" + asProperties();
    }

    private static String joined(List<Integer> widths) {
        StringBuilder s = new StringBuilder();
        for (Integer w : widths) {
            s.append(s.length() == 0 ? "" : ",").append(w);
        }
        return s.toString();
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    /**
     * Values of a {@link TrainingConfig}, starting from the task's defaults. {@link #build()} checks them all,
     * including the model format's limits, so that a bad value fails before training, not at export.
     */
    public static final class Builder {
        private final TaskKind task;
        private String trainer;
        /** Null: the family's default ({@link #resolvedBits()}). */
        private ProjectionBits bits;
        /** Null: the family's default ({@link #resolvedDensity()}); so are the decay and the weight type. */
        private ProjectionDensity density;
        private List<Integer> hiddenLayers = Collections.emptyList();
        private LossWeights lossWeights = LossWeights.PAPER_DEFAULTS;
        private double temperature = 1.0;
        private int epochs = 10;
        private int batchSize = 64;
        private double learningRate = 1e-3;
        /** Null: the family's default ({@link #resolvedProjectionLearningRate()}). */
        private Double projectionLearningRate;
        private Double learningRateDecay;
        private long seed = 42;
        private int workers = 1;
        private ExportQuantization quantization;
        private boolean quantizationAware;
        private Integer pixelMax;
        private TextSettings text;
        private ImageSettings image;

        private Builder(TaskKind task) {
            this.task = Objects.requireNonNull(task, "task");
            this.trainer = Trainers.defaultName(task);
            this.text = task == TaskKind.TEXT ? TextSettings.defaults() : null;
            this.image = task == TaskKind.IMAGE ? ImageSettings.defaults() : null;
            this.pixelMax = task == TaskKind.IMAGE ? 255 : null;
        }

        /** Default: cnn for images, lstm for texts. */
        public Builder trainer(String trainer) {
            this.trainer = trainer;
            return this;
        }

        /**
         * Default 60:12 for images (720 bits, the paper's MNIST setting), {@link ImageSettings#DEFAULT_PATCH_BITS} per
         * position for the patch model, 32:16 for texts. Null restores the default.
         */
        public Builder bits(ProjectionBits bits) {
            this.bits = bits;
            return this;
        }

        private ProjectionBits resolvedBits() {
            if (bits != null) {
                return bits;
            }
            if (task == TaskKind.TEXT) {
                return new ProjectionBits(32, 16);
            }
            return image != null && image.patch() ? ImageSettings.DEFAULT_PATCH_BITS : new ProjectionBits(60, 12);
        }

        /**
         * Default 1/4, or {@link ImageSettings#DEFAULT_PATCH_DENSITY} for the patch model (a patch has few inputs:
         * at 1/4, a 4x4 patch's bit sums about 4 pixels). Null restores the default.
         */
        public Builder density(ProjectionDensity density) {
            this.density = density;
            return this;
        }

        private boolean patch() {
            return image != null && image.patch();
        }

        private ProjectionDensity resolvedDensity() {
            return density != null ? density : patch() ? ImageSettings.DEFAULT_PATCH_DENSITY : ProjectionDensity.QUARTER;
        }

        private double resolvedLearningRateDecay() {
            return learningRateDecay != null ? learningRateDecay
                    : patch() ? ImageSettings.DEFAULT_PATCH_LEARNING_RATE_DECAY : 1;
        }

        private ExportQuantization resolvedQuantization() {
            return quantization != null ? quantization
                    : patch() ? ImageSettings.DEFAULT_PATCH_QUANTIZATION : ExportQuantization.NONE;
        }

        /** Default none (bits straight to softmax, as in the paper). */
        public Builder hiddenLayers(List<Integer> hiddenLayers) {
            this.hiddenLayers = hiddenLayers;
            return this;
        }

        /** Default 1.0, 0.1, 1.0 (the paper's). */
        public Builder lossWeights(LossWeights lossWeights) {
            this.lossWeights = lossWeights;
            return this;
        }

        /** Default 1. */
        public Builder temperature(double temperature) {
            this.temperature = temperature;
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

        /** Default 1e-3. */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** The sketch family's projection learning rate when none is set. */
        public static final double SKETCH_PROJECTION_LEARNING_RATE = 1e-2;

        /**
         * Adam's learning rate of the projection network's layers; default: {@value #SKETCH_PROJECTION_LEARNING_RATE}
         * for a sketch model, else the {@link #learningRate}. Null restores the default.
         */
        public Builder projectionLearningRate(Double rate) {
            this.projectionLearningRate = rate;
            return this;
        }

        private double resolvedProjectionLearningRate() {
            if (projectionLearningRate != null) {
                return projectionLearningRate;
            }
            return text != null && text.model() == ProjectionFamily.SKETCH ? SKETCH_PROJECTION_LEARNING_RATE
                    : learningRate;
        }

        /**
         * Per-epoch factor of both learning rates, in (0, 1]; default 1 (constant rates), or
         * {@link ImageSettings#DEFAULT_PATCH_LEARNING_RATE_DECAY} for the patch model. Null restores the default.
         */
        public Builder learningRateDecay(Double decay) {
            this.learningRateDecay = decay;
            return this;
        }

        /** Default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Default 1; at most {@value TrainingConfig#MAX_WORKERS}. */
        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /**
         * Default float32 weights, or {@link ImageSettings#DEFAULT_PATCH_QUANTIZATION} for the patch model. Null
         * restores the default.
         */
        public Builder quantization(ExportQuantization quantization) {
            this.quantization = quantization;
            return this;
        }

        /**
         * Default false; needs an int8 or int8-fixed {@link #quantization}, a bag or sketch model (or a patch model,
         * whose dense layers then train quantized and whose convolutions are quantized after training) and, for
         * int8-fixed, 1 worker.
         */
        public Builder quantizationAware(boolean quantizationAware) {
            this.quantizationAware = quantizationAware;
            return this;
        }

        /** Text tasks only; default {@link TextSettings#defaults()}. */
        public Builder text(TextSettings text) {
            this.text = text;
            return this;
        }

        /** Image tasks only; default {@link ImageSettings#defaults()} (the patch model). */
        public Builder image(ImageSettings image) {
            this.image = image;
            return this;
        }

        /** Image tasks: the pixel value the trainer's input scaling maps to 1, in [1, 255]; default 255. */
        public Builder pixelMax(int pixelMax) {
            this.pixelMax = pixelMax;
            return this;
        }

        /** @throws IllegalArgumentException naming the option that is missing or out of range */
        public TrainingConfig build() {
            Object[][] required = {{"trainer", trainer}, {"hidden", hiddenLayers}, {"lambda", lossWeights}};
            for (Object[] r : required) {
                if (r[1] == null) {
                    throw new IllegalArgumentException(r[0] + " must be set");
                }
            }
            Trainers.find(trainer, task);
            if (hiddenLayers.size() >= PnetFormat.MAX_LAYERS) {
                throw new IllegalArgumentException("hidden: at most " + (PnetFormat.MAX_LAYERS - 1)
                        + " hidden layers fit the model format, got " + hiddenLayers.size());
            }
            for (int i = 0; i < hiddenLayers.size(); i++) {
                Integer width = hiddenLayers.get(i);
                if (width == null || width < 1 || width > PnetFormat.MAX_LAYER_WIDTH) {
                    throw new IllegalArgumentException("hidden: width " + (i + 1) + " must be in [1, "
                            + PnetFormat.MAX_LAYER_WIDTH + "] (the model format's limit), got " + width);
                }
            }
            if (!(temperature > 0) || Double.isInfinite(temperature)) {
                throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch-size must be at least 1, got " + batchSize);
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learning-rate must be positive and finite, got " + learningRate);
            }
            if (projectionLearningRate != null
                    && (!(projectionLearningRate > 0) || Double.isInfinite(projectionLearningRate))) {
                throw new IllegalArgumentException("projection-learning-rate must be positive and finite, got "
                        + projectionLearningRate);
            }
            double decay = resolvedLearningRateDecay();
            if (!(decay > 0 && decay <= 1)) {
                throw new IllegalArgumentException("learning-rate-decay must be in (0, 1] (the factor of the learning"
                        + " rates after each epoch; 1 keeps them constant), got " + decay);
            }
            if (workers < 1 || workers > MAX_WORKERS) {
                throw new IllegalArgumentException("workers must be in [1, " + MAX_WORKERS + "], got " + workers);
            }
            if (task == TaskKind.TEXT && text == null) {
                throw new IllegalArgumentException("text settings must be set for a text task");
            }
            if (task == TaskKind.IMAGE && (pixelMax < 1 || pixelMax > 255)) {
                throw new IllegalArgumentException("pixel-max must be in [1, 255] (pixels are 8-bit values), got "
                        + pixelMax);
            }
            if (task == TaskKind.TEXT && pixelMax != null) {
                throw new IllegalArgumentException("pixel-max applies to image tasks only");
            }
            if (task == TaskKind.IMAGE && text != null) {
                throw new IllegalArgumentException("features, max-tokens, pooling and trainer-buckets apply to text "
                        + "tasks only");
            }
            if (task == TaskKind.IMAGE && image == null) {
                throw new IllegalArgumentException("image settings must be set for an image task");
            }
            if (task == TaskKind.TEXT && image != null) {
                throw new IllegalArgumentException("window, stride and conv apply to image tasks only");
            }
            if (resolvedQuantization() == ExportQuantization.INT8_FIXED && image != null && image.patch()) {
                throw new IllegalArgumentException("quantize int8-fixed (integer-only) is for bag models: --model"
                        + " patch has no integer-only form of its convolutions yet; use --quantize int8 or none");
            }
            if (resolvedQuantization() == ExportQuantization.INT8_FIXED && text != null
                    && text.model() == ProjectionFamily.SEQ) {
                throw new IllegalArgumentException("quantize int8-fixed (integer-only) is for bag models: --model seq"
                        + " has no integer-only form yet; use --quantize int8 or none");
            }
            if (resolvedQuantization() == ExportQuantization.INT8_FIXED && text != null
                    && text.model() == ProjectionFamily.SKETCH) {
                throw new IllegalArgumentException("quantize int8-fixed (integer-only) is for bag models: --model"
                        + " sketch feeds its dense layers fractional sketch values, which have no integer-only form; use"
                        + " --quantize int8 or none");
            }
            checkQuantizationAware();
            return new TrainingConfig(this);
        }

        private void checkQuantizationAware() {
            if (!quantizationAware) {
                return;
            }
            if (resolvedQuantization() == ExportQuantization.NONE) {
                throw new IllegalArgumentException("qat trains for an int8 export: use it with --quantize int8 or"
                        + " int8-fixed, not none");
            }
            if (text != null && text.model() == ProjectionFamily.SEQ) {
                throw new IllegalArgumentException("qat is for bag models: --model seq cannot train quantized yet (DL4J's"
                        + " Convolution1DLayer ignores weight noise); train it in float with --quantize int8");
            }
            if (resolvedQuantization() == ExportQuantization.INT8_FIXED && workers > 1 && !hiddenLayers.isEmpty()) {
                throw new IllegalArgumentException("qat with --quantize int8-fixed tracks the hidden layers' ranges in"
                        + " one graph: use --workers 1 (the parallel workers' copies would keep them)");
            }
        }
    }
}
