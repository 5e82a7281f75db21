package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.data.ImageDataLocator;
import io.github.dl4jprojection.pipeline.DefaultBackends;

/** The {@code projectionnet} program (the main class of the runnable jar). */
public final class ProjectionNetMain {

    private ProjectionNetMain() {
    }

    /** Runs the command line and exits with its exit code (0 ok, 1 failure, 2 wrong arguments). */
    public static void main(String[] args) {
        CliContext context = new CliContext(DefaultBackends.create(), new ImageDataLocator(), System.console() != null);
        System.exit(ProjectionNetCli.create(context).execute(args));
    }
}
