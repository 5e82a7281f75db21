package io.github.dl4jprojection.examples.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code projectionnet}: only dispatches to a subcommand; without one it is a usage error. */
@Command(name = "projectionnet", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Neural projection networks (ProjectionNet) for Deeplearning4j: train a small on-device "
                + "model jointly with a big trainer network, export it, and run it without ND4J.", ""},
        footer = {"", "Run 'projectionnet COMMAND --help' for the options of a command."})
final class RootCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
