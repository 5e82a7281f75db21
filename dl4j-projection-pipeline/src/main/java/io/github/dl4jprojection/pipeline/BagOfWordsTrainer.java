package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * {@code mlp} for texts: a vocabulary-free hashed bag of word unigrams and bigrams {@code [mb, B]}
 * ({@link HashedBagOfWords}) -&gt; dense {@value #WIDTH} ReLU -&gt; dense {@value #WIDTH} ReLU with dropout (keep 0.8)
 * -&gt; logits.
 */
final class BagOfWordsTrainer implements TextTrainer {

    static final int WIDTH = 256;

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "bag-of-words mlp";
    }

    @Override
    public TrainerInput<?> input(TextFeaturizer tokenizer, List<LabeledText> training, TextSettings settings) {
        return new HashedBagOfWords(tokenizer, settings.trainerBuckets());
    }

    @Override
    public void addTo(JointProjectionModel.Builder builder, TextSettings settings) {
        builder.trainerLayer("dense1", new DenseLayer.Builder().nOut(WIDTH).activation(Activation.RELU)
                        .weightInit(WeightInit.RELU).build(), JointProjectionModel.TRAINER_INPUT)
                .trainerLayer("dense2", new DenseLayer.Builder().nOut(WIDTH).activation(Activation.RELU)
                        .weightInit(WeightInit.RELU).dropOut(0.8).build());
    }
}
