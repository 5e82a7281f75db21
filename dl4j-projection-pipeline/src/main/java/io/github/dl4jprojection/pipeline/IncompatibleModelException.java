package io.github.dl4jprojection.pipeline;

/**
 * A model used with data of another shape or task: different input size or class names. The
 * message says what the model expects and what the data has.
 */
public class IncompatibleModelException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what the model expects and what it was given */
    public IncompatibleModelException(String message) {
        super(message);
    }
}
