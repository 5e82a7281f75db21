package io.github.dl4jprojection.examples.workflow;

/**
 * The backends the {@code projectionnet} command line runs with.
 *
 * <p>INTEGRATION POINT: the training workflow, the runtime loader and the C exporter are written in
 * other modules in parallel with the command line. Until each method below returns the real
 * implementation, the command that needs it fails with a message naming the missing piece.
 */
public final class DefaultBackends {

    private DefaultBackends() {
    }

    /** The backends of the shipped command line. */
    public static Backends create() {
        return new Backends(training(), runtime(), cExporter());
    }

    private static JointTrainingWorkflow training() {
        return (request, progress) -> {
            throw notWired("joint training (JointTrainingWorkflow)");
        };
    }

    private static RuntimeModelLoader runtime() {
        return modelFile -> {
            throw notWired("the runtime model loader (RuntimeModelLoader)");
        };
    }

    private static CSourceExporter cExporter() {
        return (modelFile, outDir) -> {
            throw notWired("the C exporter (CSourceExporter)");
        };
    }

    private static BackendUnavailableException notWired(String what) {
        return new BackendUnavailableException(what + " is not wired into this build yet (see DefaultBackends)");
    }
}
