package io.github.dl4jprojection.spark;

import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.spark.data.InputErrors;
import java.io.IOException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Trains a {@link JointProjectionModel} on Spark: its whole joint graph (trainer, {@code ProjectionLayer} or
 * {@code BitVectorInputLayer}, projection dense layers, {@code DistillationOutputLayer}) goes to the workers as
 * its JSON configuration and parameters, and comes back as averaged parameters (or shared gradients) according
 * to the {@link TrainingMaster}.
 *
 * <p>Data: an RDD of MultiDataSets shaped for the joint graph: features {@code [trainer features [mb, n]]} or
 * {@code [trainer features, bits [mb, T*d]]} (0/1 bits; see {@link JointProjectionModel#bitsInputName()}), labels
 * {@code [one-hot [mb, K], the same one-hot]} (trainer output, projection output). The data classes of
 * {@code io.github.dl4jprojection.spark.data} build such RDDs.
 *
 * <p>The model's graph is updated in place: after {@link #fit} the caller's {@code JointProjectionModel} holds the
 * trained parameters (and the averaged updater state), so it evaluates, saves and exports as after
 * single-machine training.
 */
public final class SparkJointTrainer {

    private final JointProjectionModel model;
    private final SparkComputationGraph sparkGraph;

    /**
     * @param sc     the Spark context
     * @param model  the joint model to train; its graph is the one trained
     * @param master how the workers train and combine (see {@link TrainingMasters})
     * @throws IllegalArgumentException naming the null argument
     */
    public SparkJointTrainer(JavaSparkContext sc, JointProjectionModel model, TrainingMaster master) {
        if (sc == null || model == null || master == null) {
            throw new IllegalArgumentException((sc == null ? "sc" : model == null ? "model" : "master")
                    + " must not be null");
        }
        this.model = model;
        this.sparkGraph = new SparkComputationGraph(sc, model.graph(), master);
    }

    /** The model being trained (the same object given to the constructor). */
    public JointProjectionModel model() {
        return model;
    }

    /** dl4j-spark's view of the graph (for listeners and training statistics). */
    public SparkComputationGraph sparkGraph() {
        return sparkGraph;
    }

    /**
     * Trains for {@code epochs} passes over {@code batches}. A problem in the input found by a worker (a
     * malformed line, an unknown label) stops training with a {@code DataFileException} naming the file and line.
     *
     * @throws IllegalArgumentException if {@code epochs < 1} or {@code batches} is null
     * @throws IOException a {@code DataFileException} for bad input
     */
    public void fit(JavaRDD<MultiDataSet> batches, int epochs) throws IOException {
        if (batches == null) {
            throw new IllegalArgumentException("batches must not be null");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            InputErrors.translate(batches.context().hadoopConfiguration(), () -> sparkGraph.fitMultiDataSet(batches));
        }
    }
}
