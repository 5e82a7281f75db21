package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The text trainers' layers, added to a {@link JointProjectionModel.Builder} (which appends the logits layer):
 * <ul>
 *   <li>LSTM: token ids {@code [mb, L]} (mask {@code [mb, L]}) -&gt; {@code embedding} (EmbeddingSequenceLayer,
 *       V x {@value #EMBEDDING}) -&gt; {@code lstm} ({@value #LSTM_UNITS} units, tanh; both with Adam
 *       {@value #LSTM_LEARNING_RATE}) -&gt; {@code pooling}
 *       (masked max or average over time) -&gt; logits;</li>
 *   <li>MLP: hashed bag {@code [mb, B]} -&gt; dense {@value #MLP_WIDTH} ReLU -&gt; dense {@value #MLP_WIDTH} ReLU
 *       with dropout (keep 0.8) -&gt; logits.</li>
 * </ul>
 */
final class TextTrainerNetworks {

    static final int EMBEDDING = 64;
    static final int LSTM_UNITS = 128;
    static final int MLP_WIDTH = 256;
    /**
     * Adam's step for the embeddings and the LSTM: larger than the graph's 1e-3, which left the LSTM far behind
     * the projection branch in the few epochs a run affords; element-wise clipping keeps it stable.
     */
    static final double LSTM_LEARNING_RATE = 5e-3;

    static final String EMBEDDING_LAYER = "embedding";
    static final String LSTM_LAYER = "lstm";
    static final String MLP_FIRST_LAYER = "dense1";

    private TextTrainerNetworks() {
    }

    static void lstm(JointProjectionModel.Builder builder, SequencePooling pooling) {
        builder.trainerLayer(EMBEDDING_LAYER, new EmbeddingSequenceLayer.Builder().nOut(EMBEDDING)
                        .inferInputLength(true).updater(new Adam(LSTM_LEARNING_RATE)).build(),
                        JointProjectionModel.TRAINER_INPUT)
                .trainerLayer(LSTM_LAYER, new LSTM.Builder().nOut(LSTM_UNITS).activation(Activation.TANH)
                        .updater(new Adam(LSTM_LEARNING_RATE))
                        .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                        .gradientNormalizationThreshold(1.0).build())
                .trainerLayer("pooling", new GlobalPoolingLayer.Builder(pooling.dl4j()).build());
    }

    static void mlp(JointProjectionModel.Builder builder) {
        builder.trainerLayer(MLP_FIRST_LAYER, new DenseLayer.Builder().nOut(MLP_WIDTH).activation(Activation.RELU)
                        .weightInit(WeightInit.RELU).build(), JointProjectionModel.TRAINER_INPUT)
                .trainerLayer("dense2", new DenseLayer.Builder().nOut(MLP_WIDTH).activation(Activation.RELU)
                        .weightInit(WeightInit.RELU).dropOut(0.8).build());
    }
}
