package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.data.ImageDataLocator;
import io.github.dl4jprojection.data.text.TextDataLocator;
import io.github.dl4jprojection.pipeline.DefaultBackends;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Runs the real command line in-process, with the shipped backends and no installed data set (so the bundled
 * samples are used), and keeps what it printed: shared by the end-to-end command tests.
 */
final class CliRun {

    private CliRun() {
    }

    /**
     * Runs {@code projectionnet args} with {@code stdin}; the data locators look under {@code dir}, where no data
     * set is, so the bundled Fashion-MNIST and SpamAssassin samples are used.
     */
    static Result run(Path dir, String stdin, String... args) {
        CliContext context = new CliContext(DefaultBackends.create(),
                new ImageDataLocator(dir.resolve("no-images")), new TextDataLocator(dir.resolve("no-corpus")),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false);
        CommandLine cli = ProjectionNetCli.create(context);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString().replace(System.lineSeparator(), "\n"),
                err.toString().replace(System.lineSeparator(), "\n"));
    }

    /** The exit code and the two output streams of a run, with "\n" line ends. */
    static final class Result {
        final int code;
        final String out;
        final String err;

        Result(int code, String out, String err) {
            this.code = code;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "exit " + code + "\n" + out + err;
        }
    }
}
