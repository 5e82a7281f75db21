package io.github.dl4jprojection.pipeline;

import java.util.Locale;

/** The architecture of the trainer network trained jointly with the projection network. */
public enum TrainerKind {
    /** A small convolutional network (the default: the strongest trainer for images). */
    CNN,
    /** A multi-layer perceptron, like the paper's 3-layer feed-forward MNIST trainer (texts: over a hashed bag of words). */
    MLP,
    /** Texts only: token embeddings, an LSTM and pooling over time (the default for texts). */
    LSTM;

    /** The command-line name: cnn, mlp, lstm. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The trainer with this command-line name (case-insensitive).
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static TrainerKind fromCliName(String name) {
        for (TrainerKind kind : values()) {
            if (kind.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown trainer '" + name + "'; valid trainers: cnn, mlp, lstm");
    }

    @Override
    public String toString() {
        return cliName();
    }
}
