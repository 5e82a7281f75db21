package io.github.dl4jprojection.pipeline;

/** A step (training, runtime, C export) that this build of the command line does not include. */
public class BackendUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message which step is missing */
    public BackendUnavailableException(String message) {
        super(message);
    }
}
