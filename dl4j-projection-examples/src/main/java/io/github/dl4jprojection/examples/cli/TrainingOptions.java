package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.pipeline.ExportQuantization;
import io.github.dl4jprojection.pipeline.LossWeights;
import io.github.dl4jprojection.pipeline.ProjectionBits;
import io.github.dl4jprojection.pipeline.ProjectionDensity;
import io.github.dl4jprojection.pipeline.SequencePooling;
import io.github.dl4jprojection.pipeline.TaskKind;
import io.github.dl4jprojection.pipeline.TextSettings;
import io.github.dl4jprojection.pipeline.Trainers;
import io.github.dl4jprojection.pipeline.TrainingConfig;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of a {@link TrainingConfig}, shared by {@code train} and {@code demo} (and so by the Spark backend,
 * which runs the same {@code train}): each one left out keeps the command's default for the task. Adding a training
 * option is a field here, a value in {@link TrainingConfig} and the place that uses it.
 */
final class TrainingOptions {

    @Option(names = "--trainer", paramLabel = "NAME",
            description = "Trainer network: images cnn (default; mlp for images under 16x16) or mlp; texts lstm "
                    + "(default: embeddings, LSTM, pooling over the tokens) or mlp (over a hashed bag of word "
                    + "unigrams and bigrams).")
    String trainer;

    @Option(names = "--bits", paramLabel = "T:d", converter = Converters.Bits.class,
            description = "T projection functions of d bits each (default: 60:12 for images, 32:16 for texts).")
    ProjectionBits bits;

    @Option(names = "--density", paramLabel = "1/2^k", converter = Converters.Density.class,
            description = "Share of non-zero projection entries: 1, 1/2, ..., 1/64 (default: 1/4).")
    ProjectionDensity density;

    @Option(names = "--hidden", paramLabel = "N,...", converter = Converters.Hidden.class,
            description = "Hidden layer widths of the projection network, or none (default: none).")
    HiddenLayers hidden;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: 10; demo 2 for images, 6 for spam).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Examples per minibatch (default: 64).")
    Integer batchSize;

    @Option(names = "--lambda", paramLabel = "l1,l2,l3", converter = Converters.Lambda.class,
            description = "Loss weights: l1 trainer vs labels, l2 projection vs trainer, l3 projection vs labels "
                    + "(default: 1.0,0.1,1.0, the paper's).")
    LossWeights lambda;

    @Option(names = "--temperature", paramLabel = "TAU",
            description = "Distillation temperature of the l2 term (default: 1).")
    Double temperature;

    @Option(names = "--learning-rate", paramLabel = "RATE",
            description = "Adam's learning rate of the projection network (default: 0.001).")
    Double learningRate;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: 42).")
    Long seed;

    @Option(names = "--quantize", paramLabel = "int8", converter = Converters.Quantize.class,
            description = "Store the exported weights as 8-bit integers (default: float32).")
    ExportQuantization quantize;

    @Option(names = "--features", paramLabel = "KEY=VALUE,...", converter = Converters.Features.class,
            description = "Text tasks: text featurizer settings overriding the defaults (docs/TEXT.md), keys "
                    + FeaturizerOption.KEYS + "; e.g. words=2,skip=0,chars=none (default: words=2,skip=1,"
                    + "chars=3-4,weighting=count).")
    FeaturizerConfig features;

    @Option(names = "--max-tokens", paramLabel = "N",
            description = "Text tasks, lstm trainer: tokens read per text, the rest is cut off (default: "
                    + TextSettings.DEFAULT_MAX_TOKENS + "; demo 128).")
    Integer maxTokens;

    @Option(names = "--pooling", paramLabel = "max|avg", converter = Converters.Pooling.class,
            description = "Text tasks, lstm trainer: pooling of the LSTM outputs over the tokens (default: avg).")
    SequencePooling pooling;

    @Option(names = "--trainer-buckets", paramLabel = "N",
            description = "Text tasks, mlp trainer: hashed buckets of its bag of words (default: "
                    + TextSettings.DEFAULT_TRAINER_BUCKETS + ").")
    Integer trainerBuckets;

    /**
     * Fails at argument time, before any data is read, when an option does not apply to the task (a text option
     * for images, a trainer of the other task).
     */
    void validate(CommandLine cmd, TaskKind task) {
        if (task == TaskKind.IMAGE) {
            String[][] textOnly = {{"--features", str(features)}, {"--max-tokens", str(maxTokens)},
                    {"--pooling", str(pooling)}, {"--trainer-buckets", str(trainerBuckets)}};
            for (String[] option : textOnly) {
                if (option[1] != null) {
                    throw new ParameterException(cmd, option[0] + " applies to text tasks only");
                }
            }
        }
        if (trainer != null) {
            try {
                Trainers.find(trainer, task);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cmd, "--" + e.getMessage());
            }
        }
    }

    /**
     * The configuration: {@code defaults} with every option given on the command line applied.
     *
     * @throws ParameterException naming the option whose value is out of range
     */
    TrainingConfig config(CommandLine cmd, TrainingConfig.Builder defaults) {
        TrainingConfig base = defaults.build();
        TrainingConfig.Builder b = base.toBuilder();
        if (trainer != null) {
            b.trainer(trainer);
        }
        if (bits != null) {
            b.bits(bits);
        }
        if (density != null) {
            b.density(density);
        }
        if (hidden != null) {
            b.hiddenLayers(hidden.widths());
        }
        if (epochs != null) {
            b.epochs(epochs);
        }
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (lambda != null) {
            b.lossWeights(lambda);
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
        if (quantize != null) {
            b.quantization(quantize);
        }
        try {
            if (base.task() == TaskKind.TEXT) {
                b.text(textSettings(base.text()));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            // The configuration names its values as the options are named, so the option is the message's start.
            throw new ParameterException(cmd, "--" + e.getMessage());
        }
    }

    private TextSettings textSettings(TextSettings defaults) {
        TextSettings.Builder t = defaults.toBuilder();
        if (features != null) {
            t.featurizer(features);
        }
        if (maxTokens != null) {
            t.maxTokens(maxTokens);
        }
        if (pooling != null) {
            t.pooling(pooling);
        }
        if (trainerBuckets != null) {
            t.trainerBuckets(trainerBuckets);
        }
        return t.build();
    }

    /** Whether {@code --trainer} was given (else the command picks the task's default). */
    boolean trainerGiven() {
        return trainer != null;
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }
}
