package io.github.dl4jprojection.examples.workflow;

import java.util.Objects;

/**
 * The implementations behind the command line: training, runtime and C export. The command line
 * gets them from {@link DefaultBackends#create()}; tests pass their own.
 */
public final class Backends {

    private final JointTrainingWorkflow training;
    private final RuntimeModelLoader runtime;
    private final CSourceExporter cExporter;

    /** @throws NullPointerException naming the missing implementation */
    public Backends(JointTrainingWorkflow training, RuntimeModelLoader runtime, CSourceExporter cExporter) {
        this.training = Objects.requireNonNull(training, "training");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.cExporter = Objects.requireNonNull(cExporter, "cExporter");
    }

    /** Joint training and export. */
    public JointTrainingWorkflow training() {
        return training;
    }

    /** Loading model files into the runtime. */
    public RuntimeModelLoader runtime() {
        return runtime;
    }

    /** C source export. */
    public CSourceExporter cExporter() {
        return cExporter;
    }
}
