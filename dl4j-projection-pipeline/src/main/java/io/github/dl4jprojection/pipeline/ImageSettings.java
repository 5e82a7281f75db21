package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.runtime.model.PatchEncoder;
import io.github.dl4jprojection.runtime.model.PnetFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The image part of a {@link TrainingConfig}: the projection network's family ({@link ProjectionFamily#BAG}, one
 * projection of the whole image, or {@link ProjectionFamily#PATCH}) and, for the patch family, its patch window and
 * stride and its convolution stages. The patch model's defaults, measured (docs/RESULTS.md "Patch models"), live here
 * only.
 * Immutable; validated by {@link Builder#build()}, and against the image size by {@link #checkFits}.
 */
public final class ImageSettings {

    /**
     * Default projection family of image tasks: the patch model, the most accurate per byte on Fashion-MNIST
     * (docs/RESULTS.md "Patch models"); {@code --model bag} is the paper's whole-image projection.
     */
    public static final ProjectionFamily DEFAULT_MODEL = ProjectionFamily.PATCH;
    /** Default patch window p (pixels) of the patch model. */
    public static final int DEFAULT_WINDOW = 4;
    /** Default patch stride s (pixels) of the patch model. */
    public static final int DEFAULT_STRIDE = 2;
    /** Default convolution stages of the patch model, as {@code --conv} takes them. */
    public static final String DEFAULT_CONV = "3:32:2";
    /** Default bits per patch position of the patch model as {@code --bits} takes them: 4 functions of 4 bits. */
    public static final String DEFAULT_PATCH_BITS_OPTION = "4:4";
    /** {@link #DEFAULT_PATCH_BITS_OPTION} parsed. */
    public static final ProjectionBits DEFAULT_PATCH_BITS = ProjectionBits.parse(DEFAULT_PATCH_BITS_OPTION);
    /**
     * Default density of the patch model's projection: 1. A 4x4 patch has 16 inputs, so at the bag model's 1/4 each
     * bit sums about 4 pixels; at 1 it sums all 16 with random signs (+1.3 points on Fashion-MNIST, docs/RESULTS.md
     * "Patch models").
     */
    public static final ProjectionDensity DEFAULT_PATCH_DENSITY = ProjectionDensity.parse("1");
    /** Default per-epoch learning-rate factor of the patch model (docs/RESULTS.md "Patch models"). */
    public static final double DEFAULT_PATCH_LEARNING_RATE_DECAY = 0.8;
    /** Default weight type of the patch model's export: int8, a quarter of the bytes (docs/RESULTS.md "Patch models"). */
    public static final ExportQuantization DEFAULT_PATCH_QUANTIZATION = ExportQuantization.INT8;

    private final ProjectionFamily model;
    private final int window;
    private final int stride;
    private final List<PatchStage> stages;

    private ImageSettings(Builder b) {
        model = b.model;
        window = b.window;
        stride = b.stride;
        stages = Collections.unmodifiableList(new ArrayList<>(b.stages));
    }

    /** The defaults: the bag model (patch settings at their defaults). */
    public static ImageSettings defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return builder().model(model).window(window).stride(stride).stages(stages);
    }

    /** The projection network's family: bag or patch. */
    public ProjectionFamily model() {
        return model;
    }

    /** Whether the model is the patch family. */
    public boolean patch() {
        return model == ProjectionFamily.PATCH;
    }

    /** Patch model: p, the side of a patch in pixels. */
    public int window() {
        return window;
    }

    /** Patch model: s, the step between patches in pixels. */
    public int stride() {
        return stride;
    }

    /** Patch model: the convolution stages, in order; empty for none. */
    public List<PatchStage> stages() {
        return stages;
    }

    /** Whether {@link #checkFits} passes. */
    public boolean fits(int height, int width, int bitsPerPosition) {
        try {
            checkFits(height, width, bitsPerPosition);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Checks the patch model against images of {@code height x width} with {@code bitsPerPosition} bits per patch
     * (nothing to check for the bag model): the window fits the image, every stage the map it gets, and every map,
     * convolution window and the first dense layer's input stay within the model format's limits
     * ({@link PatchEncoder#MAX_MAP_VALUES} values per map, {@link PnetFormat#MAX_LAYER_WIDTH} inputs per layer), so
     * that the export cannot fail after training.
     *
     * @throws IllegalArgumentException naming the option ({@code window}, {@code conv} or {@code bits}) and the sizes
     */
    public void checkFits(int height, int width, int bitsPerPosition) {
        if (!patch()) {
            return;
        }
        if (window > height || window > width) {
            throw new IllegalArgumentException("window " + window + " is larger than the " + height + "x" + width
                    + " images");
        }
        int h = (height - window) / stride + 1;
        int w = (width - window) / stride + 1;
        int channels = bitsPerPosition;
        checkMap(channels, h, w, "bits: the bit map of the " + height + "x" + width + " images");
        for (int l = 0; l < stages.size(); l++) {
            PatchStage stage = stages.get(l);
            int convHeight = h - stage.kernel() + 1;
            int convWidth = w - stage.kernel() + 1;
            if (convHeight < 1 || convWidth < 1 || convHeight / stage.pool() < 1 || convWidth / stage.pool() < 1) {
                throw new IllegalArgumentException("conv: stage " + (l + 1) + " (" + stage + ") does not fit the " + h
                        + "x" + w + " map it gets (" + height + "x" + width + " images, window " + window + ", stride "
                        + stride + (l > 0 ? ", after " + l + " stage(s)" : "") + ")");
            }
            long inputs = (long) stage.kernel() * stage.kernel() * channels;
            if (inputs > PnetFormat.MAX_LAYER_WIDTH) {
                throw new IllegalArgumentException("conv: stage " + (l + 1) + " (" + stage + ") reads K*K*C = "
                        + inputs + " values per position, more than the model format's " + PnetFormat.MAX_LAYER_WIDTH);
            }
            h = convHeight / stage.pool();
            w = convWidth / stage.pool();
            channels = stage.channels();
            checkMap(channels, h, w, "conv: stage " + (l + 1) + "'s output");
        }
        long flat = (long) channels * h * w;
        if (flat > PnetFormat.MAX_LAYER_WIDTH) {
            throw new IllegalArgumentException((stages.isEmpty() ? "bits" : "conv") + ": the first dense layer would"
                    + " read the last " + channels + "x" + h + "x" + w + " map, " + flat + " values, more than the "
                    + "model format's " + PnetFormat.MAX_LAYER_WIDTH + "; use more stride, pooling or fewer channels");
        }
    }

    private static void checkMap(int channels, int h, int w, String what) {
        long values = (long) channels * h * w;
        if (values > PatchEncoder.MAX_MAP_VALUES) {
            throw new IllegalArgumentException(what + " has " + channels + "x" + h + "x" + w + " = " + values
                    + " values, more than the model format's " + PatchEncoder.MAX_MAP_VALUES);
        }
    }

    /**
     * These settings under the command line's option names; empty for the bag model, so a bag configuration has the
     * properties it had before the patch family existed (and its checkpoints resume).
     */
    Map<String, String> asProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        if (patch()) {
            m.put("model", model.cliName());
            m.put("window", Integer.toString(window));
            m.put("stride", Integer.toString(stride));
            m.put("conv", PatchStage.format(stages));
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ImageSettings)) {
            return false;
        }
        ImageSettings s = (ImageSettings) o;
        return model == s.model && window == s.window && stride == s.stride && stages.equals(s.stages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, window, stride, stages);
    }

    /** Values of {@link ImageSettings}; {@link #build()} names the one out of range. */
    public static final class Builder {
        private ProjectionFamily model = DEFAULT_MODEL;
        private int window = DEFAULT_WINDOW;
        private int stride = DEFAULT_STRIDE;
        private List<PatchStage> stages = PatchStage.parseList(DEFAULT_CONV);

        private Builder() {
        }

        /** Default {@link #DEFAULT_MODEL}. */
        public Builder model(ProjectionFamily model) {
            this.model = model;
            return this;
        }

        /** Default {@value ImageSettings#DEFAULT_WINDOW}. */
        public Builder window(int window) {
            this.window = window;
            return this;
        }

        /** Default {@value ImageSettings#DEFAULT_STRIDE}. */
        public Builder stride(int stride) {
            this.stride = stride;
            return this;
        }

        /** Default {@value ImageSettings#DEFAULT_CONV}. */
        public Builder stages(List<PatchStage> stages) {
            this.stages = stages;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting that is missing or out of range */
        public ImageSettings build() {
            if (model == null) {
                throw new IllegalArgumentException("model must be set");
            }
            if (model != ProjectionFamily.BAG && model != ProjectionFamily.PATCH) {
                throw new IllegalArgumentException("model " + model + " is a text model; image tasks train bag or"
                        + " patch");
            }
            if (window < 1 || window > PatchEncoder.MAX_WINDOW) {
                throw new IllegalArgumentException("window must be in [1, " + PatchEncoder.MAX_WINDOW + "], got "
                        + window);
            }
            if (stride < 1 || stride > PatchEncoder.MAX_STRIDE) {
                throw new IllegalArgumentException("stride must be in [1, " + PatchEncoder.MAX_STRIDE + "], got "
                        + stride);
            }
            if (stages == null || stages.contains(null)) {
                throw new IllegalArgumentException("conv must be set (none for no stage)");
            }
            if (stages.size() > PatchEncoder.MAX_STAGES) {
                throw new IllegalArgumentException("conv: at most " + PatchEncoder.MAX_STAGES + " stages, got "
                        + stages.size());
            }
            return new ImageSettings(this);
        }
    }
}
