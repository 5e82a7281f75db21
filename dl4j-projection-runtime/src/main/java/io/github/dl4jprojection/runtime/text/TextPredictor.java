package io.github.dl4jprojection.runtime.text;

import io.github.dl4jprojection.runtime.internal.text.FeaturizerScratch;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.internal.text.TokenProjection;
import io.github.dl4jprojection.runtime.internal.text.TokenProjectionScratch;
import io.github.dl4jprojection.runtime.model.InputKind;
import io.github.dl4jprojection.runtime.model.Predictor;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.SequenceEncoder;

/**
 * {@code predict(String)} for a text model: featurizes with the configuration in the model's own
 * featurizer section ({@link FeaturizerConfig#fromSection}) and hands the bag to
 * {@link Predictor#predictFeatures}, so training, the model file and prediction cannot disagree on
 * the featurizer.
 *
 * <p>A sequence model ({@link ProjectionModel#sequenceEncoder()}) is fed the bits of each of the text's first
 * {@code maxTokens} tokens instead ({@code TokenProjection}, the same reference the training used), through
 * {@link Predictor#predictTokens}.
 *
 * <p>Holds its own scratch and a {@link Predictor}: one per thread (the model is shared); after
 * construction a call allocates nothing, does no I/O and takes no lock.
 */
public final class TextPredictor {

    private final TextFeaturizer featurizer;
    private final FeaturizerScratch scratch;
    private final float[] weights;
    private final Predictor predictor;
    // Sequence models only (null otherwise).
    private final TokenProjection tokens;
    private final TokenProjectionScratch tokenScratch;
    private final long[] tokenBits;

    private TextPredictor(TextFeaturizer featurizer, ProjectionModel model) {
        this.featurizer = featurizer;
        this.scratch = featurizer.newScratch();
        this.weights = new float[featurizer.config().maxFeatures()];
        this.predictor = model.predictor();
        SequenceEncoder sequence = model.sequenceEncoder();
        if (sequence != null) {
            this.tokens = new TokenProjection(featurizer.config(), model.projectionSpec(), sequence.maxTokens());
            this.tokenScratch = tokens.newScratch();
            this.tokenBits = new long[sequence.maxTokens() * tokens.numWords()];
        } else {
            this.tokens = null;
            this.tokenScratch = null;
            this.tokenBits = null;
        }
    }

    /**
     * A predictor for {@code model}.
     *
     * @throws IllegalArgumentException when the model takes dense input, or its featurizer section is
     *                                  not an {@value FeaturizerConfig#KIND} version this runtime implements
     */
    public static TextPredictor of(ProjectionModel model) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        if (model.input().kind() != InputKind.FEATURES) {
            throw new IllegalArgumentException("model takes " + model.input().kind() + " input, not text: "
                    + "use its Predictor with float[] inputs");
        }
        FeaturizerConfig config = FeaturizerConfig.fromSection(model.input().featurizer());
        return new TextPredictor(new TextFeaturizer(config), model);
    }

    /** The featurizer configuration read from the model. */
    public FeaturizerConfig featurizerConfig() {
        return featurizer.config();
    }

    /**
     * The predicted label index of {@code text}: argmax of the logits, the smallest index on ties.
     *
     * @throws IllegalArgumentException when {@code text} is null
     */
    public int predict(CharSequence text) {
        if (tokens != null) {
            return predictor.predictTokens(tokenBits, tokens.project(text, tokenScratch, tokenBits));
        }
        int n = weigh(featurizer.featurize(text, scratch));
        return predictor.predictFeatures(scratch.keys(), weights, n);
    }

    /**
     * Writes the label probabilities of {@code text} to {@code probabilities[0, numLabels)} and returns
     * the predicted label index.
     *
     * @throws IllegalArgumentException when {@code text} is null or {@code probabilities} too short
     */
    public int scores(CharSequence text, float[] probabilities) {
        if (tokens != null) {
            return predictor.scoresTokens(tokenBits, tokens.project(text, tokenScratch, tokenBits), probabilities);
        }
        int n = weigh(featurizer.featurize(text, scratch));
        return predictor.scoresFeatures(scratch.keys(), weights, n, probabilities);
    }

    /** {@link #predict(CharSequence)} for UTF-8 bytes {@code utf8[offset, offset + length)}. */
    public int predictUtf8(byte[] utf8, int offset, int length) {
        if (tokens != null) {
            return predictor.predictTokens(tokenBits, tokens.projectUtf8(utf8, offset, length, tokenScratch,
                    tokenBits));
        }
        int n = weigh(featurizer.featurizeUtf8(utf8, offset, length, scratch));
        return predictor.predictFeatures(scratch.keys(), weights, n);
    }

    /** Fills the weights of the {@code n} features in the scratch; returns {@code n}. */
    private int weigh(int n) {
        TextFeaturizer.weights(featurizer.config().weighting(), scratch.counts(), n, weights);
        return n;
    }
}
