package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * {@code mlp} for texts: a vocabulary-free hashed bag of word unigrams and bigrams {@code [mb, B]}
 * ({@link HashedBagOfWords}) -&gt; dense {@value #WIDTH} ReLU -&gt; dense {@value #WIDTH} ReLU with dropout (keep 0.8)
 * -&gt; logits. Public for the frontier study, which trains the same network alone.
 */
public final class BagOfWordsTrainer implements TextTrainer {

    /** Width of both dense layers. */
    public static final int WIDTH = 256;

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
        String previous = JointProjectionModel.TRAINER_INPUT;
        for (Layer layer : layers()) {
            builder.trainerLayer(layer.getLayerName(), layer, previous);
            previous = layer.getLayerName();
        }
    }

    /** New, named configurations of the two dense layers, in order; the caller appends the output. */
    public List<Layer> layers() {
        return Arrays.asList(
                new DenseLayer.Builder().name("dense1").nOut(WIDTH).activation(Activation.RELU)
                        .weightInit(WeightInit.RELU).build(),
                new DenseLayer.Builder().name("dense2").nOut(WIDTH).activation(Activation.RELU)
                        .weightInit(WeightInit.RELU).dropOut(0.8).build());
    }
}
