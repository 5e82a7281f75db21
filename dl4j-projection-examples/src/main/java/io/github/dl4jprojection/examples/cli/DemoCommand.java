package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.examples.data.ImageTask;
import io.github.dl4jprojection.examples.workflow.TrainerKind;
import io.github.dl4jprojection.examples.workflow.TrainingRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code projectionnet demo}: the whole story on Fashion-MNIST in a few minutes: joint training of a
 * CNN trainer and a 720-bit projection network, export, and the exported file run by the runtime.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Train, export and run a projection network on Fashion-MNIST.", "",
                "Trains a CNN trainer and a 720-bit projection network jointly on Fashion-MNIST (the full set if "
                        + "installed, else the bundled sample), exports the projection network, runs the exported "
                        + "file with the runtime and prints accuracy, size, agreement and latency.", ""})
final class DemoCommand implements Callable<Integer> {

    /** Few epochs: the demo must finish in a few minutes on two cores. */
    static final int DEFAULT_EPOCHS = 2;
    /** 10,000 of Fashion-MNIST's 60,000 training images: enough for a fair demo in a few minutes. */
    static final int DEFAULT_TRAIN_PER_CLASS = 1000;

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder of the Fashion-MNIST IDX files (default: installed set, else the bundled sample).")
    Path data;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + DEFAULT_EPOCHS,
            description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--train-per-class", paramLabel = "N", defaultValue = "" + DEFAULT_TRAIN_PER_CLASS,
            description = "Train on N images per class (a stratified subset, so the demo stays short; 0: all; "
                    + "default: ${DEFAULT-VALUE}). The test set is always whole.")
    int trainPerClass;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "MODEL", defaultValue = "projectionnet-demo/fashion-mnist.pnet",
            description = "Where to write the exported model (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON report of sizes and accuracies.")
    Path report;

    DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (epochs < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs must be at least 1, got " + epochs);
        }
        if (trainPerClass < 0) {
            throw new ParameterException(spec.commandLine(), "--train-per-class must be 0 (all) or more, got " + trainPerClass);
        }
        PrintWriter o = spec.commandLine().getOut();
        TrainingRun run = TrainingRun.execute(context, o, context.locator().locate(ImageTask.FASHION_MNIST, data, null),
                trainPerClass,
                images -> TrainingRequest.builder()
                        .task(ImageTask.FASHION_MNIST)
                        .data(images)
                        .trainer(TrainerKind.CNN)
                        .epochs(epochs)
                        .seed(seed)
                        .modelFile(out)
                        .build());
        ResultTable.print(o, run);
        if (report != null) {
            RunReportWriter.write(run.report(), report);
            o.println("Report written to " + report);
        }
        return ProjectionNetCli.EXIT_OK;
    }
}
