package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.data.ImageTask;
import io.github.dl4jprojection.data.text.BundledSpamAssassinSample;
import io.github.dl4jprojection.data.text.TextDataSource;
import io.github.dl4jprojection.pipeline.TextTrainingRequest;
import io.github.dl4jprojection.pipeline.TrainerKind;
import io.github.dl4jprojection.pipeline.TrainingRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;

/**
 * {@code projectionnet demo}: the whole story in a few minutes. On Fashion-MNIST (the default): joint training
 * of a CNN trainer and a 720-bit projection network, export, and the exported file run by the runtime. With
 * {@code --task spam}: an LSTM trainer and a 512-bit SGNN text projection network on the bundled SpamAssassin
 * sample (or the corpus given with {@code --data}), the exported file run on the raw test texts.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Train, export and run a projection network on Fashion-MNIST or SpamAssassin.", "",
                "Trains a CNN trainer and a 720-bit projection network jointly on Fashion-MNIST (the full set if "
                        + "installed, else the bundled sample), exports the projection network, runs the exported "
                        + "file with the runtime and prints accuracy, size, agreement and latency.",
                "With --task spam: an LSTM trainer and a 512-bit text projection network on the bundled "
                        + "SpamAssassin sample (600 e-mails), the exported file run on the raw test texts.", ""})
final class DemoCommand implements Callable<Integer> {

    /** Few epochs: the demo must finish in a few minutes on two cores. */
    static final int DEFAULT_EPOCHS = 2;
    /** The text demo's epochs: the sample is small, an epoch takes seconds. */
    static final int DEFAULT_TEXT_EPOCHS = 6;
    /** Tokens the text demo's LSTM reads per e-mail: enough for the sample's short texts, and quick. */
    static final int DEMO_MAX_TOKENS = 128;
    /** 10,000 of Fashion-MNIST's 60,000 training images: enough for a fair demo in a few minutes. */
    static final int DEFAULT_TRAIN_PER_CLASS = 1000;

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--task", paramLabel = "TASK", defaultValue = "fashion-mnist", converter = Converters.Task.class,
            description = "fashion-mnist or spam (default: ${DEFAULT-VALUE}).")
    TaskOption task;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Fashion-MNIST: folder of the IDX files (default: installed set, else the bundled sample); "
                    + "spam: the corpus tarball or folder (default: the bundled sample).")
    Path data;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs (default: " + DEFAULT_EPOCHS + ", spam " + DEFAULT_TEXT_EPOCHS + ").")
    Integer epochs;

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
        boolean spam = TaskOption.SPAM.equals(task.cliName());
        if (!spam && !ImageTask.FASHION_MNIST.cliName().equals(task.cliName())) {
            throw new ParameterException(spec.commandLine(), "--task of demo is fashion-mnist or spam, got "
                    + task.cliName());
        }
        int epochs = this.epochs != null ? this.epochs : spam ? DEFAULT_TEXT_EPOCHS : DEFAULT_EPOCHS;
        if (epochs < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs must be at least 1, got " + epochs);
        }
        if (trainPerClass < 0) {
            throw new ParameterException(spec.commandLine(), "--train-per-class must be 0 (all) or more, got " + trainPerClass);
        }
        PrintWriter o = spec.commandLine().getOut();
        TrainingRun run = spam ? spamDemo(o, epochs) : TrainingRun.execute(context, o, context.locator().locate(ImageTask.FASHION_MNIST, data, null),
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

    private TrainingRun spamDemo(PrintWriter o, int epochs) throws IOException {
        TextDataSource source = data != null ? context.textLocator().spamAssassin(data) : new BundledSpamAssassinSample();
        Path model = spec.commandLine().getParseResult().hasMatchedOption("--out") ? out
                : Paths.get("projectionnet-demo", "spam.pnet");
        return TrainingRun.executeText(context, o, source, texts -> TextTrainingRequest.builder()
                .task(TaskOption.SPAM)
                .data(texts)
                .trainer(TrainerKind.LSTM)
                .maxTokens(DEMO_MAX_TOKENS)
                .epochs(epochs)
                .seed(seed)
                .modelFile(model)
                .build());
    }
}
