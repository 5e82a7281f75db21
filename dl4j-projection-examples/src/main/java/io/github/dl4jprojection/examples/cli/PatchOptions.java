package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.pipeline.ImageSettings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of the patch model ({@code --model patch}) of an image task: window, stride and convolution stages. */
final class PatchOptions {

    @Option(names = "--window", paramLabel = "P",
            description = "--model patch: side of the square patches, in pixels (default: "
                    + ImageSettings.DEFAULT_WINDOW + ").")
    Integer window;

    @Option(names = "--stride", paramLabel = "S",
            description = "--model patch: step between patches, in pixels (default: " + ImageSettings.DEFAULT_STRIDE
                    + ").")
    Integer stride;

    @Option(names = "--conv", paramLabel = "K:C:Q[,...]", converter = Converters.Conv.class,
            description = "--model patch: convolution stages over the bit map, each a KxK convolution (stride 1, no "
                    + "padding, ReLU) to C channels, then QxQ max pooling (Q = 1: none); or none (default: "
                    + ImageSettings.DEFAULT_CONV + ").")
    ConvStages conv;

    /** The options given on the command line, by name. */
    List<String> given() {
        List<String> names = new ArrayList<>();
        if (window != null) {
            names.add("--window");
        }
        if (stride != null) {
            names.add("--stride");
        }
        if (conv != null) {
            names.add("--conv");
        }
        return names;
    }

    /** {@code settings} with every option given applied; {@link ImageSettings.Builder#build()} checks them. */
    ImageSettings.Builder applyTo(ImageSettings.Builder settings) {
        if (window != null) {
            settings.window(window);
        }
        if (stride != null) {
            settings.stride(stride);
        }
        if (conv != null) {
            settings.stages(conv.stages());
        }
        return settings;
    }
}
