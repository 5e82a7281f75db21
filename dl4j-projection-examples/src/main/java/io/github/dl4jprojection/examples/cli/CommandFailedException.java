package io.github.dl4jprojection.examples.cli;

/**
 * A command that cannot complete for a reason the user can fix (the message says what); reported
 * as one line and exit code 1, without a stack trace.
 */
final class CommandFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CommandFailedException(String message) {
        super(message);
    }
}
