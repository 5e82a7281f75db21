package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.data.SingleImageReader;
import io.github.dl4jprojection.pipeline.LoadedRuntimeModel;
import io.github.dl4jprojection.pipeline.TextRuntimeModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code projectionnet predict MODEL --image FILE}: classify one image with the runtime;
 * {@code projectionnet predict MODEL [TEXT]}: classify a text, or each line of standard input, with a text model
 * (one {@code label<TAB>probability} line per text).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Classify one image or texts with an exported model.", "",
                "Image models: runs MODEL with the runtime on one image (--image), which must have the model's width "
                        + "and height and, like MNIST, show a light object on a dark background.",
                "Text models: classifies TEXT, or without it every line of standard input, printing one line "
                        + "'label<TAB>probability' per text; an empty (or blank) line prints '(empty text)<TAB>-', "
                        + "since a text without words has no features to classify.", ""})
final class PredictCommand implements Callable<Integer> {

    /** How many of the best classes are listed. */
    static final int TOP = 3;

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The exported model file.")
    Path model;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TEXT",
            description = "Text model: the text to classify (default: each line of standard input).")
    String text;

    @Option(names = "--image", paramLabel = "FILE",
            description = {"A PNG image of the model's width and height, or a CSV file with one row of pixel values "
                    + "0..255 (after an optional header line).",
                    "A row of exactly the model's pixel count is the pixels; one value more means a label comes first "
                    + "and is skipped; any other count, or a second row, is refused (eval scores files of images)."})
    Path image;

    PredictCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (image == null) {
            return predictTexts();
        }
        if (text != null) {
            throw new ParameterException(spec.commandLine(), "give either --image FILE (image model) or TEXT (text model), "
                    + "not both");
        }
        LoadedRuntimeModel loaded = ModelFiles.load(context, model);
        float[] pixels = SingleImageReader.read(image, loaded.inputSize(), loaded.imageShape());
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

    private int predictTexts() throws IOException {
        ModelFiles.requireExists(model);
        TextRuntimeModel loaded = TextRuntimeModel.load(model);
        PrintWriter o = spec.commandLine().getOut();
        float[] p = new float[loaded.labelNames().size()];
        if (text != null) {
            printPrediction(o, loaded, text, p);
        } else {
            BufferedReader in = new BufferedReader(new InputStreamReader(context.stdin(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                printPrediction(o, loaded, line, p);
            }
        }
        o.flush();
        return ProjectionNetCli.EXIT_OK;
    }

    /** Text printed instead of a label for an empty or blank text. */
    static final String EMPTY_TEXT = "(empty text)\t-";

    private static void printPrediction(PrintWriter o, TextRuntimeModel model, String text, float[] p) {
        if (text.trim().isEmpty()) {
            o.println(EMPTY_TEXT);
            return;
        }
        int label = model.scores(text, p);
        o.printf(Locale.ROOT, "%s\t%.4f%n", model.labelNames().get(label), p[label]);
    }
}
