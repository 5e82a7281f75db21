package io.github.dl4jprojection.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.data.ImageDataLocator;
import io.github.dl4jprojection.data.text.TextDataLocator;
import io.github.dl4jprojection.layers.export.CExporter;
import io.github.dl4jprojection.pipeline.DefaultBackends;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    /**
     * Runs {@code projectionnet export-c model --out cDir}, asserts that it wrote the three files and that the header
     * is {@link CExporter#header} of the loaded model under the symbol prefix {@code name}, and returns the header.
     */
    static String exportC(Path dir, Path model, Path cDir, String name) throws IOException {
        Result r = run(dir, "", "export-c", model.toString(), "--out", cDir.toString());
        assertEquals(ProjectionNetCli.EXIT_OK, r.code, r.toString());
        assertTrue(r.out.contains("Wrote 3 files"), r.out);
        String header = new String(Files.readAllBytes(cDir.resolve(CExporter.headerFileName(name))),
                StandardCharsets.US_ASCII);
        assertEquals(CExporter.header(ProjectionModel.load(model), name), header);
        return header;
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
