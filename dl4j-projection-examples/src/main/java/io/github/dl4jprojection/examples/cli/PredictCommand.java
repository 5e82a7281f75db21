package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.examples.data.SingleImageReader;
import io.github.dl4jprojection.examples.workflow.LoadedRuntimeModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code projectionnet predict MODEL --image FILE}: classify one image with the runtime. */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Classify one image with an exported model.", "",
                "Runs MODEL with the runtime on one image, which must have the model's size and, like MNIST, "
                        + "show a light object on a dark background.", ""})
final class PredictCommand implements Callable<Integer> {

    /** How many of the best classes are listed. */
    static final int TOP = 3;

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The exported model file.")
    Path model;

    @Option(names = "--image", paramLabel = "FILE", required = true,
            description = "A PNG image, or a text file with one CSV row of pixel values 0..255 (a leading label is ignored).")
    Path image;

    PredictCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        LoadedRuntimeModel loaded = ModelFiles.load(context, model);
        float[] pixels = SingleImageReader.read(image, loaded.inputSize());
        float[] scores = new float[loaded.labelNames().size()];
        int predicted = loaded.predict(pixels, scores);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%s (class %d)%n", loaded.labelNames().get(predicted), predicted);
        boolean[] shown = new boolean[scores.length];
        for (int k = 0; k < Math.min(TOP, scores.length); k++) {
            int best = -1;
            for (int c = 0; c < scores.length; c++) {
                if (!shown[c] && (best < 0 || scores[c] > scores[best])) {
                    best = c;
                }
            }
            shown[best] = true;
            o.printf(Locale.ROOT, "  %-24s %.4f%n", loaded.labelNames().get(best), scores[best]);
        }
        return ProjectionNetCli.EXIT_OK;
    }
}
