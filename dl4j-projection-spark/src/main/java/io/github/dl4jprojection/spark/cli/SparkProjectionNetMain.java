package io.github.dl4jprojection.spark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code projectionnet} program with Spark: only the {@code train} command, which trains on a Spark master
 * ({@code --spark local[2]}, or the master spark-submit gives). Exit codes as in the single-machine program: 0 ok,
 * 1 failure (one message line for bad data), 2 wrong arguments.
 */
public final class SparkProjectionNetMain {

    /** The command succeeded. */
    static final int EXIT_OK = 0;
    /** The command failed (data missing or malformed, Spark failure). */
    static final int EXIT_FAILURE = 1;
    /** Wrong arguments. */
    static final int EXIT_USAGE = 2;

    private SparkProjectionNetMain() {
    }

    /** Root of the Spark command line. */
    @Command(name = "projectionnet", mixinStandardHelpOptions = true, version = "projectionnet (Spark)",
            description = "Train projection networks on Apache Spark (docs/DISTRIBUTED.md).")
    static final class Root implements Runnable {
        @Override
        public void run() {
            throw new CommandLine.ParameterException(new CommandLine(this), "give a command: train");
        }
    }

    /** The command line; {@code execute(args)} returns the exit code. */
    static CommandLine create() {
        CommandLine cl = new CommandLine(new Root());
        cl.addSubcommand(new SparkTrainCommand());
        cl.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(e.getCommandLine().getCommandSpec().qualifiedName() + ": " + e.getMessage());
            err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for details.");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            String name = cmd.getCommandSpec().qualifiedName();
            if (e instanceof IOException) {
                err.println(name + ": " + e.getMessage());
            } else {
                err.println(name + ": failed: " + e);
                e.printStackTrace(err);
            }
            err.flush();
            return EXIT_FAILURE;
        });
        return cl;
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(create().execute(args));
    }
}
