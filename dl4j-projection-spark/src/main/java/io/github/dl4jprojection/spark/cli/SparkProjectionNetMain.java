package io.github.dl4jprojection.spark.cli;

import io.github.dl4jprojection.data.ImageDataLocator;
import io.github.dl4jprojection.examples.cli.CliContext;
import io.github.dl4jprojection.examples.cli.ProjectionNetCli;
import io.github.dl4jprojection.pipeline.DefaultBackends;
import io.github.dl4jprojection.spark.SparkBackends;

/**
 * The {@code projectionnet} program with the Spark backend: every command of the single-machine program, and
 * {@code train --spark MASTER} fitting its epochs on Spark ({@code ./projectionnet} starts this jar when
 * {@code --spark} is given; spark-submit runs it on a cluster). Exit codes as in the single-machine program.
 */
public final class SparkProjectionNetMain {

    private SparkProjectionNetMain() {
    }

    /** Runs the command line and exits with its exit code (0 ok, 1 failure, 2 wrong arguments). */
    public static void main(String[] args) {
        CliContext context = new CliContext(DefaultBackends.create().withCluster(new SparkBackends()),
                new ImageDataLocator(), System.console() != null);
        System.exit(ProjectionNetCli.create(context).execute(args));
    }
}
