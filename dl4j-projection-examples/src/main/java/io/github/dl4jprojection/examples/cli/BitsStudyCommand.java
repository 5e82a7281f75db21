package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.data.DataSplit;
import io.github.dl4jprojection.data.ImageDataSource;
import io.github.dl4jprojection.data.TrainTestImages;
import io.github.dl4jprojection.pipeline.study.FrontierCsv;
import io.github.dl4jprojection.pipeline.study.FrontierRow;
import io.github.dl4jprojection.pipeline.study.FrontierSummary;
import io.github.dl4jprojection.pipeline.study.FrontierSweep;
import io.github.dl4jprojection.pipeline.study.ImageStudyTask;
import io.github.dl4jprojection.pipeline.study.StudySettings;
import io.github.dl4jprojection.pipeline.study.StudyTask;
import io.github.dl4jprojection.pipeline.study.TextStudyTask;
import io.github.dl4jprojection.data.text.TextDataSource;
import io.github.dl4jprojection.data.text.TrainTestTexts;
import io.github.dl4jprojection.pipeline.ProjectionDensity;
import io.github.dl4jprojection.pipeline.ImageTrainer;
import io.github.dl4jprojection.pipeline.Trainers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        description = {"Sweep the projection's bit budget and compare, at equal exported bytes, four small models.", "",
                "Trains one trainer, then for each bit budget T*d and hidden width: (a) a small MLP on the raw input "
                        + "(pixels; hashed bag of words for texts) trained alone, (b) the same MLP distilled from the "
                        + "trainer, (c) the projection network trained alone (l1 = l2 = 0), (d) the projection network "
                        + "trained with the joint loss against the trainer (frozen after its own training). The MLPs are "
                        + "sized so that their float32 weights and biases (4 bytes each) take as many bytes as the "
                        + "projection network's; both are counted with the .pnet file's header, labels and "
                        + "configuration.",
                "Writes DIR/TASK-frontier.csv, DIR/TASK-accuracy-vs-bytes.png, DIR/TASK-accuracy-vs-bits.png and the "
                        + "exported models in DIR/models.", ""})
final class BitsStudyCommand implements Callable<Integer> {

    private static final Pattern SETTING =
            Pattern.compile("\\b(budgets|hidden|bitsPerFunction|trainerEpochs|epochs|batchSize|lambdaDistill|temperature)\\b");

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

    @Option(names = "--density", paramLabel = "1/2^k", defaultValue = "1/4", converter = Converters.Density.class,
            description = "Share of non-zero projection entries (default: ${DEFAULT-VALUE}).")
    ProjectionDensity density;

    @Option(names = "--trainer", paramLabel = "mlp|cnn", defaultValue = "mlp",
            description = "Trainer of image tasks (default: ${DEFAULT-VALUE}); text tasks train a bag-of-words MLP.")
    String trainer;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5",
            description = "Epochs of every small model (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--trainer-epochs", paramLabel = "N",
            description = "Epochs of the trainer (default: --epochs).")
    Integer trainerEpochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
            description = "Examples per minibatch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--distill-weight", paramLabel = "l2", defaultValue = "0.1",
            description = "l2 of the distilled models (b) and (d); l3 = 1 (default: ${DEFAULT-VALUE}, the paper's).")
    double distillWeight;

    @Option(names = "--temperature", paramLabel = "tau", defaultValue = "1",
            description = "Distillation temperature of (b) and (d) (default: ${DEFAULT-VALUE}, the paper's); above 1 "
                    + "softens a trainer that is near one-hot on its training data.")
    double temperature;

    @Option(names = "--train-per-class", paramLabel = "N", defaultValue = "0",
            description = "Image tasks: train on a stratified subset of N images per class (default: 0, all).")
    int trainPerClass;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--replot", description = "Only re-draw the plots from DIR/TASK-frontier.csv of an earlier run.")
    boolean replot;

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
        if (dataOptions.task.isText()) {
            if (!trainer.equals("mlp")) {
                throw new ParameterException(cmd, "--trainer " + trainer + ": the text study trains a bag-of-words mlp");
            }
            if (trainPerClass != 0) {
                throw new ParameterException(cmd, "--train-per-class applies to image tasks only");
            }
        } else {
            imageTrainer(cmd);
        }
        try {
            return StudySettings.builder().budgets(budgets).hidden(hidden).bitsPerFunction(bitsPerFunction)
                    .density(density.value()).epochs(epochs).trainerEpochs(trainerEpochs == null ? epochs : trainerEpochs)
                    .batchSize(batchSize).lambdaDistill(distillWeight).temperature(temperature).seed(seed).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, optionName(e.getMessage()));
        }
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
            FrontierSweep.plot(rows, task, out);
            o.print(FrontierSummary.markdown(rows));
            o.println("Plots: " + FrontierSweep.bytesPlot(out, task) + ", " + FrontierSweep.bitsPlot(out, task));
            return ProjectionNetCli.EXIT_OK;
        }
        StudyTask task = dataOptions.task.isText() ? textTask(o) : imageTask(o);
        Files.createDirectories(out);
        List<FrontierRow> rows = new FrontierSweep(task, settings, out, o).run();
        o.print(FrontierSummary.markdown(rows));
        o.println("Wrote " + rows.size() + " rows to " + FrontierSweep.csvFile(out, task.name()));
        o.println("Plots: " + FrontierSweep.bytesPlot(out, task.name()) + ", " + FrontierSweep.bitsPlot(out, task.name()));
        return ProjectionNetCli.EXIT_OK;
    }

    private StudyTask imageTask(PrintWriter o) throws IOException {
        ImageDataSource source = dataOptions.locate(context.locator());
        source.checkAvailable(DataSplit.TRAIN, DataSplit.TEST);
        o.println("Data: " + source.description());
        o.flush();
        TrainTestImages data = TrainTestImages.load(source);
        if (trainPerClass > 0) {
            data = data.withTrainingSubset(trainPerClass, TrainingRun.SUBSET_SEED);
        }
        return new ImageStudyTask(dataOptions.task.cliName(), data, imageTrainer(spec.commandLine()));
    }

    private StudyTask textTask(PrintWriter o) throws IOException {
        TextDataSource source = dataOptions.locateTexts(context.textLocator(), null);
        o.println("Data: " + source.description());
        o.flush();
        TrainTestTexts data = source.load();
        if (data.train().isEmpty() || data.test().isEmpty()) {
            throw new CommandFailedException(source.description() + " has " + data.train().size() + " training and "
                    + data.test().size() + " test texts; both are needed");
        }
        return new TextStudyTask(dataOptions.task.cliName(), data);
    }

    /** Settings messages name builder parameters; the user typed options. */
    private static String optionName(String message) {
        Matcher m = SETTING.matcher(message);
        StringBuffer named = new StringBuffer();
        while (m.find()) {
            String option = m.group(1).replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
            m.appendReplacement(named, Matcher.quoteReplacement("--" + option.replace("lambda-distill", "distill-weight")));
        }
        m.appendTail(named);
        return named.toString();
    }

    private ImageTrainer imageTrainer(CommandLine cmd) {
        try {
            return Trainers.image(trainer);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, "--" + e.getMessage());
        }
    }
}
