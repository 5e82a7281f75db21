package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.data.DataSplit;
import io.github.dl4jprojection.data.ImageDataSource;
import io.github.dl4jprojection.data.ImageDataset;
import io.github.dl4jprojection.data.ImageTask;
import io.github.dl4jprojection.pipeline.IncompatibleModelException;
import io.github.dl4jprojection.pipeline.LoadedRuntimeModel;
import io.github.dl4jprojection.pipeline.RuntimeEvaluation;
import io.github.dl4jprojection.pipeline.RuntimeEvaluator;
import io.github.dl4jprojection.pipeline.TextRuntimeModel;
import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.data.text.LabeledTextReader;
import io.github.dl4jprojection.data.text.TextDataSource;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code projectionnet eval MODEL}: accuracy of an exported model on a test split, with the runtime only; optional
 * report (JSON and confusion matrix: {@link ReportFiles}).
 */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Measure an exported model on a test set with the runtime.", "",
                "Runs MODEL with the runtime alone (no DL4J) over the test split of a task (images, or texts: spam, "
                        + "fortunes, text) and reports its accuracy.", ""})
final class EvalCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The exported model file.")
    Path model;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--test", paramLabel = "FILE",
            description = "Task text: score this file of labelled texts, all of it (as train's --test).")
    Path test;

    @Option(names = "--report", paramLabel = "FILE", description = ReportFiles.EVAL_HELP)
    Path report;

    EvalCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (test != null && !TaskOption.TEXT.equals(dataOptions.task.cliName())) {
            throw new ParameterException(spec.commandLine(), "--test applies to --task text only");
        }
        if (test == null) {
            dataOptions.validate(spec.commandLine()); // --test names the data itself
        }
        if (report != null) {
            ReportFiles files = ReportFiles.of(report);
            files.requireWritable(spec.commandLine(), false);
            OutputPaths.requireDistinct(spec.commandLine(), new Path[] {model, report, files.confusion()},
                    new String[] {"MODEL", "--report", "--report's confusion matrix"});
        }
        if (dataOptions.task.isText()) {
            return evalText(spec.commandLine().getOut());
        }
        ImageTask task = dataOptions.imageTask(spec.commandLine());
        PrintWriter o = spec.commandLine().getOut();
        LoadedRuntimeModel loaded = ModelFiles.load(context, model);
        List<String> taskLabels = task.labelNames();
        if (taskLabels != null && !taskLabels.equals(loaded.labelNames())) {
            throw new IncompatibleModelException("the model's classes are " + loaded.labelNames() + ", but task "
                    + task.cliName() + " has " + taskLabels + ": the model was trained for another task");
        }
        ImageDataSource source = dataOptions.locate(context.locator());
        source.checkAvailable(DataSplit.TEST);
        o.println("Data: " + source.description());
        ImageDataset test = source.load(DataSplit.TEST, loaded.labelNames());
        RuntimeEvaluation result = RuntimeEvaluator.evaluate(loaded, test, null);
        return finish(o, task.cliName(), result, "test images", "example", loaded.projectionBits(), "bits",
                loaded.parameterCount());
    }

    /** A text model on the test texts of a text task, through the model file's own featurizer. */
    private int evalText(PrintWriter o) throws IOException {
        ModelFiles.requireExists(model);
        TextRuntimeModel loaded;
        try {
            loaded = TextRuntimeModel.load(model);
        } catch (IncompatibleModelException e) {
            throw new IncompatibleModelException(model + " is an image model; --task " + dataOptions.task.cliName()
                    + " needs a text model");
        }
        List<LabeledText> test = scoredTexts(o);
        if (test.isEmpty()) {
            throw new CommandFailedException("no texts to score: the test data are empty");
        }
        int[] labels = new int[test.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = loaded.labelNames().indexOf(test.get(i).label());
            if (labels[i] < 0) {
                throw new IncompatibleModelException("the model's classes are " + loaded.labelNames()
                        + ", but the test texts have the label '" + test.get(i).label()
                        + "': the model was trained for another task");
            }
        }
        RuntimeEvaluation result = loaded.evaluate(test, labels, null);
        return finish(o, dataOptions.task.cliName(), result, "test texts", "text", loaded.projectionBits(),
                loaded.sketch() ? "buckets" : "bits", loaded.parameterCount());
    }

    /**
     * What eval scores: a file given to it (--test, or --data naming a file of task text) whole, since it is what
     * the user asks to measure; otherwise the test split of the task's data, as train used it.
     */
    private List<LabeledText> scoredTexts(PrintWriter o) throws IOException {
        Path whole = test != null ? test : TaskOption.TEXT.equals(dataOptions.task.cliName()) && dataOptions.data != null
                && Files.isRegularFile(dataOptions.data) ? dataOptions.data : null;
        if (whole != null) {
            if (!Files.isRegularFile(whole)) {
                throw new CommandFailedException("--test: no file " + whole);
            }
            o.println("Data: every text of " + whole);
            return LabeledTextReader.read(whole);
        }
        TextDataSource source = dataOptions.locateTexts(context.textLocator(), null);
        o.println("Data: " + source.description());
        return source.load().test();
    }

    /**
     * Prints the runtime's figures for {@code examples} ("test images") and writes the report if asked.
     * {@code bits} is the projection's width, in {@code widthUnit} ("bits", or "buckets" for a sketch model).
     */
    private int finish(PrintWriter o, String taskName, RuntimeEvaluation result, String examples, String unit,
                       int bits, String widthUnit, long parameters) throws IOException {
        long modelBytes = Files.size(model);
        o.printf(Locale.ROOT, "Runtime accuracy on %d %s: %s (%d %s, %,d parameters, %s; %s per %s)%n",
                result.examples(), examples, ResultTable.percent(result.accuracy()), bits, widthUnit, parameters,
                ResultTable.bytes(modelBytes), ResultTable.micros(result.nanosPerExample()), unit);
        if (report != null) {
            ReportFiles.of(report).writeEvaluation(RunReport.builder()
                    .task(taskName)
                    .projectionBits(bits)
                    .projectionParams(parameters)
                    .modelBytes(modelBytes)
                    .runtimeAccuracy(result.accuracy())
                    .build(), result, model, o);
        }
        return ProjectionNetCli.EXIT_OK;
    }
}
