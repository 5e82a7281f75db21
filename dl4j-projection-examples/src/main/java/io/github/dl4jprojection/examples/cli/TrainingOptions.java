package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.pipeline.ExportQuantization;
import io.github.dl4jprojection.pipeline.ImageSettings;
import io.github.dl4jprojection.pipeline.LossWeights;
import io.github.dl4jprojection.pipeline.ProjectionBits;
import io.github.dl4jprojection.pipeline.ProjectionFamily;
import io.github.dl4jprojection.pipeline.TaskKind;
import io.github.dl4jprojection.pipeline.TrainingConfig;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of a {@link TrainingConfig} taken by {@code train} and {@code demo} (and so by the Spark backend,
 * which runs the same {@code train}): the {@link SharedTrainingOptions} and {@link TextOptions} that
 * {@code bits-study} takes too, the patch model's {@link PatchOptions}, and the projection network's own (bits,
 * hidden layers, loss weights, export).
 * Each one left out keeps the command's default for the task. Adding a training option is a field in one of these
 * mixins, a value in {@link TrainingConfig} and the place that uses it.
 */
final class TrainingOptions {

    @Mixin
    SharedTrainingOptions shared;

    @Option(names = "--bits", paramLabel = "T:d", converter = Converters.Bits.class,
            description = "T projection functions of d bits each; for --model patch, of every patch (default: 60:12 "
                    + "for images, 64:16 in the demo, " + ImageSettings.DEFAULT_PATCH_BITS_OPTION + " per patch for "
                    + "--model patch, 32:16 for texts).")
    ProjectionBits bits;

    @Option(names = "--projection-learning-rate", paramLabel = "RATE",
            description = "Adam's learning rate of the projection network's layers (default: 0.01 for --model sketch,"
                    + " whose small unit-norm inputs need large weights; else --learning-rate).")
    Double projectionLearningRate;

    @Option(names = "--learning-rate-decay", paramLabel = "G",
            description = "Multiply both learning rates by G after every epoch: epoch e trains at rate * G^e"
                    + " (default: 1, constant rates; 0.8 for --model patch).")
    Double learningRateDecay;

    @Option(names = "--hidden", paramLabel = "N,...", converter = Converters.Hidden.class,
            description = "Hidden layer widths of the projection network, or none (default: none).")
    HiddenLayers hidden;

    @Option(names = "--lambda", paramLabel = "l1,l2,l3", converter = Converters.Lambda.class,
            description = "Loss weights: l1 trainer vs labels, l2 projection vs trainer, l3 projection vs labels "
                    + "(default: 1.0,0.1,1.0, the paper's).")
    LossWeights lambda;

    @Option(names = "--quantize", paramLabel = "none|int8|int8-fixed", converter = Converters.Quantize.class,
            description = "Store the exported weights as 8-bit integers (default: none, float32; int8 for --model"
                    + " patch); int8-fixed: integer-only"
                    + " (int32 accumulators, fixed-point requantization calibrated on 2000 training examples; format"
                    + " version 3), for microcontrollers without an FPU, bag models only.")
    ExportQuantization quantize;

    @Option(names = {"--qat", "--quantize-aware"},
            description = "Quantization-aware training: the projection network trains with the int8 weights of its"
                    + " export (and with int8-fixed, int8 hidden activations on ranges tracked by a moving average),"
                    + " so the export computes what training evaluated. Implies --quantize int8 unless int8-fixed is"
                    + " given. Bag and sketch models (the dense layers' weights); patch models: the dense layers only,"
                    + " their convolutions are quantized after training.")
    boolean qat;

    @Option(names = "--workers", paramLabel = "N",
            description = "Parallel workers on this machine's cores (DL4J ParallelWrapper): each fits its own "
                    + "minibatches and their parameters are averaged after every one (default: 1, one after the "
                    + "other; results differ from one worker's, as with a larger minibatch, and from run to run; "
                    + "docs/BENCHMARKS.md has the speed-up).")
    Integer workers;

    @Mixin
    TextOptions text;

    @Mixin
    PatchOptions patch;

    /**
     * Fails at argument time, before any data is read, when an option does not apply to the task (a text option
     * for images, a trainer or model of the other task).
     *
     * @param taskName the {@code --task} value, for the messages
     * @param imageDefault the command's image model when {@code --model} is not given
     */
    void validate(CommandLine cmd, TaskKind task, String taskName, ProjectionFamily imageDefault) {
        List<String> textOnly = text.givenExceptModel();
        if (task == TaskKind.IMAGE && !textOnly.isEmpty()) {
            throw new ParameterException(cmd, textOnly.get(0) + " applies to text tasks only");
        }
        ProjectionFamily model = text.model;
        if (task == TaskKind.IMAGE && model != null && !model.forImages()) {
            throw new ParameterException(cmd, "--model " + model + " is a text model; --task " + taskName
                    + " trains on images: use --model bag or patch");
        }
        if (task == TaskKind.TEXT && model != null && !model.forTexts()) {
            throw new ParameterException(cmd, "--model " + model + " is an image model; --task " + taskName
                    + " trains on texts: use --model bag, seq or sketch");
        }
        if (!patch.given().isEmpty() && task == TaskKind.TEXT) {
            throw new ParameterException(cmd, patch.given().get(0) + " applies to image tasks only (--model patch);"
                    + " --task " + taskName + " trains on texts");
        }
        ProjectionFamily imageModel = model != null ? model : imageDefault;
        if (!patch.given().isEmpty() && imageModel != ProjectionFamily.PATCH) {
            throw new ParameterException(cmd, patch.given().get(0) + " applies to --model patch only");
        }
        if (task == TaskKind.IMAGE && model == null && imageModel == ProjectionFamily.PATCH && bits != null) {
            // --bits meant the whole image's bits before the patch model became the default: say which is which.
            throw new ParameterException(cmd, "--bits on images needs --model: bag (T:d bits of the whole image) or"
                    + " patch (the default: T:d bits per patch position)");
        }
        if (!text.seq() && !text.givenSeqOnly().isEmpty()) {
            throw new ParameterException(cmd, text.givenSeqOnly().get(0) + " applies to --model seq only");
        }
        if (text.seq() && bits != null) {
            throw new ParameterException(cmd, "--bits sets the bag model's projection of the whole text; --model seq "
                    + "projects every token, with --token-bits T:d");
        }
        if (!text.sketch() && !text.givenSketchOnly().isEmpty()) {
            throw new ParameterException(cmd, text.givenSketchOnly().get(0) + " applies to --model sketch only");
        }
        String sketch = text.modelGiven() ? "--model sketch" : "the default text model, sketch,";
        if (task == TaskKind.TEXT && text.sketch() && bits != null) {
            throw new ParameterException(cmd, "--bits sets the bag model's projection of the whole text (--model bag);"
                    + " " + sketch + " hashes the text's features into --buckets B values");
        }
        if (task == TaskKind.TEXT && text.sketch() && shared.density != null) {
            throw new ParameterException(cmd, "--density sets the share of non-zero LSH projection entries (--model "
                    + "bag or seq); " + sketch + " has no projection matrix (one bucket and sign per feature)");
        }
        shared.validate(cmd, task);
    }

    /**
     * The configuration: {@code defaults} with every option given on the command line applied.
     *
     * @throws ParameterException naming the option whose value is out of range
     */
    TrainingConfig config(CommandLine cmd, TrainingConfig.Builder defaults) {
        TrainingConfig base = defaults.build();
        TrainingConfig.Builder b = base.toBuilder();
        shared.applyTo(b);
        if (bits != null) {
            b.bits(bits);
        }
        if (hidden != null) {
            b.hiddenLayers(hidden.widths());
        }
        if (projectionLearningRate != null) {
            b.projectionLearningRate(projectionLearningRate);
        }
        if (learningRateDecay != null) {
            b.learningRateDecay(learningRateDecay);
        }
        if (lambda != null) {
            b.lossWeights(lambda);
        }
        if (quantize != null) {
            b.quantization(quantize);
        } else if (qat) {
            b.quantization(ExportQuantization.INT8);
        }
        b.quantizationAware(qat);
        if (workers != null) {
            b.workers(workers);
        }
        try {
            if (base.task() == TaskKind.TEXT) {
                b.text(text.applyTo(base.text()));
            } else {
                ImageSettings.Builder image = base.image().toBuilder();
                if (text.model != null) {
                    image.model(text.model);
                }
                b.image(patch.applyTo(image).build());
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            // The configuration names its values as the options are named, so the option is the message's start.
            throw new ParameterException(cmd, "--" + e.getMessage());
        }
    }

    /**
     * The configuration of an image task on images of {@code height x width}: {@link #config}, and the patch model's
     * window, stages and map sizes checked against the image and the model format ({@link ImageSettings#checkFits}).
     *
     * @throws ParameterException naming the option whose value is out of range or does not fit the images
     */
    TrainingConfig imageConfig(CommandLine cmd, TrainingConfig.Builder defaults, int height, int width) {
        TrainingConfig config = config(cmd, defaults);
        try {
            config.image().checkFits(height, width, config.bits().totalBits());
        } catch (IllegalArgumentException e) {
            // A user who chose no model may not know the default is the patch model: say how out.
            String how = text.model == null ? " (the default model, patch: give --model bag or a smaller --window)" : "";
            throw new ParameterException(cmd, "--" + e.getMessage() + how);
        }
        return config;
    }

    /** Whether training tracks int8 activation ranges in the graph ({@code --qat --quantize int8-fixed}). */
    boolean tracksActivationRanges() {
        return qat && quantize == ExportQuantization.INT8_FIXED;
    }

    /** Whether {@code --model} or a patch model setting ({@code --window}, {@code --stride}, {@code --conv}) was given. */
    boolean imageModelChosen() {
        return text.modelGiven() || !patch.given().isEmpty();
    }

    /** Whether {@code --model patch} was given. */
    boolean patchModel() {
        return text.model == ProjectionFamily.PATCH;
    }

    /** Whether {@code --workers} was given. */
    boolean workersGiven() {
        return workers != null;
    }

    /** Whether {@code --trainer} was given (else the command picks the task's default). */
    boolean trainerGiven() {
        return shared.trainerGiven();
    }
}
