package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.runtime.internal.projection.CountSketch;
import io.github.dl4jprojection.runtime.model.PnetFormat;
import io.github.dl4jprojection.runtime.model.SequenceEncoder;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The text part of a {@link TrainingConfig}: the featurizer (stored in the exported model, so the device
 * featurizes the same way), the text trainers' input (tokens read per text by the LSTM, its pooling over
 * time, and the hashed buckets of the bag-of-words MLP), and the projection network's family
 * ({@link ProjectionFamily}) with, for the sequence family, its per-token bits, bottleneck width, convolution
 * width and channels (the sequence model reads the same {@code maxTokens} tokens per text as the LSTM), and for
 * the sketch family its buckets {@code B} (its seed is the configuration's).
 * Immutable; validated by {@link Builder#build()}.
 */
public final class TextSettings {

    /** Default buckets of the bag-of-words MLP trainer's hashed input. */
    public static final int DEFAULT_TRAINER_BUCKETS = 1 << 12;
    /** Default tokens the LSTM trainer reads per text. */
    public static final int DEFAULT_MAX_TOKENS = 256;
    /** Default bits per token of the sequence model: 8 functions of 16 bits. */
    public static final ProjectionBits DEFAULT_TOKEN_BITS = new ProjectionBits(8, 16);
    /** Default bottleneck width of the sequence model. */
    public static final int DEFAULT_BOTTLENECK = 32;
    /** Default convolution width of the sequence model, in tokens. */
    public static final int DEFAULT_CONV_WIDTH = 3;
    /** Default convolution channels of the sequence model. */
    public static final int DEFAULT_CONV_CHANNELS = 64;
    /** Default buckets B of the sketch model. */
    public static final int DEFAULT_SKETCH_BUCKETS = 1 << 12;
    /** Default projection family: the sketch, the most accurate at every size measured on both text tasks. */
    public static final ProjectionFamily DEFAULT_MODEL = ProjectionFamily.SKETCH;

    private final FeaturizerConfig featurizer;
    private final int maxTokens;
    private final SequencePooling pooling;
    private final int trainerBuckets;
    private final ProjectionFamily model;
    private final ProjectionBits tokenBits;
    private final int bottleneck;
    private final int convWidth;
    private final int convChannels;
    private final int buckets;

    private TextSettings(Builder b) {
        featurizer = b.featurizer;
        maxTokens = b.maxTokens;
        pooling = b.pooling;
        trainerBuckets = b.trainerBuckets;
        model = b.model;
        tokenBits = b.tokenBits;
        bottleneck = b.bottleneck;
        convWidth = b.convWidth;
        convChannels = b.convChannels;
        buckets = b.buckets;
    }

    /** The defaults: {@link FeaturizerConfig#defaults()}, 256 tokens, average pooling, 4,096 buckets. */
    public static TextSettings defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return builder().featurizer(featurizer).maxTokens(maxTokens).pooling(pooling).trainerBuckets(trainerBuckets)
                .model(model).tokenBits(tokenBits).bottleneck(bottleneck).convWidth(convWidth)
                .convChannels(convChannels).buckets(buckets);
    }

    /** The text featurizer of the projection (and the tokenizer of the LSTM trainer). */
    public FeaturizerConfig featurizer() {
        return featurizer;
    }

    /** Tokens the LSTM trainer and the sequence model read per text; the rest is cut off. */
    public int maxTokens() {
        return maxTokens;
    }

    /** Pooling of the LSTM outputs over the tokens. */
    public SequencePooling pooling() {
        return pooling;
    }

    /** Buckets of the bag-of-words MLP trainer's hashed input. */
    public int trainerBuckets() {
        return trainerBuckets;
    }

    /**
     * The projection network's family; default {@link ProjectionFamily#SKETCH}, the most accurate at every size
     * measured on both text tasks (docs/RESULTS.md, "Count sketch").
     */
    public ProjectionFamily model() {
        return model;
    }

    /** Sequence model: T functions of d bits projected per token. */
    public ProjectionBits tokenBits() {
        return tokenBits;
    }

    /** Sequence model: width D of the bottleneck shared by the tokens. */
    public int bottleneck() {
        return bottleneck;
    }

    /** Sequence model: width of the convolution's token window (odd). */
    public int convWidth() {
        return convWidth;
    }

    /** Sequence model: channels C of the convolution, the width of the pooled text vector. */
    public int convChannels() {
        return convChannels;
    }

    /** Sketch model: B, the buckets of the count sketch (the first dense layer's input width). */
    public int buckets() {
        return buckets;
    }

    /**
     * These settings under the command line's option names (features as key=value settings of the featurizer). The
     * sequence model's settings appear for {@code model=seq} only and the sketch model's for {@code model=sketch}
     * only, so a bag configuration has the properties it had before those families existed (and its checkpoints
     * resume).
     */
    Map<String, String> asProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("features", featurizer.toSettings().toString());
        m.put("max-tokens", Integer.toString(maxTokens));
        m.put("pooling", pooling.cliName());
        m.put("trainer-buckets", Integer.toString(trainerBuckets));
        if (model == ProjectionFamily.SEQ) {
            m.put("model", model.cliName());
            m.put("token-bits", tokenBits.toString());
            m.put("bottleneck", Integer.toString(bottleneck));
            m.put("conv-width", Integer.toString(convWidth));
            m.put("conv-channels", Integer.toString(convChannels));
        }
        if (model == ProjectionFamily.SKETCH) {
            m.put("model", model.cliName());
            m.put("buckets", Integer.toString(buckets));
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TextSettings)) {
            return false;
        }
        TextSettings t = (TextSettings) o;
        return featurizer.equals(t.featurizer) && maxTokens == t.maxTokens && pooling == t.pooling
                && trainerBuckets == t.trainerBuckets && model == t.model && tokenBits.equals(t.tokenBits)
                && bottleneck == t.bottleneck && convWidth == t.convWidth && convChannels == t.convChannels
                && buckets == t.buckets;
    }

    @Override
    public int hashCode() {
        return Objects.hash(featurizer, maxTokens, pooling, trainerBuckets, model, tokenBits, bottleneck, convWidth,
                convChannels, buckets);
    }

    /** Values of {@link TextSettings}; {@link #build()} names the one out of range. */
    public static final class Builder {
        private FeaturizerConfig featurizer = FeaturizerConfig.defaults();
        private int maxTokens = DEFAULT_MAX_TOKENS;
        private SequencePooling pooling = SequencePooling.AVG;
        private int trainerBuckets = DEFAULT_TRAINER_BUCKETS;
        private ProjectionFamily model = DEFAULT_MODEL;
        private ProjectionBits tokenBits = DEFAULT_TOKEN_BITS;
        private int bottleneck = DEFAULT_BOTTLENECK;
        private int convWidth = DEFAULT_CONV_WIDTH;
        private int convChannels = DEFAULT_CONV_CHANNELS;
        private int buckets = DEFAULT_SKETCH_BUCKETS;

        private Builder() {
        }

        /** Default bag. */
        public Builder model(ProjectionFamily model) {
            this.model = model;
            return this;
        }

        /** Sequence model; default {@code 8:16}. */
        public Builder tokenBits(ProjectionBits tokenBits) {
            this.tokenBits = tokenBits;
            return this;
        }

        /** Sequence model; default {@value TextSettings#DEFAULT_BOTTLENECK}. */
        public Builder bottleneck(int bottleneck) {
            this.bottleneck = bottleneck;
            return this;
        }

        /** Sequence model; default {@value TextSettings#DEFAULT_CONV_WIDTH}. */
        public Builder convWidth(int convWidth) {
            this.convWidth = convWidth;
            return this;
        }

        /** Sequence model; default {@value TextSettings#DEFAULT_CONV_CHANNELS}. */
        public Builder convChannels(int convChannels) {
            this.convChannels = convChannels;
            return this;
        }

        /** Sketch model; default {@value TextSettings#DEFAULT_SKETCH_BUCKETS}. */
        public Builder buckets(int buckets) {
            this.buckets = buckets;
            return this;
        }

        /** Default {@link FeaturizerConfig#defaults()}. */
        public Builder featurizer(FeaturizerConfig featurizer) {
            this.featurizer = featurizer;
            return this;
        }

        /** Default {@value TextSettings#DEFAULT_MAX_TOKENS}. */
        public Builder maxTokens(int maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        /** Default average. */
        public Builder pooling(SequencePooling pooling) {
            this.pooling = pooling;
            return this;
        }

        /** Default {@value TextSettings#DEFAULT_TRAINER_BUCKETS}. */
        public Builder trainerBuckets(int trainerBuckets) {
            this.trainerBuckets = trainerBuckets;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting that is missing or out of range */
        public TextSettings build() {
            if (featurizer == null) {
                throw new IllegalArgumentException("features must be set");
            }
            if (pooling == null) {
                throw new IllegalArgumentException("pooling must be set");
            }
            if (maxTokens < 1) {
                throw new IllegalArgumentException("max-tokens must be at least 1, got " + maxTokens);
            }
            if (trainerBuckets < 1) {
                throw new IllegalArgumentException("trainer-buckets must be at least 1, got " + trainerBuckets);
            }
            if (model == null) {
                throw new IllegalArgumentException("model must be set");
            }
            if (!model.forTexts()) {
                throw new IllegalArgumentException("model " + model + " is an image model; text tasks train bag, seq"
                        + " or sketch");
            }
            if (tokenBits == null) {
                throw new IllegalArgumentException("token-bits must be set");
            }
            if (tokenBits.totalBits() > ProjectionSpec.MAX_BITS) {
                throw new IllegalArgumentException("token-bits: T * d must be at most " + ProjectionSpec.MAX_BITS
                        + ", got " + tokenBits);
            }
            if (bottleneck < 1 || bottleneck > PnetFormat.MAX_LAYER_WIDTH) {
                throw new IllegalArgumentException("bottleneck must be in [1, " + PnetFormat.MAX_LAYER_WIDTH
                        + "], got " + bottleneck);
            }
            if (convWidth < 1 || convWidth > SequenceEncoder.MAX_CONV_WIDTH || convWidth % 2 == 0) {
                throw new IllegalArgumentException("conv-width must be odd and in [1, "
                        + SequenceEncoder.MAX_CONV_WIDTH + "], got " + convWidth);
            }
            if (convChannels < 1 || (long) convWidth * bottleneck > PnetFormat.MAX_LAYER_WIDTH
                    || convChannels > PnetFormat.MAX_LAYER_WIDTH) {
                throw new IllegalArgumentException("conv-channels must be in [1, " + PnetFormat.MAX_LAYER_WIDTH
                        + "] and conv-width * bottleneck at most " + PnetFormat.MAX_LAYER_WIDTH + ", got "
                        + convChannels + " and " + convWidth + " * " + bottleneck);
            }
            if (buckets < 1 || buckets > CountSketch.MAX_BUCKETS) {
                throw new IllegalArgumentException("buckets must be in [1, " + CountSketch.MAX_BUCKETS + "], got "
                        + buckets);
            }
            if (model == ProjectionFamily.SEQ && maxTokens > SequenceEncoder.MAX_TOKENS) {
                throw new IllegalArgumentException("max-tokens must be at most " + SequenceEncoder.MAX_TOKENS
                        + " for the seq model, got " + maxTokens);
            }
            return new TextSettings(this);
        }
    }
}
