package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.pipeline.IncompatibleModelException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code projectionnet export-c MODEL --out DIR}: C source that runs the model, for microcontrollers. */
@Command(name = "export-c", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Write C source that runs an exported model.", "",
                "Writes C99 source (the model's data as const arrays plus a small runtime) that runs MODEL, "
                        + "for microcontrollers.", ""})
final class ExportCCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The exported model file.")
    Path model;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write the C files into (created if missing).")
    Path out;

    @Option(names = "--precompute-columns",
            description = "Image models: store every pixel's non-zero projection entries in the header, so the C "
                    + "adds instead of hashing (faster; about 2 x pixels x bits x density bytes more; docs/EXPORT.md).")
    boolean precomputeColumns;

    ExportCCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ParameterException(spec.commandLine(), "--out must be a folder, but " + out + " is a file");
        }
        ModelFiles.requireExists(model);
        Files.createDirectories(out);
        List<Path> written;
        try {
            written = context.backends().cExporter().export(model, out, precomputeColumns);
        } catch (IncompatibleModelException e) {
            // A model family the C runtime does not run: the message names the file already.
            throw new CommandFailedException(e.getMessage());
        } catch (IllegalArgumentException e) {
            // A model the C emitter cannot express (columns of a text model, a sequence model on another featurizer).
            throw new CommandFailedException(model + ": " + e.getMessage());
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println("Wrote " + written.size() + " file" + (written.size() == 1 ? "" : "s") + ":");
        for (Path p : written) {
            o.println("  " + p);
        }
        return ProjectionNetCli.EXIT_OK;
    }
}
