package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.pipeline.BackendUnavailableException;
import io.github.dl4jprojection.pipeline.IncompatibleModelException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Builds the {@code projectionnet} command line (picocli) and maps outcomes to exit codes:
 * {@link #EXIT_OK}, {@link #EXIT_FAILURE} (one message line; a stack trace only for unexpected
 * errors, which are bugs), {@link #EXIT_USAGE} (one error line, the command's synopsis and a hint
 * to {@code --help}).
 */
public final class ProjectionNetCli {

    /** The command succeeded. */
    public static final int EXIT_OK = 0;
    /** The command failed: data missing or malformed, model unusable, a step not available. */
    public static final int EXIT_FAILURE = 1;
    /** Wrong arguments. */
    public static final int EXIT_USAGE = 2;

    private ProjectionNetCli() {
    }

    /**
     * The command line with all subcommands; {@code execute(args)} runs it and returns the exit code.
     * Output and error writers can be replaced with {@code setOut}/{@code setErr} (for tests).
     */
    public static CommandLine create(CliContext context) {
        CommandLine cl = new CommandLine(new RootCommand());
        cl.addSubcommand(new DemoCommand(context));
        cl.addSubcommand(new TrainCommand(context));
        cl.addSubcommand(new EvalCommand(context));
        cl.addSubcommand(new PredictCommand(context));
        cl.addSubcommand(new ExportCCommand(context));
        cl.addSubcommand(new BitsStudyCommand(context));
        // Set after the subcommands are added: picocli copies these settings down the hierarchy.
        cl.setParameterExceptionHandler(ProjectionNetCli::usageError);
        cl.setExecutionExceptionHandler(ProjectionNetCli::failure);
        return cl;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": " + firstLine(e.getMessage()));
        CommandLine.Help help = cmd.getHelp();
        String heading = help.synopsisHeading();
        err.print(heading + help.synopsis(heading.length()));
        err.println("Run '" + name + " --help' for details.");
        err.flush();
        return EXIT_USAGE;
    }

    private static int failure(Exception e, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        if (isExpected(e)) {
            err.println(name + ": " + e.getMessage());
        } else {
            err.println(name + ": unexpected error (a bug; please report it with the trace below): " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILURE;
    }

    /** Failures the user can act on from the message alone. */
    private static boolean isExpected(Exception e) {
        return e instanceof IOException || e instanceof UncheckedIOException || e instanceof CommandFailedException
                || e instanceof IncompatibleModelException || e instanceof BackendUnavailableException;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid arguments";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
