package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.pipeline.BackendUnavailableException;
import io.github.dl4jprojection.pipeline.IncompatibleModelException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
        // Colours only on a terminal, decided as for the progress line: picocli's own guess can be forced on
        // (CLICOLOR_FORCE, picocli.ansi) and then writes escape codes into CI logs and redirected files.
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(context.terminal() ? CommandLine.Help.Ansi.AUTO
                : CommandLine.Help.Ansi.OFF));
        cl.setParameterExceptionHandler(ProjectionNetCli::usageError);
        cl.setExecutionExceptionHandler(ProjectionNetCli::failure);
        return cl;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        List<String> unmatched = e instanceof UnmatchedArgumentException
                ? ((UnmatchedArgumentException) e).getUnmatched()
                : cmd.getParseResult() == null ? Collections.emptyList() : cmd.getParseResult().unmatched();
        // An unknown word explains the rest (a misspelled --out also makes --out "missing"): name it first.
        err.println(name + ": " + (unmatched.isEmpty() ? firstLine(e.getMessage()) : unknown(cmd, unmatched.get(0))));
        CommandLine.Help help = cmd.getHelp();
        String heading = help.synopsisHeading();
        err.print(heading + help.synopsis(heading.length()));
        err.println("Run '" + name + " --help' for details.");
        err.flush();
        return EXIT_USAGE;
    }

    /** "unknown option '--ouput'; did you mean --out?" */
    private static String unknown(CommandLine cmd, String word) {
        boolean option = word.startsWith("-");
        String key = option && word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
        List<String> names = new ArrayList<>(option ? cmd.getCommandSpec().optionsMap().keySet()
                : cmd.getSubcommands().keySet());
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : names) {
            int d = editDistance(key, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        String suggestion = best != null && bestDistance <= Math.max(2, key.length() / 3) ? "; did you mean " + best
                + "?" : "";
        return "unknown " + (option ? "option" : names.isEmpty() ? "argument" : "command") + " '" + key + "'"
                + suggestion;
    }

    /** Levenshtein distance (insertions, deletions, substitutions). */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    private static int failure(Exception e, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        if (isExpected(e)) {
            err.println(name + ": " + (e instanceof IOException ? IoMessages.describe((IOException) e) : e.getMessage()));
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
