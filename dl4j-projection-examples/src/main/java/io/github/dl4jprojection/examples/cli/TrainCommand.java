package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.examples.workflow.ExportQuantization;
import io.github.dl4jprojection.examples.workflow.LossWeights;
import io.github.dl4jprojection.examples.workflow.ProjectionBits;
import io.github.dl4jprojection.examples.workflow.ProjectionDensity;
import io.github.dl4jprojection.examples.workflow.TrainerKind;
import io.github.dl4jprojection.examples.workflow.TrainingRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code projectionnet train}: joint training, export, runtime check, optional JSON report. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Train a projection network jointly with a trainer and export it.", "",
                "Trains a trainer network and a projection network jointly, exports the projection network to "
                        + "MODEL and checks the exported file with the runtime on the test split.", ""})
final class TrainCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--trainer", paramLabel = "cnn|mlp", defaultValue = "cnn", converter = Converters.Trainer.class,
            description = "Trainer network (default: ${DEFAULT-VALUE}).")
    TrainerKind trainer;

    @Option(names = "--bits", paramLabel = "T:d", defaultValue = "60:12", converter = Converters.Bits.class,
            description = "T projection functions of d bits each (default: ${DEFAULT-VALUE}, 720 bits).")
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
            description = "Images per minibatch (default: ${DEFAULT-VALUE}).")
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
    }

    @Override
    public Integer call() throws Exception {
        validate();
        if (resume && !Files.isDirectory(checkpoint)) {
            throw new CommandFailedException("nothing to resume: the checkpoint folder " + checkpoint + " does not exist");
        }
        PrintWriter o = spec.commandLine().getOut();
        TrainingRun run = TrainingRun.execute(context, o, dataOptions.locate(context.locator()), trainPerClass, data -> TrainingRequest.builder()
                .task(dataOptions.task)
                .data(data)
                .trainer(trainer)
                .bits(bits)
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
        ResultTable.print(o, run);
        if (report != null) {
            RunReportWriter.write(run.report(), report);
            o.println("Report written to " + report);
        }
        return ProjectionNetCli.EXIT_OK;
    }
}
