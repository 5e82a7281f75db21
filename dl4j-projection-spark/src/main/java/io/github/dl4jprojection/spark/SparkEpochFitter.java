package io.github.dl4jprojection.spark;

import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.pipeline.EpochFitter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Fits the pipeline's epochs on Spark: the epoch's minibatches (encoded on the driver by the same task code as on
 * one machine, so every trainer, featurizer and option works alike) become an RDD, and dl4j-spark trains the whole
 * joint graph (its JSON configuration, with the project's custom layers, and its parameters go to the workers) with
 * the {@link TrainingMaster}: parameter averaging or gradient sharing (see {@link TrainingMasters}). The joint
 * model's graph is updated in place, so it evaluates, checkpoints and exports as after single-machine training.
 *
 * <p>The minibatches are the pipeline's {@code [features..., mask...]} with one label array; each goes to the
 * workers with that array for both outputs (trainer and projection), as {@code JointProjectionModel.fit} does.
 * Training is not run-to-run deterministic on Spark (the order in which workers' updates meet differs).
 */
public final class SparkEpochFitter implements EpochFitter {

    private final JavaSparkContext sc;
    private final TrainingMaster master;
    private final int partitions;
    private SparkComputationGraph sparkGraph;
    private JointProjectionModel trained;

    /**
     * @param partitions partitions of each epoch's minibatches, 0 for the context's default parallelism
     * @throws IllegalArgumentException naming a null argument or negative partitions
     */
    public SparkEpochFitter(JavaSparkContext sc, TrainingMaster master, int partitions) {
        if (sc == null || master == null) {
            throw new IllegalArgumentException((sc == null ? "sc" : "master") + " must not be null");
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be 0 or more, got " + partitions);
        }
        this.sc = sc;
        this.master = master;
        this.partitions = partitions;
    }

    @Override
    public void fitEpoch(JointProjectionModel joint, MultiDataSetIterator batches) {
        if (trained != joint) {
            sparkGraph = new SparkComputationGraph(sc, joint.graph(), master);
            trained = joint;
        }
        int outputs = joint.graph().getNumOutputArrays();
        List<MultiDataSet> list = new ArrayList<>();
        while (batches.hasNext()) {
            list.add(forEveryOutput(batches.next(), outputs));
        }
        JavaRDD<MultiDataSet> rdd = partitions > 0 ? sc.parallelize(list, partitions) : sc.parallelize(list);
        ComputationGraphConfiguration conf = joint.graph().getConfiguration();
        int before = conf.getEpochCount();
        sparkGraph.fitMultiDataSet(rdd);
        // The pipeline counts finished epochs in the graph configuration (checkpoints and resume read it); the
        // training masters do not all advance it.
        if (conf.getEpochCount() == before) {
            conf.setEpochCount(before + 1);
        }
    }

    private static MultiDataSet forEveryOutput(MultiDataSet batch, int outputs) {
        if (batch.numLabelsArrays() == outputs) {
            return batch;
        }
        INDArray[] labels = new INDArray[outputs];
        INDArray[] masks = batch.getLabelsMaskArrays() == null ? null : new INDArray[outputs];
        for (int i = 0; i < outputs; i++) {
            labels[i] = batch.getLabels(0);
            if (masks != null) {
                masks[i] = batch.getLabelsMaskArray(0);
            }
        }
        return new org.nd4j.linalg.dataset.MultiDataSet(batch.getFeatures(), labels, batch.getFeaturesMaskArrays(),
                masks);
    }
}
