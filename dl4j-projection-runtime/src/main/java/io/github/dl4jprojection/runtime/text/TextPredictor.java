package io.github.dl4jprojection.runtime.text;

import io.github.dl4jprojection.runtime.internal.text.FeaturizerScratch;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.model.InputKind;
import io.github.dl4jprojection.runtime.model.Predictor;
import io.github.dl4jprojection.runtime.model.ProjectionModel;

/**
 * {@code predict(String)} for a text model: featurizes with the configuration in the model's own
 * featurizer section ({@link FeaturizerConfig#fromSection}) and hands the bag to
 * {@link Predictor#predictFeatures}, so training, the model file and prediction cannot disagree on
 * the featurizer.
 *
 * <p>Holds its own scratch and a {@link Predictor}: one per thread (the model is shared); after
 * construction a call allocates nothing, does no I/O and takes no lock.
 */
public final class TextPredictor {

    private final TextFeaturizer featurizer;
    private final FeaturizerScratch scratch;
    private final float[] weights;
    private final Predictor predictor;

    private TextPredictor(TextFeaturizer featurizer, Predictor predictor) {
        this.featurizer = featurizer;
        this.scratch = featurizer.newScratch();
        this.weights = new float[featurizer.config().maxFeatures()];
        this.predictor = predictor;
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
        return new TextPredictor(new TextFeaturizer(config), model.predictor());
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
        int n = weigh(featurizer.featurize(text, scratch));
        return predictor.scoresFeatures(scratch.keys(), weights, n, probabilities);
    }

    /** {@link #predict(CharSequence)} for UTF-8 bytes {@code utf8[offset, offset + length)}. */
    public int predictUtf8(byte[] utf8, int offset, int length) {
        int n = weigh(featurizer.featurizeUtf8(utf8, offset, length, scratch));
        return predictor.predictFeatures(scratch.keys(), weights, n);
    }

    /** Fills the weights of the {@code n} features in the scratch; returns {@code n}. */
    private int weigh(int n) {
        TextFeaturizer.weights(featurizer.config().weighting(), scratch.counts(), n, weights);
        return n;
    }
}
