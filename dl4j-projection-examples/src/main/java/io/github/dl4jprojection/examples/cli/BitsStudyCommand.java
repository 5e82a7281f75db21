package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.data.DataSplit;
import io.github.dl4jprojection.data.ImageDataSource;
import io.github.dl4jprojection.data.TrainTestImages;
import io.github.dl4jprojection.pipeline.study.FrontierCsv;
import io.github.dl4jprojection.pipeline.study.FrontierRow;
import io.github.dl4jprojection.pipeline.study.FrontierSummary;
import io.github.dl4jprojection.pipeline.study.FrontierSweep;
import io.github.dl4jprojection.pipeline.study.ImageStudyTask;
import io.github.dl4jprojection.pipeline.study.SeedSummary;
import io.github.dl4jprojection.pipeline.study.StudyMethod;
import io.github.dl4jprojection.pipeline.study.StudySettings;
import io.github.dl4jprojection.pipeline.study.StudyTask;
import io.github.dl4jprojection.pipeline.study.TextStudyTask;
import io.github.dl4jprojection.data.text.TextDataSource;
import io.github.dl4jprojection.data.text.TrainTestTexts;
import io.github.dl4jprojection.pipeline.ImageSettings;
import io.github.dl4jprojection.pipeline.LossWeights;
import io.github.dl4jprojection.pipeline.ProjectionFamily;
import io.github.dl4jprojection.pipeline.TaskKind;
import io.github.dl4jprojection.pipeline.TextSettings;
import io.github.dl4jprojection.pipeline.Trainers;
import io.github.dl4jprojection.pipeline.TrainingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code projectionnet bits-study}: the size-accuracy frontier of projection networks against small MLPs. */
@Command(name = "bits-study", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Sweep the projection's bit budget and compare, at equal exported bytes, small models.", "",
                "Trains one trainer, then for each bit budget T*d and hidden width: (a) a small MLP on the raw input "
                        + "(pixels; hashed bag of words for texts) trained alone, (b) the same MLP distilled from the "
                        + "trainer, (c) the projection network trained alone (l1 = l2 = 0), (d) the projection network "
                        + "trained with the joint loss against the trainer (frozen after its own training), and on "
                        + "image tasks (e) a small CNN (conv 3x3 - max pool - dense), on text tasks the sketch "
                        + "network (the SKETCH family: the text's count sketch into T*d buckets, the same dense "
                        + "layers) trained (f) alone and (g) jointly. The MLPs and the CNN are "
                        + "sized so that their float32 weights and biases (4 bytes each) take as many bytes as the "
                        + "projection network's; all are counted with the .pnet file's header, labels and "
                        + "configuration. Every model is measured as float32 and as int8 (the same weights "
                        + "quantized), with its time per example and multiply-accumulates.",
                "Writes DIR/TASK-frontier.csv (one row per seed), DIR/TASK-frontier-summary.csv (mean and spread "
                        + "over the seeds), DIR/TASK-accuracy-vs-{bytes,latency,bits}.png and the exported models "
                        + "in DIR/models.", ""})
final class BitsStudyCommand implements Callable<Integer> {

    /** The study's trainer of every task: a small MLP, which its image sweeps were measured with. */
    private static final String DEFAULT_TRAINER = "mlp";
    private static final int DEFAULT_EPOCHS = 5;

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder of the CSV, the plots and the models.")
    Path out;

    @Option(names = "--budgets", paramLabel = "N,...", split = ",", defaultValue = "64,128,256,512,1024,2048,4096",
            description = "Bit budgets T*d, each a multiple of --bits-per-function (default: ${DEFAULT-VALUE}).")
    int[] budgets;

    @Option(names = "--hidden", paramLabel = "N,...", split = ",", defaultValue = "0,32",
            description = "Hidden widths of the projection networks, 0 for none (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--bits-per-function", paramLabel = "d", defaultValue = "16",
            description = "d, bits per projection function; T = budget / d (default: ${DEFAULT-VALUE}).")
    int bitsPerFunction;

    @Option(names = "--trainer-epochs", paramLabel = "N",
            description = "Epochs of the trainer (default: --epochs).")
    Integer trainerEpochs;

    @Option(names = "--distill-weight", paramLabel = "l2", defaultValue = "0.1",
            description = "l2 of the distilled models (b) and (d); l3 = 1 (default: ${DEFAULT-VALUE}, the paper's).")
    double distillWeight;

    @Option(names = "--train-per-class", paramLabel = "N", defaultValue = "0",
            description = "Image tasks: train on a stratified subset of N images per class (default: 0, all).")
    int trainPerClass;

    @Option(names = "--seeds", paramLabel = "S,...", split = ",",
            description = "Run every point once per seed (trainer, projection, initialization and minibatch order); "
                    + "the summary CSV and the plots show the mean and the standard deviation (default: --seed).")
    long[] seeds;

    @Option(names = "--methods", paramLabel = "M,...", split = ",",
            description = "The students to train: mlp-alone, mlp-distilled, projection-alone, projection-joint, "
                    + "cnn-alone (images), sketch-alone, sketch-joint (texts); at least one exported network "
                    + "(projection or sketch), to which the baselines are sized (default: all of the task's).")
    String[] methods;

    @Option(names = "--replot", description = "Only re-write the summary CSV and re-draw the plots from "
            + "DIR/TASK-frontier.csv of an earlier run (or of several, concatenated).")
    boolean replot;

    @Mixin
    SharedTrainingOptions training;

    @Mixin
    TextOptions text;

    BitsStudyCommand(CliContext context) {
        this.context = context;
    }

    /** Checks what picocli cannot; wrong values are usage errors (exit code 2). */
    StudySettings validate() {
        CommandLine cmd = spec.commandLine();
        dataOptions.validate(cmd);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ParameterException(cmd, "--out must be a folder, but " + out + " is a file");
        }
        if (trainPerClass < 0) {
            throw new ParameterException(cmd, "--train-per-class must be 0 (all) or more, got " + trainPerClass);
        }
        TaskKind task = dataOptions.task.kind();
        training.validate(cmd, task);
        if (task == TaskKind.TEXT) {
            if (training.trainerGiven() && !training.trainer.equals(DEFAULT_TRAINER)) {
                throw new ParameterException(cmd, "--trainer " + training.trainer
                        + ": the text study trains a bag-of-words mlp");
            }
            List<String> otherModels = new ArrayList<>(text.givenSeqOnly());
            otherModels.addAll(text.givenSketchOnly());
            if (text.model != null || !otherModels.isEmpty()) {
                throw new ParameterException(cmd, (text.model != null ? "--model" : otherModels.get(0))
                        + ": the bits study picks its models with --methods (the seq model is not in it yet; the"
                        + " sketch's buckets are the budgets)");
            }
            if (!text.givenLstmOnly().isEmpty()) {
                throw new ParameterException(cmd, text.givenLstmOnly().get(0)
                        + " applies to the lstm trainer; the text study trains a bag-of-words mlp");
            }
            if (trainPerClass != 0) {
                throw new ParameterException(cmd, "--train-per-class applies to image tasks only");
            }
        } else if (!text.given().isEmpty()) {
            throw new ParameterException(cmd, text.given().get(0) + " applies to text tasks only");
        }
        try {
            TrainingConfig.Builder b = TrainingConfig.builder(task).trainer(DEFAULT_TRAINER).epochs(DEFAULT_EPOCHS)
                    .lossWeights(new LossWeights(1.0, distillWeight, 1.0));
            training.applyTo(b);
            if (task == TaskKind.TEXT) {
                // The bag model's settings: the sketch methods take theirs from the budgets, not from the config.
                b.text(text.applyTo(TextSettings.defaults().toBuilder().model(ProjectionFamily.BAG).build()));
            } else {
                // The study's image students are whole-image projections, with the bag's defaults (density 1/4).
                b.image(ImageSettings.builder().model(ProjectionFamily.BAG).build());
            }
            StudySettings.Builder settings = StudySettings.builder(b.build()).budgets(budgets).hidden(hidden)
                    .bitsPerFunction(bitsPerFunction);
            if (trainerEpochs != null) {
                settings.trainerEpochs(trainerEpochs);
            }
            if (methods != null) {
                settings.methods(methods(cmd, task));
            }
            if (seeds != null) {
                if (training.seed != null) {
                    throw new ParameterException(cmd, "--seed and --seeds: give one of them");
                }
                settings.seeds(seeds);
            }
            return settings.build();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            // Both builders name the options, but l2 is --distill-weight here, not the train command's --lambda.
            throw new ParameterException(cmd, message.startsWith("l2 ") ? "--distill-weight" + message.substring(2)
                    : "--" + message);
        }
    }

    /** The --methods of this task: each a known student's CSV name, and one the task has. */
    private StudyMethod[] methods(CommandLine cmd, TaskKind task) {
        StudyMethod[] parsed = new StudyMethod[methods.length];
        for (int i = 0; i < methods.length; i++) {
            StudyMethod m = StudyMethod.ofCsvName(methods[i]);
            if (m == null || m == StudyMethod.TRAINER) {
                throw new ParameterException(cmd, "--methods: unknown student '" + methods[i] + "'; see --help");
            }
            if (m.sketch() && task != TaskKind.TEXT) {
                throw new ParameterException(cmd, "--methods " + methods[i] + ": sketch networks are text models; "
                        + "the image study has none");
            }
            if (m == StudyMethod.CNN_ALONE && task == TaskKind.TEXT) {
                throw new ParameterException(cmd, "--methods " + methods[i] + " applies to image tasks only");
            }
            parsed[i] = m;
        }
        return parsed;
    }

    @Override
    public Integer call() throws Exception {
        StudySettings settings = validate();
        PrintWriter o = spec.commandLine().getOut();
        if (replot) {
            String task = dataOptions.task.cliName();
            Path csv = FrontierSweep.csvFile(out, task);
            if (!Files.isRegularFile(csv)) {
                throw new CommandFailedException("--replot: no " + csv + " to draw from; run the study first");
            }
            List<FrontierRow> rows = FrontierCsv.read(csv);
            FrontierCsv.writeSummary(SeedSummary.of(rows), FrontierSweep.summaryFile(out, task));
            FrontierSweep.plot(rows, task, out);
            o.print(FrontierSummary.markdown(rows));
            printPlots(o, task);
            return ProjectionNetCli.EXIT_OK;
        }
        StudyTask task = dataOptions.task.isText() ? textTask(settings) : imageTask(settings);
        Files.createDirectories(out);
        List<FrontierRow> rows = new FrontierSweep(task, settings, out, o).run();
        o.print(FrontierSummary.markdown(rows));
        o.println("Wrote " + rows.size() + " rows to " + FrontierSweep.csvFile(out, task.name()) + " and their mean "
                + "and spread over the seeds to " + FrontierSweep.summaryFile(out, task.name()));
        printPlots(o, task.name());
        return ProjectionNetCli.EXIT_OK;
    }

    private void printPlots(PrintWriter o, String task) {
        o.println("Plots: " + FrontierSweep.bytesPlot(out, task) + ", " + FrontierSweep.latencyPlot(out, task) + ", "
                + FrontierSweep.bitsPlot(out, task));
    }

    private StudyTask imageTask(StudySettings settings) throws IOException {
        ImageDataSource source = dataOptions.locate(context.locator());
        source.checkAvailable(DataSplit.TRAIN, DataSplit.TEST);
        // No "Data:" line: the sweep's "Study:" line names the data once it is loaded.
        TrainTestImages data = TrainTestImages.load(source);
        if (trainPerClass > 0) {
            data = data.withTrainingSubset(trainPerClass, TrainingRun.SUBSET_SEED);
        }
        int pixelMax = settings.training().pixelMax();
        TrainingRun.checkPixelRange(spec.commandLine().getOut(), pixelMax, data.train());
        return new ImageStudyTask(dataOptions.task.cliName(), data, Trainers.image(settings.training().trainer()),
                pixelMax);
    }

    private StudyTask textTask(StudySettings settings) throws IOException {
        TextDataSource source = dataOptions.locateTexts(context.textLocator(), null);
        TrainTestTexts data = source.load();
        if (data.train().isEmpty() || data.test().isEmpty()) {
            throw new CommandFailedException(source.description() + " has " + data.train().size() + " training and "
                    + data.test().size() + " test texts; both are needed");
        }
        return new TextStudyTask(dataOptions.task.cliName(), data, settings.training().text());
    }
}
