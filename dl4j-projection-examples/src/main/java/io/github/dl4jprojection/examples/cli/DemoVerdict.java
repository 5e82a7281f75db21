package io.github.dl4jprojection.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The end of {@code projectionnet demo}'s output: what the figures mean in one plain sentence, where the files are,
 * and the commands to run next (the C export, the runtime on its own).
 */
final class DemoVerdict {

    private DemoVerdict() {
    }

    /**
     * @param example "image" or "text", the kind of input the model predicts
     * @param report  the {@code --report} files, or {@code null} when none was asked for
     */
    static void print(PrintWriter out, TrainingRun run, String example, ReportFiles report, String taskName) {
        RunReport r = run.report();
        out.println();
        out.println(sentence(r, run.runtime().nanosPerExample(), run.runtime().examples(), example));
        out.println();
        Path model = run.modelFile();
        out.println("Files:");
        out.printf(Locale.ROOT, "  %-8s %s (%s)%n", "model", model, ResultTable.bytes(r.modelBytes()));
        if (report != null) {
            out.printf(Locale.ROOT, "  %-8s %s, %s, %s%n", "report", report.json(), report.curves(), report.confusion());
        } else {
            out.printf(Locale.ROOT, "  %-8s none (add --report FILE.json for a JSON report, training curves and the "
                    + "confusion matrix)%n", "report");
        }
        Path c = model.resolveSibling(stem(model) + "-c");
        out.println("Next:");
        if (!run.patchModel()) {
            // The C runtime does not run the patch family yet; export-c would refuse it.
            out.println("  ./projectionnet export-c " + model + " --out " + c + "    # C99 source for a microcontroller");
        }
        out.println("  ./projectionnet eval " + model + " --task " + taskName
                + "    # the runtime alone on the test set");
        out.flush();
    }

    /** E.g. "The projection network keeps 96 % of the trainer's accuracy (84.5 % vs 87.7 %) in a file 64x smaller..." */
    static String sentence(RunReport r, double nanosPerExample, int examples, String example) {
        double kept = r.runtimeAccuracy() / r.trainerAccuracy();
        double smaller = (double) r.trainerBytes() / Math.max(1, r.modelBytes());
        String agreement = r.runtimeAgreement() == null || r.runtimeAgreement().isNaN() ? ""
                : String.format(Locale.ROOT, "; the exported file gives the DL4J network's label for %s of the %,d "
                        + "test %ss", r.runtimeAgreement() >= 1.0 ? "every one" : ResultTable.percent(r.runtimeAgreement()),
                        examples, example);
        return String.format(Locale.ROOT, "The projection network keeps %.0f %% of the trainer's accuracy (%.1f %% "
                        + "against %.1f %%) in a file %.0fx smaller (%s against %s); it predicts %s %s in %s on this "
                        + "machine%s.", 100 * kept, 100 * r.runtimeAccuracy(), 100 * r.trainerAccuracy(), smaller,
                ResultTable.bytes(r.modelBytes()), ResultTable.bytes(r.trainerBytes()),
                example.startsWith("i") ? "an" : "a", example, ResultTable.micros(nanosPerExample), agreement);
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
