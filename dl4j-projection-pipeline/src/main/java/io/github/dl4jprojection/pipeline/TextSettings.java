package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The text part of a {@link TrainingConfig}: the featurizer (stored in the exported model, so the device
 * featurizes the same way), and the text trainers' input: tokens read per text by the LSTM, its pooling over
 * time, and the hashed buckets of the bag-of-words MLP. Immutable; validated by {@link Builder#build()}.
 */
public final class TextSettings {

    /** Default buckets of the bag-of-words MLP trainer's hashed input. */
    public static final int DEFAULT_TRAINER_BUCKETS = 1 << 12;
    /** Default tokens the LSTM trainer reads per text. */
    public static final int DEFAULT_MAX_TOKENS = 256;

    private final FeaturizerConfig featurizer;
    private final int maxTokens;
    private final SequencePooling pooling;
    private final int trainerBuckets;

    private TextSettings(Builder b) {
        featurizer = b.featurizer;
        maxTokens = b.maxTokens;
        pooling = b.pooling;
        trainerBuckets = b.trainerBuckets;
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
        return builder().featurizer(featurizer).maxTokens(maxTokens).pooling(pooling).trainerBuckets(trainerBuckets);
    }

    /** The text featurizer of the projection (and the tokenizer of the LSTM trainer). */
    public FeaturizerConfig featurizer() {
        return featurizer;
    }

    /** Tokens the LSTM trainer reads per text; the rest is cut off. */
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

    /** These settings under the command line's option names (features as key=value settings of the featurizer). */
    Map<String, String> asProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("features", featurizer.toSettings().toString());
        m.put("max-tokens", Integer.toString(maxTokens));
        m.put("pooling", pooling.cliName());
        m.put("trainer-buckets", Integer.toString(trainerBuckets));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TextSettings)) {
            return false;
        }
        TextSettings t = (TextSettings) o;
        return featurizer.equals(t.featurizer) && maxTokens == t.maxTokens && pooling == t.pooling
                && trainerBuckets == t.trainerBuckets;
    }

    @Override
    public int hashCode() {
        return Objects.hash(featurizer, maxTokens, pooling, trainerBuckets);
    }

    /** Values of {@link TextSettings}; {@link #build()} names the one out of range. */
    public static final class Builder {
        private FeaturizerConfig featurizer = FeaturizerConfig.defaults();
        private int maxTokens = DEFAULT_MAX_TOKENS;
        private SequencePooling pooling = SequencePooling.AVG;
        private int trainerBuckets = DEFAULT_TRAINER_BUCKETS;

        private Builder() {
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
            return new TextSettings(this);
        }
    }
}
