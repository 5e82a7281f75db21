package io.github.dl4jprojection.spark.workflow;

import io.github.dl4jprojection.layers.export.ExportComparison;

/**
 * What a Spark training run measured: training examples, epochs and the wall time of the Spark training alone
 * (from the first minibatch job to the last averaged parameters), the trainer's and projection network's test
 * accuracy in DL4J, the exported model's size and its agreement with DL4J on the test set.
 */
public final class SparkTrainingResult {

    private final long trainingExamples;
    private final int epochs;
    private final double trainingSeconds;
    private final double trainerAccuracy;
    private final double projectionAccuracy;
    private final long projectionParams;
    private final ExportComparison export;

    SparkTrainingResult(long trainingExamples, int epochs, double trainingSeconds, double trainerAccuracy,
                        double projectionAccuracy, long projectionParams, ExportComparison export) {
        this.trainingExamples = trainingExamples;
        this.epochs = epochs;
        this.trainingSeconds = trainingSeconds;
        this.trainerAccuracy = trainerAccuracy;
        this.projectionAccuracy = projectionAccuracy;
        this.projectionParams = projectionParams;
        this.export = export;
    }

    public long trainingExamples() {
        return trainingExamples;
    }

    public int epochs() {
        return epochs;
    }

    public double trainingSeconds() {
        return trainingSeconds;
    }

    /** Training examples processed per second: examples x epochs / training time. */
    public double examplesPerSecond() {
        return trainingExamples * (double) epochs / trainingSeconds;
    }

    public double trainerAccuracy() {
        return trainerAccuracy;
    }

    public double projectionAccuracy() {
        return projectionAccuracy;
    }

    public long projectionParams() {
        return projectionParams;
    }

    /** The exported model against the DL4J projection branch on the test set. */
    public ExportComparison export() {
        return export;
    }
}
