package io.github.dl4jprojection.layers.joint;

import java.util.Objects;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The score of DL4J early stopping ({@code EarlyStoppingConfiguration.Builder.scoreCalculator}) for a joint graph:
 * the projection branch's, since the projection network is what ships. The graph's own score would mix in the
 * trainer's loss and the distillation term.
 * <ul>
 *   <li>{@link Metric#LOSS}: the projection's mean cross-entropy against the labels,
 *       {@code -(1/n) sum_i sum_k y_ik log(max(p_ik, 1e-30))}, minimized;</li>
 *   <li>{@link Metric#ACCURACY}: the share of examples whose most probable projection class is the label's,
 *       maximized.</li>
 * </ul>
 *
 * <pre>{@code
 * EarlyStoppingConfiguration<ComputationGraph> conf = new EarlyStoppingConfiguration.Builder<ComputationGraph>()
 *         .epochTerminationConditions(new MaxEpochsTerminationCondition(30),
 *                 new ScoreImprovementEpochTerminationCondition(3))
 *         .scoreCalculator(new ProjectionScoreCalculator(joint, validationData, ProjectionScoreCalculator.Metric.LOSS))
 *         .modelSaver(new InMemoryModelSaver<>()).build();
 * EarlyStoppingResult<ComputationGraph> result =
 *         new EarlyStoppingGraphTrainer(conf, joint.graph(), joint.graphData(trainData)).fit();
 * JointProjectionModel best = joint.withGraph(result.getBestModel());
 * }</pre>
 * In DL4J 1.0.0-M2.1 {@code result.getBestModelScore()} can read 0.0 when the last epoch is the best;
 * {@code result.getScoreVsEpoch().get(result.getBestModelEpoch())} holds the score this calculator gave.
 */
public final class ProjectionScoreCalculator implements ScoreCalculator<ComputationGraph> {

    private static final long serialVersionUID = 1L;
    private static final double MIN_PROBABILITY = 1e-30;

    /** What the score measures. */
    public enum Metric {
        /** Mean cross-entropy of the projection's probabilities against the labels; lower is better. */
        LOSS,
        /** Share of examples the projection classifies as labelled; higher is better. */
        ACCURACY
    }

    private final transient JointProjectionModel joint;
    private final transient DataSetIterator data;
    private final Metric metric;

    /**
     * @param joint the model whose graph (or a graph of the same configuration) is scored
     * @param data  held-out examples, features and labels as for {@link JointProjectionModel#fit}
     */
    public ProjectionScoreCalculator(JointProjectionModel joint, DataSetIterator data, Metric metric) {
        this.joint = Objects.requireNonNull(joint, "joint");
        this.data = Objects.requireNonNull(data, "data");
        this.metric = Objects.requireNonNull(metric, "metric");
    }

    /**
     * @throws IllegalArgumentException if the graph lacks a vertex of the joint layout, or the data is empty or
     *     breaks the input contract
     */
    @Override
    public double calculateScore(ComputationGraph graph) {
        JointProjectionModel scored = joint.withGraph(graph);
        int p = graph.getConfiguration().getNetworkOutputs().indexOf(scored.projectionOutputName());
        MultiDataSetIterator batches = scored.graphData(data);
        if (batches.resetSupported()) {
            batches.reset();
        }
        double sum = 0;
        long examples = 0;
        while (batches.hasNext()) {
            MultiDataSet batch = batches.next();
            INDArray probabilities = scored.output(batch.getFeatures(), batch.getFeaturesMaskArrays())[p];
            INDArray labels = batch.getLabels(p).castTo(probabilities.dataType());
            if (metric == Metric.LOSS) {
                INDArray logs = Transforms.log(Transforms.max(probabilities, MIN_PROBABILITY, true), false);
                sum -= logs.muli(labels).sumNumber().doubleValue();
            } else {
                INDArray predicted = probabilities.argMax(1);
                INDArray expected = labels.argMax(1);
                sum += predicted.eq(expected).castTo(probabilities.dataType()).sumNumber().doubleValue();
            }
            examples += probabilities.rows();
        }
        if (examples == 0) {
            throw new IllegalArgumentException("the early-stopping data holds no examples");
        }
        return sum / examples;
    }

    /** True for {@link Metric#LOSS}, false for {@link Metric#ACCURACY}. */
    @Override
    public boolean minimizeScore() {
        return metric == Metric.LOSS;
    }
}
