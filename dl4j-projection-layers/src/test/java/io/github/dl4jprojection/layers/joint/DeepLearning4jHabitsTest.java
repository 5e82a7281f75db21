package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingGraphTrainer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.InvocationType;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.listeners.CheckpointListener;
import org.deeplearning4j.optimize.listeners.EvaluativeListener;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A DL4J user's training habits on the joint model: listeners (score, checkpoints, DL4J's evaluative listener,
 * both branches per epoch) and DL4J early stopping scored on the projection branch.
 */
@ExtendWith(SingleThreadedNd4j.class)
class DeepLearning4jHabitsTest {

    private static final Blobs BLOBS = new Blobs(TestModels.N_IN, TestModels.K, 1.0);
    private static final DataSet TRAIN = BLOBS.sample(120, 1, DataType.FLOAT);
    private static final DataSet TEST = BLOBS.sample(60, 2, DataType.FLOAT);
    private static final int BATCH = 20;

    @TempDir
    Path dir;

    private static JointProjectionModel model() {
        return TestModels.smallFromScratch(DataType.FLOAT).updater(new Adam(0.01)).seed(5).build();
    }

    private static DataSetIterator train() {
        return Blobs.iterator(TRAIN, BATCH);
    }

    private static DataSetIterator test() {
        return Blobs.iterator(TEST, BATCH);
    }

    @Test
    void listenersSeeEveryIterationTheJointScoreAndEachEpoch() throws Exception {
        JointProjectionModel joint = model();
        List<Double> scores = new ArrayList<>();
        TrainingListener collect = new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                scores.add(model.score());
            }
        };
        EvaluativeListener trainerEvaluation = new EvaluativeListener(joint.graphData(test()), 1,
                InvocationType.EPOCH_END, new Evaluation(TestModels.K));
        JointEvaluationListener perEpoch = new JointEvaluationListener(joint, test());
        CheckpointListener checkpoints = new CheckpointListener.Builder(dir.toFile()).saveEveryEpoch().keepLast(1)
                .build();
        Evaluation[] lastTrainerEvaluation = new Evaluation[1];
        trainerEvaluation.setCallback((listener, model, count, evaluations) ->
                lastTrainerEvaluation[0] = (Evaluation) evaluations[0]);
        joint.setListeners(new ScoreIterationListener(1000), collect, trainerEvaluation);
        joint.addListeners(perEpoch, checkpoints);
        assertEquals(5, joint.getListeners().size());

        int epochs = 3;
        joint.fit(train(), epochs);

        int iterations = epochs * TRAIN.numExamples() / BATCH;
        assertEquals(iterations, scores.size(), "one score per minibatch");
        for (double s : scores) {
            assertTrue(s > 0 && Double.isFinite(s), "the joint loss: " + s);
        }

        JointEvaluation now = joint.evaluate(test());
        List<JointEvaluation> history = perEpoch.history();
        assertEquals(epochs, history.size(), "one evaluation per epoch");
        assertEquals(now.projection().accuracy(), history.get(epochs - 1).projection().accuracy());
        assertEquals(now.trainer().accuracy(), history.get(epochs - 1).trainer().accuracy());
        assertEquals(now.trainer().accuracy(), lastTrainerEvaluation[0].accuracy(), "DL4J's EvaluativeListener reads the trainer output");

        File last = checkpoints.lastCheckpoint().getFilename() == null ? null
                : new File(dir.toFile(), checkpoints.lastCheckpoint().getFilename());
        ComputationGraph restored = CheckpointListener.loadCheckpointCG(dir.toFile(), checkpoints.lastCheckpoint());
        assertTrue(last != null && last.isFile(), "a checkpoint file per epoch");
        INDArray x = TEST.getFeatures();
        assertEquals(joint.projectionOutput(x), joint.withGraph(restored).projectionOutput(x),
                "the checkpoint restores the projection branch");
    }

    @Test
    void anEvaluationListenerRefusesAnotherModel() {
        JointProjectionModel joint = model();
        JointEvaluationListener perEpoch = new JointEvaluationListener(joint, test());
        JointProjectionModel other = model();
        other.setListeners(perEpoch);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.fit(train(), 1));
        assertTrue(e.getMessage().contains("own JointProjectionModel"), e.getMessage());
    }

    @Test
    void earlyStoppingKeepsTheBestProjectionBranch() throws Exception {
        JointProjectionModel joint = model();
        ProjectionScoreCalculator loss = new ProjectionScoreCalculator(joint, test(),
                ProjectionScoreCalculator.Metric.LOSS);
        double untrained = loss.calculateScore(joint.graph());
        EarlyStoppingConfiguration<ComputationGraph> conf = new EarlyStoppingConfiguration.Builder<ComputationGraph>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(6),
                        new ScoreImprovementEpochTerminationCondition(2))
                .scoreCalculator(loss).evaluateEveryNEpochs(1)
                .modelSaver(new InMemoryModelSaver<>()).build();
        EarlyStoppingResult<ComputationGraph> result =
                new EarlyStoppingGraphTrainer(conf, joint.graph(), joint.graphData(train()), null).fit();

        assertTrue(result.getTotalEpochs() >= 1 && result.getTotalEpochs() <= 6, result.toString());
        JointProjectionModel best = joint.withGraph(result.getBestModel());
        // DL4J 1.0.0-M2.1 leaves getBestModelScore() at 0.0 when the last epoch is the best: read the per-epoch map.
        double bestScore = result.getScoreVsEpoch().get(result.getBestModelEpoch());
        assertEquals(bestScore, loss.calculateScore(best.graph()), 1e-6,
                "the best model's score is the projection branch's loss on the held-out data: " + result);
        assertTrue(bestScore < untrained, untrained + " -> " + bestScore);
        double minimum = Double.POSITIVE_INFINITY;
        for (double s : result.getScoreVsEpoch().values()) {
            minimum = Math.min(minimum, s);
        }
        assertEquals(minimum, bestScore, "the best model is the lowest-loss epoch");

        ProjectionScoreCalculator accuracy = new ProjectionScoreCalculator(joint, test(),
                ProjectionScoreCalculator.Metric.ACCURACY);
        assertEquals(best.evaluate(test()).projection().accuracy(), accuracy.calculateScore(best.graph()), 1e-9);
        assertTrue(!accuracy.minimizeScore() && loss.minimizeScore());
    }
}
