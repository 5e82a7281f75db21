package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.pipeline.ProjectionDensity;
import io.github.dl4jprojection.pipeline.TaskKind;
import io.github.dl4jprojection.pipeline.Trainers;
import io.github.dl4jprojection.pipeline.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of a {@link TrainingConfig} that every training command takes: {@code train}, {@code demo} (through
 * {@link TrainingOptions}) and {@code bits-study}. Each one left out keeps the command's default for the task.
 */
final class SharedTrainingOptions {

    @Option(names = "--trainer", paramLabel = "NAME",
            description = "Trainer network: images cnn (default; mlp for images under 16x16, in the demo and in bits-study), "
                    + "mlp, or DL4J's model zoo lenet or simplecnn (untrained, as the zoo defines them); texts mlp (default: over a hashed bag of word unigrams and "
                    + "bigrams; bits-study's only text trainer) or lstm (embeddings, LSTM, pooling over the tokens).")
    String trainer;

    @Option(names = "--density", paramLabel = "1/2^k", converter = Converters.Density.class,
            description = "Share of non-zero projection entries: 1, 1/2, ..., 1/64 (default: 1/4; 1 for --model patch).")
    ProjectionDensity density;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs (default: 10; demo 5 for images, 6 for spam; bits-study 5 for every small model).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Examples per minibatch (default: 64).")
    Integer batchSize;

    @Option(names = "--temperature", paramLabel = "TAU",
            description = "Distillation temperature of the l2 term (default: 1, the paper's); above 1 softens a "
                    + "trainer that is near one-hot on its training data.")
    Double temperature;

    @Option(names = "--learning-rate", paramLabel = "RATE",
            description = "Adam's learning rate of the trainer, and of the projection network unless "
                    + "--projection-learning-rate is given (default: 0.001).")
    Double learningRate;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: 42).")
    Long seed;

    @Option(names = "--pixel-max", paramLabel = "N",
            description = "Image tasks: the largest value a pixel of the data can have, 1..255 (default: 255). The "
                    + "trainer sees pixels / N; set it for data of a smaller range (the UCI 8x8 digits: 16). The "
                    + "exported model still takes the raw pixels: its projection bits do not depend on the scale.")
    Integer pixelMax;

    /** Fails at argument time, before any data is read, when {@code --trainer} names no trainer of the task. */
    void validate(CommandLine cmd, TaskKind task) {
        if (pixelMax != null && task != TaskKind.IMAGE) {
            throw new ParameterException(cmd, "--pixel-max applies to image tasks only");
        }
        if (trainer != null) {
            try {
                Trainers.find(trainer, task);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cmd, "--" + e.getMessage());
            }
        }
    }

    /** Sets on {@code b} every option given on the command line; {@link TrainingConfig.Builder#build()} checks them. */
    void applyTo(TrainingConfig.Builder b) {
        if (trainer != null) {
            b.trainer(trainer);
        }
        if (density != null) {
            b.density(density);
        }
        if (epochs != null) {
            b.epochs(epochs);
        }
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (temperature != null) {
            b.temperature(temperature);
        }
        if (learningRate != null) {
            b.learningRate(learningRate);
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (pixelMax != null) {
            b.pixelMax(pixelMax);
        }
    }

    /** Whether {@code --trainer} was given (else the command picks the task's default). */
    boolean trainerGiven() {
        return trainer != null;
    }
}
