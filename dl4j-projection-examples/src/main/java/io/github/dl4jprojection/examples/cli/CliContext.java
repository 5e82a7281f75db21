package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.data.ImageDataLocator;
import io.github.dl4jprojection.data.text.TextDataLocator;
import io.github.dl4jprojection.pipeline.Backends;

import java.io.InputStream;
import java.util.Objects;

/**
 * What the commands run with: the backends, where image and text data are looked for, standard input
 * (texts for {@code predict}) and whether output is a terminal.
 */
public final class CliContext {

    private final Backends backends;
    private final ImageDataLocator locator;
    private final TextDataLocator textLocator;
    private final InputStream stdin;
    private final boolean terminal;

    /**
     * Text data looked for under the working directory, texts read from {@code System.in}.
     *
     * @param terminal true when progress may redraw a line in place ({@code System.console() != null})
     */
    public CliContext(Backends backends, ImageDataLocator locator, boolean terminal) {
        this(backends, locator, new TextDataLocator(), System.in, terminal);
    }

    /**
     * @param textLocator finds the SpamAssassin corpus
     * @param stdin       where {@code predict} reads texts when none is given as an argument
     * @param terminal    true when progress may redraw a line in place ({@code System.console() != null})
     */
    public CliContext(Backends backends, ImageDataLocator locator, TextDataLocator textLocator, InputStream stdin,
                      boolean terminal) {
        this.backends = Objects.requireNonNull(backends, "backends");
        this.locator = Objects.requireNonNull(locator, "locator");
        this.textLocator = Objects.requireNonNull(textLocator, "textLocator");
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.terminal = terminal;
    }

    /** Training, runtime and C export implementations. */
    public Backends backends() {
        return backends;
    }

    /** Finds the data of an image task. */
    public ImageDataLocator locator() {
        return locator;
    }

    /** Finds the data of a text task. */
    public TextDataLocator textLocator() {
        return textLocator;
    }

    /** Standard input. */
    public InputStream stdin() {
        return stdin;
    }

    /** True when standard output is an interactive terminal. */
    public boolean terminal() {
        return terminal;
    }
}
