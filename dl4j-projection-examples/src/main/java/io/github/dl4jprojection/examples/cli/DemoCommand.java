package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.data.ImageTask;
import io.github.dl4jprojection.data.text.BundledSpamAssassinSample;
import io.github.dl4jprojection.data.text.FortunesCorpus;
import io.github.dl4jprojection.data.text.TextDataSource;
import io.github.dl4jprojection.pipeline.ImageSettings;
import io.github.dl4jprojection.pipeline.OutputFiles;
import io.github.dl4jprojection.pipeline.ProjectionBits;
import io.github.dl4jprojection.pipeline.ProjectionFamily;
import io.github.dl4jprojection.pipeline.TaskKind;
import io.github.dl4jprojection.pipeline.TextSettings;
import io.github.dl4jprojection.pipeline.TrainingConfig;
import io.github.dl4jprojection.pipeline.TrainingJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;

/**
 * {@code projectionnet demo}: the whole story in a few minutes. On Fashion-MNIST (the default): joint training
 * of an MLP trainer and a 1024-bit projection network on all 60,000 training images, export, and the exported file
 * run by the runtime on the 10,000 test images. The settings were chosen by measurement (docs/RESULTS.md, the demo's
 * table of candidates): the projection network above 84 % within 3 minutes on two idle cores. With
 * {@code --task spam}: the text defaults (an MLP trainer and a 4,096-bucket count-sketch model) on the bundled SpamAssassin
 * sample (or the corpus given with {@code --data}), the exported file run on the raw test texts; with
 * {@code --task fortunes} the same on the fortune files of the Debian package {@code fortunes} (16 categories).
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Train, export and run a projection network on Fashion-MNIST, SpamAssassin or fortunes.", "",
                "Trains an MLP trainer and a 1024-bit projection network (64:16, no hidden layer) jointly on "
                        + "Fashion-MNIST (all 60,000 training images if installed, else the bundled sample) for "
                        + DemoCommand.DEFAULT_EPOCHS + " epochs, exports the projection network, runs the exported "
                        + "file with the runtime on the whole test set and prints accuracy, size, agreement and "
                        + "latency, then what it means and the files written.",
                "With --task spam: an MLP trainer and a 4,096-bucket count-sketch text model on the bundled "
                        + "SpamAssassin sample (600 e-mails), the exported file run on the raw test texts.",
                "With --task fortunes: the same on the fortune cookies of the Debian package fortunes "
                        + "(16 categories, about 7,000 texts; apt-get install fortunes).", ""})
final class DemoCommand implements Callable<Integer> {

    /** Epochs of the image demo: 84.46 % for the projection network, in about 2 minutes on two idle cores. */
    static final int DEFAULT_EPOCHS = 5;
    /** The image demo's trainer: the CNN's epochs cost 30 times the MLP's, for a projection network no better. */
    static final String DEFAULT_TRAINER = "mlp";
    /** The image demo's bits: 1024 (T = 64, d = 16); 720 bits stay below 84 % in 3 minutes. */
    static final ProjectionBits DEFAULT_BITS = new ProjectionBits(64, 16);
    /** The text demo's epochs: the sample is small, an epoch takes seconds. */
    static final int DEFAULT_TEXT_EPOCHS = 6;
    /** Tokens per e-mail of the text demo with {@code --trainer lstm} or {@code --model seq}: enough for the sample. */
    static final int DEMO_MAX_TOKENS = 128;
    /** All training images: with the MLP trainer, the whole of Fashion-MNIST fits in the demo's minutes. */
    static final int DEFAULT_TRAIN_PER_CLASS = 0;

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--task", paramLabel = "TASK", defaultValue = "fashion-mnist", converter = Converters.Task.class,
            description = "fashion-mnist, spam or fortunes (default: ${DEFAULT-VALUE}).")
    TaskOption task;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Fashion-MNIST: folder of the IDX files (default: installed set, else the bundled sample); "
                    + "spam: the corpus tarball or folder (default: the bundled sample); fortunes: the folder of "
                    + "the fortune files (default: " + FortunesCorpus.DEFAULT_DIR + ").")
    Path data;

    @Mixin
    TrainingOptions training;

    @Option(names = "--train-per-class", paramLabel = "N", defaultValue = "" + DEFAULT_TRAIN_PER_CLASS,
            description = "Train on N images per class (a stratified subset, for a shorter demo; 0: all; "
                    + "default: ${DEFAULT-VALUE}). The test set is always whole.")
    int trainPerClass;

    @Option(names = "--out", paramLabel = "MODEL", defaultValue = "projectionnet-demo/fashion-mnist.pnet",
            description = "Where to write the exported model (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--report", paramLabel = "FILE", description = ReportFiles.TRAINING_HELP)
    Path report;

    DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = spec.commandLine();
        boolean text = TaskOption.SPAM.equals(task.cliName()) || TaskOption.FORTUNES.equals(task.cliName());
        if (!text && !ImageTask.FASHION_MNIST.cliName().equals(task.cliName())) {
            throw new ParameterException(cmd, "--task of demo is fashion-mnist, spam or fortunes, got " + task.cliName());
        }
        training.validate(cmd, task.kind(), task.cliName(), ProjectionFamily.BAG);
        if (trainPerClass < 0) {
            throw new ParameterException(cmd, "--train-per-class must be 0 (all) or more, got " + trainPerClass);
        }
        if (report != null) {
            ReportFiles files = ReportFiles.of(report);
            files.requireWritable(cmd, true);
            OutputPaths.requireDistinct(cmd, new Path[] {modelFile(text), report, files.curves(), files.confusion()},
                    new String[] {"--out", "--report", "--report's training curves", "--report's confusion matrix"});
        }
        PrintWriter o = cmd.getOut();
        OutputFiles files = OutputFiles.model(modelFile(text));
        TrainingRun run;
        if (text) {
            TextDataSource source = TaskOption.FORTUNES.equals(task.cliName()) ? context.textLocator().fortunes(data)
                    : data != null ? context.textLocator().spamAssassin(data) : new BundledSpamAssassinSample();
            TrainingConfig.Builder defaults = TrainingConfig.builder(TaskKind.TEXT).epochs(DEFAULT_TEXT_EPOCHS)
                    .text(TextSettings.builder().maxTokens(DEMO_MAX_TOKENS).build());
            run = TrainingRun.texts(context, o, source, context.backends().training(),
                    texts -> TrainingJob.texts(training.config(cmd, defaults), texts, task.cliName(), files));
        } else {
            run = TrainingRun.images(context, o, context.locator().locate(ImageTask.FASHION_MNIST, data, null),
                    trainPerClass, context.backends().training(), images -> TrainingJob.images(
                            training.imageConfig(cmd, TrainingConfig.builder(TaskKind.IMAGE).epochs(DEFAULT_EPOCHS)
                                    // The demo's measured model, the bag, unless --model patch is given.
                                    .image(ImageSettings.builder().model(ProjectionFamily.BAG).build())
                                    // The demo's wider whole-image projection; a patch model keeps its bits per patch.
                                    .trainer(DEFAULT_TRAINER).bits(training.patchModel() ? null : DEFAULT_BITS),
                                    images.train().height(), images.train().width()),
                            images, ImageTask.FASHION_MNIST.cliName(), files));
        }
        ResultTable.print(o, run);
        ReportFiles reportFiles = report == null ? null : ReportFiles.of(report);
        if (reportFiles != null) {
            reportFiles.writeTraining(run, o);
        }
        DemoVerdict.print(o, run, text ? "text" : "image", reportFiles, task.cliName());
        return ProjectionNetCli.EXIT_OK;
    }

    /** The image demo writes --out; a text demo its own default (TASK.pnet) unless --out is given. */
    private Path modelFile(boolean text) {
        return text && !spec.commandLine().getParseResult().hasMatchedOption("--out")
                ? Paths.get("projectionnet-demo", task.cliName() + ".pnet") : out;
    }
}
