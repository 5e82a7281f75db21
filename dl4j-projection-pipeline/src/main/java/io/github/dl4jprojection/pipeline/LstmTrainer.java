package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import java.util.List;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;

/**
 * {@code lstm}, the default text trainer: token ids {@code [mb, L]} (mask {@code [mb, L]}; {@link TokenSequenceInput}:
 * the featurizer's tokens, a vocabulary of the training texts, the first {@code maxTokens} tokens) -&gt;
 * {@code embedding} (EmbeddingSequenceLayer, V x {@value #EMBEDDING}) -&gt; {@code lstm} ({@value #UNITS} units,
 * tanh; both with Adam {@value #LEARNING_RATE}) -&gt; {@code pooling} (masked max or average over time) -&gt; logits.
 */
final class LstmTrainer implements TextTrainer {

    static final int EMBEDDING = 64;
    static final int UNITS = 128;
    /**
     * Adam's step for the embeddings and the LSTM: larger than the graph's 1e-3, which left the LSTM far behind
     * the projection branch in the few epochs a run affords; element-wise clipping keeps it stable.
     */
    static final double LEARNING_RATE = 5e-3;
    /** Most token ids of the vocabulary, padding and unknown included. */
    static final int MAX_VOCABULARY = 20_000;
    /** Training occurrences a token needs to get its own id (rarer ones are unknown). */
    static final int MIN_COUNT = 2;

    @Override
    public String name() {
        return "lstm";
    }

    @Override
    public String description() {
        return "token lstm";
    }

    @Override
    public TrainerInput<?> input(TextFeaturizer tokenizer, List<LabeledText> training, TextSettings settings) {
        return TokenSequenceInput.fromTraining(tokenizer, training, settings.maxTokens(), MAX_VOCABULARY, MIN_COUNT);
    }

    @Override
    public void addTo(JointProjectionModel.Builder builder, TextSettings settings) {
        builder.trainerLayer("embedding", new EmbeddingSequenceLayer.Builder().nOut(EMBEDDING)
                        .inferInputLength(true).updater(new Adam(LEARNING_RATE)).build(),
                        JointProjectionModel.TRAINER_INPUT)
                .trainerLayer("lstm", new LSTM.Builder().nOut(UNITS).activation(Activation.TANH)
                        .updater(new Adam(LEARNING_RATE))
                        .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                        .gradientNormalizationThreshold(1.0).build())
                .trainerLayer("pooling", new GlobalPoolingLayer.Builder(settings.pooling().dl4j()).build());
    }
}
