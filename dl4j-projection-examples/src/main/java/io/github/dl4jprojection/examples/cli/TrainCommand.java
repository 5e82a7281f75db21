package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.pipeline.ClusterSettings;
import io.github.dl4jprojection.pipeline.ExportTime;
import io.github.dl4jprojection.pipeline.ImageSettings;
import io.github.dl4jprojection.pipeline.OutputFiles;
import io.github.dl4jprojection.pipeline.ProjectionFamily;
import io.github.dl4jprojection.pipeline.TaskKind;
import io.github.dl4jprojection.pipeline.Trainers;
import io.github.dl4jprojection.pipeline.TrainingBackend;
import io.github.dl4jprojection.pipeline.TrainingConfig;
import io.github.dl4jprojection.pipeline.TrainingJob;
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

/**
 * {@code projectionnet train}: joint training (here or on Spark), export, runtime check, optional report (JSON,
 * training curves and confusion matrix: {@link ReportFiles}).
 */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Train a projection network jointly with a trainer and export it.", "",
                "Trains a trainer network and a projection network jointly, exports the projection network to "
                        + "MODEL and checks the exported file with the runtime on the test split.",
                "Text tasks (spam, fortunes, text): the trainer is an LSTM over token ids (or an MLP over a hashed bag of "
                        + "words), the projection network reads the SGNN text projection bits.",
                "With --spark MASTER the epochs are fitted on Apache Spark; every other option means the same.", ""})
final class TrainCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    TrainingOptions training;

    @Mixin
    SparkOptions spark;

    @Option(names = "--test", paramLabel = "FILE",
            description = "Text task: a separate file of test texts (then --data is the training file, used whole).")
    Path test;

    @Option(names = "--train-per-class", paramLabel = "N", defaultValue = "0",
            description = "Train on a stratified subset of N images per class (default: 0, all of them).")
    int trainPerClass;

    @Option(names = "--out", paramLabel = "MODEL", required = true, description = "Model file to write, e.g. model.pnet.")
    Path out;

    @Option(names = "--report", paramLabel = "FILE", description = ReportFiles.TRAINING_HELP)
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
        TaskKind task = dataOptions.task.kind();
        training.validate(cmd, task, dataOptions.task.cliName(), ImageSettings.DEFAULT_MODEL);
        if (spark.settings(cmd) != null && training.workersGiven()) {
            throw new ParameterException(cmd, "--workers splits training over this machine's cores; with --spark "
                    + "the Spark executors are the workers");
        }
        if (spark.settings(cmd) != null && training.tracksActivationRanges()) {
            throw new ParameterException(cmd, "--qat --quantize int8-fixed tracks the hidden layers' ranges in one "
                    + "graph, which --spark's executors would keep in their copies; train it without --spark");
        }
        if (trainPerClass < 0) {
            throw new ParameterException(cmd, "--train-per-class must be 0 (all) or more, got " + trainPerClass);
        }
        if (Files.isDirectory(out)) {
            throw new ParameterException(cmd, "--out must be a file to write, but " + out + " is a folder");
        }
        OutputPaths.requireWritable(cmd, "--out", out);
        if (report != null) {
            ReportFiles.of(report).requireWritable(cmd, true);
        }
        requireDistinct(cmd);
        if (resume && checkpoint == null) {
            throw new ParameterException(cmd, "--resume needs --checkpoint DIR, the folder of an earlier run's checkpoints");
        }
        if (checkpoint != null && Files.exists(checkpoint) && !Files.isDirectory(checkpoint)) {
            throw new ParameterException(cmd, "--checkpoint must be a folder, but " + checkpoint + " is a file");
        }
        if (task == TaskKind.TEXT) {
            if (trainPerClass != 0) {
                throw new ParameterException(cmd, "--train-per-class applies to image tasks only");
            }
            if (test != null && (dataOptions.data == null || !TaskOption.TEXT.equals(dataOptions.task.cliName()))) {
                throw new ParameterException(cmd, "--test FILE needs --task text and --data TRAIN_FILE");
            }
        } else if (test != null) {
            throw new ParameterException(cmd, "--test applies to --task text only");
        }
    }

    /** No output may overwrite another: the model, the report's files and the checkpoint file are different files. */
    private void requireDistinct(CommandLine cmd) {
        ReportFiles files = report == null ? null : ReportFiles.of(report);
        OutputPaths.requireDistinct(cmd, new Path[] {out, report, files == null ? null : files.curves(),
            files == null ? null : files.confusion(), checkpoint == null ? null : checkpoint.resolve("checkpoint.zip")},
                new String[] {"--out", "--report", "--report's training curves", "--report's confusion matrix",
                    "--checkpoint's checkpoint.zip"});
    }

    @Override
    public Integer call() throws Exception {
        validate();
        try {
            ExportTime.fromEnvironment();
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(e.getMessage() + " (the exported model's creation time); unset it or "
                    + "give whole seconds");
        }
        if (resume && !Files.isDirectory(checkpoint)) {
            throw new CommandFailedException("nothing to resume: the checkpoint folder " + checkpoint + " does not exist");
        }
        CommandLine cmd = spec.commandLine();
        PrintWriter o = cmd.getOut();
        ClusterSettings cluster = spark.settings(cmd);
        TrainingBackend backend = cluster == null ? context.backends().training() : context.backends().cluster(cluster);
        OutputFiles files = OutputFiles.of(out, checkpoint, resume);
        String taskName = dataOptions.task.cliName();
        TrainingRun run;
        if (dataOptions.task.isText()) {
            run = TrainingRun.texts(context, o, dataOptions.locateTexts(context.textLocator(), test), backend,
                    texts -> TrainingJob.texts(training.config(cmd, TrainingConfig.builder(TaskKind.TEXT)), texts,
                            taskName, files));
        } else {
            run = TrainingRun.images(context, o, dataOptions.locate(context.locator()), trainPerClass, backend,
                    images -> TrainingJob.images(training.imageConfig(cmd, imageDefaults(o, training,
                            images.train().height(), images.train().width()), images.train().height(),
                            images.train().width()), images, taskName, files));
        }
        ResultTable.print(o, run);
        if (report != null) {
            ReportFiles.of(report).writeTraining(run, o);
        }
        return ProjectionNetCli.EXIT_OK;
    }

    /**
     * The image defaults for images of {@code height x width}: the CNN, or the MLP (with a note) when the images are
     * too small for it and no trainer was asked for; the patch model, or the bag model (with a note) when the images
     * are too small for the default patch model and no model or patch setting was asked for.
     */
    static TrainingConfig.Builder imageDefaults(PrintWriter out, TrainingOptions options, int height, int width) {
        TrainingConfig.Builder defaults = TrainingConfig.builder(TaskKind.IMAGE);
        String trainer = Trainers.defaultImageTrainer(height, width);
        if (!options.trainerGiven() && !trainer.equals(Trainers.defaultName(TaskKind.IMAGE))) {
            out.println("Note: " + height + "x" + width + " images are too small for the cnn trainer; training the "
                    + trainer + " trainer (choose one with --trainer)");
            defaults.trainer(trainer);
        }
        if (!options.imageModelChosen() && !ImageSettings.defaults().fits(height, width,
                ImageSettings.DEFAULT_PATCH_BITS.totalBits())) {
            out.println("Note: " + height + "x" + width + " images are too small for the patch model's default "
                    + ImageSettings.DEFAULT_WINDOW + "x" + ImageSettings.DEFAULT_WINDOW + " patches and "
                    + ImageSettings.DEFAULT_CONV + " stage; training the bag model (choose one with --model)");
            defaults.image(ImageSettings.builder().model(ProjectionFamily.BAG).build());
        }
        return defaults;
    }
}
