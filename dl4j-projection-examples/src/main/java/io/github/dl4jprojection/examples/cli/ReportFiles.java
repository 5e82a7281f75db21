package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.pipeline.RuntimeEvaluation;
import io.github.dl4jprojection.pipeline.plot.TrainingPlots;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;

/**
 * What {@code --report FILE.json} writes: the JSON {@link RunReport}, and next to it, named after it without its
 * {@code .json}, {@code FILE-confusion.png} (the exported model's confusion matrix on the test set, from the Java
 * runtime's predictions) and, for training commands, {@code FILE-curves.png} (per-epoch mean training loss and both
 * branches' test accuracy). {@code report.json} gives {@code report-curves.png} and {@code report-confusion.png}; a
 * name without {@code .json} keeps its whole name ({@code out} gives {@code out-curves.png}).
 */
final class ReportFiles {

    /** Suffix of the training curves' file name, after the report's name without {@code .json}. */
    static final String CURVES_SUFFIX = "-curves.png";
    /** Suffix of the confusion matrix's file name. */
    static final String CONFUSION_SUFFIX = "-confusion.png";

    /** Help of {@code --report} for {@code train} and {@code demo}. */
    static final String TRAINING_HELP = "Write a JSON report to FILE (sizes, accuracies, the figures of every epoch, "
            + "the training configuration), and next to it FILE-curves.png (mean training loss and both networks' "
            + "test accuracy per epoch) and FILE-confusion.png (the exported model's confusion matrix on the test "
            + "set, from the runtime's predictions), FILE there being the report's name without .json.";
    /** Help of {@code --report} for {@code eval}. */
    static final String EVAL_HELP = "Write a JSON report (runtime fields only) to FILE, and next to it "
            + "FILE-confusion.png (the model's confusion matrix on the test data), FILE there being the report's "
            + "name without .json.";

    private final Path json;

    private ReportFiles(Path json) {
        this.json = json;
    }

    /** The files of {@code --report json}. */
    static ReportFiles of(Path json) {
        return new ReportFiles(json);
    }

    /** The JSON report. */
    Path json() {
        return json;
    }

    /** The training curves, next to the JSON. */
    Path curves() {
        return sibling(CURVES_SUFFIX);
    }

    /** The confusion matrix, next to the JSON. */
    Path confusion() {
        return sibling(CONFUSION_SUFFIX);
    }

    /** Usage error unless every file of a training report ({@code withCurves}) or an evaluation's can be written. */
    void requireWritable(CommandLine cmd, boolean withCurves) {
        OutputPaths.requireWritable(cmd, "--report", json);
        OutputPaths.requireWritable(cmd, "--report's confusion matrix", confusion());
        if (withCurves) {
            OutputPaths.requireWritable(cmd, "--report's training curves", curves());
        }
    }

    /** Writes the JSON, the curves (when the run has epoch records) and the confusion matrix of a training run. */
    void writeTraining(TrainingRun run, PrintWriter out) throws IOException {
        RunReport report = run.report();
        RunReportWriter.write(report, json);
        out.println("Report written to " + json);
        if (!run.outcome().epochs().isEmpty()) {
            TrainingPlots.curves(run.outcome().epochs(), String.format(Locale.ROOT,
                    "%s: %s trainer and %d-%s projection network, %d test examples", report.task(),
                    run.trainerName(), report.projectionBits(), run.sketchModel() ? "bucket sketch" : "bit",
                    run.runtime().examples()), curves());
            out.println("Training curves written to " + curves());
        }
        writeConfusion(report.task(), run.runtime(), run.modelFile(), out);
    }

    /** Writes the JSON and the confusion matrix of {@code eval}. */
    void writeEvaluation(RunReport report, RuntimeEvaluation result, Path model, PrintWriter out) throws IOException {
        RunReportWriter.write(report, json);
        out.println("Report written to " + json);
        writeConfusion(report.task(), result, model, out);
    }

    private void writeConfusion(String task, RuntimeEvaluation result, Path model, PrintWriter out)
            throws IOException {
        TrainingPlots.confusion(result.labelNames(), result.confusionMatrix(), String.format(Locale.ROOT,
                "%s: confusion matrix of %s, test examples per cell (%d in all, accuracy %s)", task,
                model.getFileName(), result.examples(),
                ResultTable.percent(result.accuracy())), confusion());
        out.println("Confusion matrix written to " + confusion());
    }

    private Path sibling(String suffix) {
        String name = json.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return json.resolveSibling(stem + suffix);
    }
}
