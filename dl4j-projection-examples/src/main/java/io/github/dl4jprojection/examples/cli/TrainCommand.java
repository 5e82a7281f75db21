package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.pipeline.ExportQuantization;
import io.github.dl4jprojection.pipeline.LossWeights;
import io.github.dl4jprojection.pipeline.ProjectionBits;
import io.github.dl4jprojection.pipeline.ProjectionDensity;
import io.github.dl4jprojection.pipeline.SequencePooling;
import io.github.dl4jprojection.pipeline.TextTrainingRequest;
import io.github.dl4jprojection.pipeline.TrainerKind;
import io.github.dl4jprojection.pipeline.TrainingRequest;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code projectionnet train}: joint training, export, runtime check, optional JSON report. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Train a projection network jointly with a trainer and export it.", "",
                "Trains a trainer network and a projection network jointly, exports the projection network to "
                        + "MODEL and checks the exported file with the runtime on the test split.",
                "Text tasks (spam, text): the trainer is an LSTM over token ids (or an MLP over a hashed bag of "
                        + "words), the projection network reads the SGNN text projection bits.", ""})
final class TrainCommand implements Callable<Integer> {

    static final String IMAGE_BITS = "60:12";
    static final String TEXT_BITS = "32:16";

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--test", paramLabel = "FILE",
            description = "Text task: a separate file of test texts (then --data is the training file, used whole).")
    Path test;

    @Option(names = "--trainer", paramLabel = "cnn|mlp|lstm", converter = Converters.Trainer.class,
            description = "Trainer network: images cnn (default) or mlp; texts lstm (default: embeddings, LSTM, "
                    + "pooling over the tokens) or mlp (over a hashed bag of word unigrams and bigrams).")
    TrainerKind trainer;

    @Option(names = "--features", paramLabel = "KEY=VALUE,...", converter = Converters.Features.class,
            description = "Text tasks: text featurizer settings overriding the defaults (docs/TEXT.md), keys "
                    + FeaturizerOption.KEYS + "; e.g. words=2,skip=0,chars=none (default: words=2,skip=1,"
                    + "chars=3-4,weighting=count).")
    FeaturizerConfig features;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "" + TextTrainingRequest.DEFAULT_MAX_TOKENS,
            description = "Text tasks, lstm trainer: tokens read per text, the rest is cut off (default: "
                    + "${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--pooling", paramLabel = "max|avg", defaultValue = "avg", converter = Converters.Pooling.class,
            description = "Text tasks, lstm trainer: pooling of the LSTM outputs over the tokens (default: "
                    + "${DEFAULT-VALUE}).")
    SequencePooling pooling;

    @Option(names = "--bits", paramLabel = "T:d", converter = Converters.Bits.class,
            description = "T projection functions of d bits each (default: " + IMAGE_BITS + " for images, "
                    + TEXT_BITS + " for texts).")
    ProjectionBits bits;

    @Option(names = "--density", paramLabel = "1/2^k", defaultValue = "1/4", converter = Converters.Density.class,
            description = "Share of non-zero projection entries: 1, 1/2, ..., 1/64 (default: ${DEFAULT-VALUE}).")
    ProjectionDensity density;

    @Option(names = "--hidden", paramLabel = "N,...", defaultValue = "none", converter = Converters.Hidden.class,
            description = "Hidden layer widths of the projection network, or none (default: ${DEFAULT-VALUE}).")
    HiddenLayers hidden;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
            description = "Examples per minibatch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lambda", paramLabel = "l1,l2,l3", defaultValue = "1.0,0.1,1.0", converter = Converters.Lambda.class,
            description = "Loss weights: l1 trainer vs labels, l2 projection vs trainer, l3 projection vs labels "
                    + "(default: ${DEFAULT-VALUE}, the paper's).")
    LossWeights lambda;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train-per-class", paramLabel = "N", defaultValue = "0",
            description = "Train on a stratified subset of N images per class (default: 0, all of them).")
    int trainPerClass;

    @Option(names = "--quantize", paramLabel = "int8", converter = Converters.Quantize.class,
            description = "Store the exported weights as 8-bit integers (default: float32).")
    ExportQuantization quantize;

    @Option(names = "--out", paramLabel = "MODEL", required = true, description = "Model file to write, e.g. model.pnet.")
    Path out;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON report of sizes and accuracies.")
    Path report;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "Save a checkpoint after every epoch in DIR.")
    Path checkpoint;

    @Option(names = "--resume", description = "Continue from the last checkpoint in --checkpoint DIR.")
    boolean resume;

    TrainCommand(CliContext context) {
        this.context = context;
    }

    /** Checks what picocli cannot; wrong values are usage errors (exit code 2). */
    void validate() {
        CommandLine cmd = spec.commandLine();
        dataOptions.validate(cmd);
        if (epochs < 1) {
            throw new ParameterException(cmd, "--epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new ParameterException(cmd, "--batch-size must be at least 1, got " + batchSize);
        }
        if (trainPerClass < 0) {
            throw new ParameterException(cmd, "--train-per-class must be 0 (all) or more, got " + trainPerClass);
        }
        if (Files.isDirectory(out)) {
            throw new ParameterException(cmd, "--out must be a file to write, but " + out + " is a folder");
        }
        if (resume && checkpoint == null) {
            throw new ParameterException(cmd, "--resume needs --checkpoint DIR, the folder of an earlier run's checkpoints");
        }
        if (checkpoint != null && Files.exists(checkpoint) && !Files.isDirectory(checkpoint)) {
            throw new ParameterException(cmd, "--checkpoint must be a folder, but " + checkpoint + " is a file");
        }
        if (maxTokens < 1) {
            throw new ParameterException(cmd, "--max-tokens must be at least 1, got " + maxTokens);
        }
        if (dataOptions.task.isText()) {
            if (trainer == TrainerKind.CNN) {
                throw new ParameterException(cmd, "--trainer cnn applies to image tasks; text tasks train lstm or mlp");
            }
            if (trainPerClass != 0) {
                throw new ParameterException(cmd, "--train-per-class applies to image tasks only");
            }
            if (test != null && (dataOptions.data == null || !TaskOption.TEXT.equals(dataOptions.task.cliName()))) {
                throw new ParameterException(cmd, "--test FILE needs --task text and --data TRAIN_FILE");
            }
        } else {
            if (test != null) {
                throw new ParameterException(cmd, "--test applies to --task text only");
            }
            if (trainer == TrainerKind.LSTM) {
                throw new ParameterException(cmd, "--trainer lstm applies to text tasks; image tasks train cnn or mlp");
            }
            if (features != null) {
                throw new ParameterException(cmd, "--features applies to text tasks only");
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        validate();
        if (resume && !Files.isDirectory(checkpoint)) {
            throw new CommandFailedException("nothing to resume: the checkpoint folder " + checkpoint + " does not exist");
        }
        PrintWriter o = spec.commandLine().getOut();
        TrainingRun run = dataOptions.task.isText() ? trainText(o) : trainImages(o);
        ResultTable.print(o, run);
        if (report != null) {
            RunReportWriter.write(run.report(), report);
            o.println("Report written to " + report);
        }
        return ProjectionNetCli.EXIT_OK;
    }

    private TrainingRun trainText(PrintWriter o) throws IOException {
        ProjectionBits textBits = bits != null ? bits : ProjectionBits.parse(TEXT_BITS);
        return TrainingRun.executeText(context, o, dataOptions.locateTexts(context.textLocator(), test),
                data -> TextTrainingRequest.builder()
                        .task(dataOptions.task.cliName())
                        .data(data)
                        .featurizer(features != null ? features : FeaturizerConfig.defaults())
                        .trainer(trainer != null ? trainer : TrainerKind.LSTM)
                        .maxTokens(maxTokens)
                        .pooling(pooling)
                        .bits(textBits)
                        .density(density)
                        .hiddenLayers(hidden.widths())
                        .epochs(epochs)
                        .batchSize(batchSize)
                        .lossWeights(lambda)
                        .seed(seed)
                        .quantization(quantize == null ? ExportQuantization.NONE : quantize)
                        .modelFile(out)
                        .checkpointDir(checkpoint)
                        .resume(resume)
                        .build());
    }

    private TrainingRun trainImages(PrintWriter o) throws IOException {
        return TrainingRun.execute(context, o, dataOptions.locate(context.locator()), trainPerClass, data -> TrainingRequest.builder()
                .task(dataOptions.task.image())
                .data(data)
                .trainer(trainer != null ? trainer : TrainerKind.CNN)
                .bits(bits != null ? bits : ProjectionBits.parse(IMAGE_BITS))
                .density(density)
                .hiddenLayers(hidden.widths())
                .epochs(epochs)
                .batchSize(batchSize)
                .lossWeights(lambda)
                .seed(seed)
                .quantization(quantize == null ? ExportQuantization.NONE : quantize)
                .modelFile(out)
                .checkpointDir(checkpoint)
                .resume(resume)
                .build());
    }
}
