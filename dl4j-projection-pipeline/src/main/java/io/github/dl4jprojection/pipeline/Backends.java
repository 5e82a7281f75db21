package io.github.dl4jprojection.pipeline;

import java.util.Objects;

/**
 * The implementations behind the command line: training, runtime and C export. The command line
 * gets them from {@link DefaultBackends#create()}; tests pass their own.
 */
public final class Backends {

    private final JointTrainingWorkflow training;
    private final RuntimeModelLoader runtime;
    private final CSourceExporter cExporter;
    private final TextTrainingWorkflow textTraining;

    /**
     * Backends with the shipped text training ({@link TextJointTraining}).
     *
     * @throws NullPointerException naming the missing implementation
     */
    public Backends(JointTrainingWorkflow training, RuntimeModelLoader runtime, CSourceExporter cExporter) {
        this(training, runtime, cExporter, new TextJointTraining());
    }

    /** @throws NullPointerException naming the missing implementation */
    public Backends(JointTrainingWorkflow training, RuntimeModelLoader runtime, CSourceExporter cExporter,
                    TextTrainingWorkflow textTraining) {
        this.training = Objects.requireNonNull(training, "training");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.cExporter = Objects.requireNonNull(cExporter, "cExporter");
        this.textTraining = Objects.requireNonNull(textTraining, "textTraining");
    }

    /** Joint training and export. */
    public JointTrainingWorkflow training() {
        return training;
    }

    /** Joint training and export of text models. */
    public TextTrainingWorkflow textTraining() {
        return textTraining;
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
