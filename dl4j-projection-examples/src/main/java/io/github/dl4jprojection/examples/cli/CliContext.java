package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.examples.data.ImageDataLocator;
import io.github.dl4jprojection.examples.workflow.Backends;

import java.util.Objects;

/** What the commands run with: the backends, where data is looked for, and whether output is a terminal. */
public final class CliContext {

    private final Backends backends;
    private final ImageDataLocator locator;
    private final boolean terminal;

    /**
     * @param terminal true when progress may redraw a line in place ({@code System.console() != null})
     */
    public CliContext(Backends backends, ImageDataLocator locator, boolean terminal) {
        this.backends = Objects.requireNonNull(backends, "backends");
        this.locator = Objects.requireNonNull(locator, "locator");
        this.terminal = terminal;
    }

    /** Training, runtime and C export implementations. */
    public Backends backends() {
        return backends;
    }

    /** Finds the data of a task. */
    public ImageDataLocator locator() {
        return locator;
    }

    /** True when standard output is an interactive terminal. */
    public boolean terminal() {
        return terminal;
    }
}
