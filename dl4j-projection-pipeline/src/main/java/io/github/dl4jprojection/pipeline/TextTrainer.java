package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import java.util.List;

/**
 * A trainer of text models: how it reads a text ({@link TrainerInput}, prepared once from the training texts, for
 * example a vocabulary) and the layers it adds to the joint graph on that input.
 */
public interface TextTrainer extends Trainer {

    /**
     * The trainer's input encoder, a function of the training texts and the settings only (so a resumed run
     * rebuilds the same one).
     *
     * @param tokenizer the projection's featurizer, whose tokens the trainer may read too
     */
    TrainerInput<?> input(TextFeaturizer tokenizer, List<LabeledText> training, TextSettings settings);

    /** Adds the trainer's layers (the joint builder appends the logits layer) reading the graph's trainer input. */
    void addTo(JointProjectionModel.Builder builder, TextSettings settings);

    @Override
    default TaskKind task() {
        return TaskKind.TEXT;
    }
}
