package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.pipeline.LoadedRuntimeModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loading the MODEL argument of {@code eval}, {@code predict} and {@code export-c}. */
final class ModelFiles {

    private ModelFiles() {
    }

    /** Fails with a plain message when the file is missing, before the runtime sees it. */
    static void requireExists(Path model) {
        if (!Files.isRegularFile(model)) {
            throw new CommandFailedException("model file " + model + (Files.isDirectory(model) ? " is a folder" : " does not exist"));
        }
    }

    static LoadedRuntimeModel load(CliContext context, Path model) throws IOException {
        requireExists(model);
        return context.backends().runtime().load(model);
    }
}
