package io.github.dl4jprojection.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints the comparison of trainer, projection network and runtime after training. */
final class ResultTable {

    private ResultTable() {
    }

    static void print(PrintWriter out, TrainingRun run) {
        RunReport r = run.report();
        out.println();
        out.printf(Locale.ROOT, "%-34s %10s %12s %12s%n", "", "accuracy", "size", "parameters");
        out.printf(Locale.ROOT, "%-34s %10s %12s %12s%n", "Trainer (" + run.trainerName() + ", DL4J)",
                percent(r.trainerAccuracy()), bytes(r.trainerBytes()), count(r.trainerParams()));
        out.printf(Locale.ROOT, "%-34s %10s %12s %12s%n", "Projection net (" + r.projectionBits()
                + (run.sequenceModel() ? " bits/token, DL4J)" : run.sketchModel() ? " buckets, DL4J)"
                : run.patchModel() ? " bits/patch, DL4J)" : " bits, DL4J)"),
                percent(r.projectionAccuracy()), "", count(r.projectionParams()));
        out.printf(Locale.ROOT, "%-34s %10s %12s%n", "Exported model (runtime)", percent(r.runtimeAccuracy()),
                bytes(r.modelBytes()));
        out.printf(Locale.ROOT, "%-34s %10s%n", "Compression (trainer / model)",
                String.format(Locale.ROOT, "%.1fx", (double) r.trainerBytes() / Math.max(1, r.modelBytes())));
        out.printf(Locale.ROOT, "%-34s %10s%n", "Runtime agrees with DL4J on", percent(r.runtimeAgreement()));
        if (r.configuration() != null && "true".equals(r.configuration().get("qat"))) {
            out.printf(Locale.ROOT, "%-34s %10s%n", "Quantization-aware training", "yes (" + r.configuration()
                    .get("quantize") + ")");
        }
        out.printf(Locale.ROOT, "%-34s %10s%n", "Runtime latency per example",
                micros(run.runtime().nanosPerExample()));
        double total = run.outcome().totalTrainingSeconds();
        out.printf(Locale.ROOT, "%-34s %10s%s%n", "Training time", Durations.format((long) (r.trainSeconds() * 1e9)),
                total > run.outcome().trainingSeconds() ? " (this run; " + Durations.format((long) (total * 1e9))
                        + " in all, with the checkpoint's epochs)" : "");
        out.printf(Locale.ROOT, "%-34s %10s%n", "Evaluation, export and check",
                Durations.format((long) (run.outcome().evaluationSeconds() * 1e9)));
        out.println("Model written to " + run.modelFile());
        out.flush();
    }

    static String percent(Double fraction) {
        return fraction == null || fraction.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    static String micros(double nanos) {
        return Double.isNaN(nanos) ? "n/a" : String.format(Locale.ROOT, "%.1f us", nanos / 1000);
    }

    private static String count(Long n) {
        return n == null ? "n/a" : String.format(Locale.ROOT, "%,d", n);
    }

    /** A size in bytes, KiB or MiB (binary units with their IEC names, so a table never mixes conventions). */
    static String bytes(Long n) {
        if (n == null) {
            return "n/a";
        }
        if (n < 10 * 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024.0));
    }
}
