package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

// README imports: begin
import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.joint.JointEvaluation;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import java.nio.file.Paths;
import io.github.dl4jprojection.layers.joint.JointEvaluationListener;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import io.github.dl4jprojection.layers.joint.ProjectionScoreCalculator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingGraphTrainer;
import org.deeplearning4j.nn.graph.ComputationGraph;
// README imports: end

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Compiles and runs the README's snippets (add a projection branch, export, run on the device), verbatim between
 * the markers, and checks that the README holds the same lines ({@link DocSnippets}).
 */
@ExtendWith(SingleThreadedNd4j.class)
class ReadmeSnippetTest {

    /** Where the README writes its model: the working directory, cleaned after each test. */
    private static final Path MODEL_FILE = Paths.get("model.pnet");

    @AfterEach
    void deleteTheModelFile() throws IOException {
        Files.deleteIfExists(MODEL_FILE);
    }

    @Test
    void addAProjectionBranchExportItAndRunItOnTheDevice() throws IOException {
        Blobs blobs = new Blobs(20, 3, 1.5);
        DataSetIterator trainData = Blobs.iterator(blobs.sample(600, 1, DataType.FLOAT), 20);
        DataSet test = blobs.sample(300, 2, DataType.FLOAT);
        DataSetIterator testData = Blobs.iterator(test, 100);
        MultiLayerNetwork net = TestModels.mlp(20, 3, DataType.FLOAT);
        net.fit(trainData, 3);

        // README snippet: begin
        JointProjectionModel joint = new JointProjectionModel.Builder().trainer(net).freezeTrainer(true)
                .labelNames("cat", "dog", "bird")
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(16).bitsPerFunction(8).build()).build();
        joint.fit(trainData, 5);
        JointEvaluation evaluation = joint.evaluate(testData);
        // README snippet: end
        assertTrue(evaluation.projection().accuracy() > 0.8, evaluation.toString());

        // README snippet: begin
        ProjectionModel model = ProjectionNetExporter.from(joint).export();
        ModelWriter.write(model, Paths.get("model.pnet"));
        // README snippet: end

        float[] pixels = test.getFeatures().getRow(0).toFloatVector();
        int expected = joint.projectionOutput(test.getFeatures().getRow(0, true)).argMax(1).getInt(0);
        assertEquals(new String[] {"cat", "dog", "bird"}[expected], onTheDevice(pixels));
    }

    /**
     * The README's device snippet, here on the model just exported (the runtime's RuntimeReadmeSnippetTest runs the
     * same three lines on a golden file); returns the label name it computes.
     */
    private static String onTheDevice(float[] pixels) throws IOException {
        // README snippet: begin
        ProjectionModel model = ProjectionModel.load(Paths.get("model.pnet"));
        int label = model.predict(pixels);
        String name = model.labelName(label);
        // README snippet: end
        return name;
    }

    @Test
    void listenersAndEarlyStoppingAsDl4jUsersWriteThem() throws IOException {
        Blobs blobs = new Blobs(20, 3, 1.5);
        DataSetIterator trainData = Blobs.iterator(blobs.sample(300, 1, DataType.FLOAT), 20);
        DataSetIterator testData = Blobs.iterator(blobs.sample(150, 2, DataType.FLOAT), 50);
        MultiLayerNetwork net = TestModels.mlp(20, 3, DataType.FLOAT);
        net.fit(trainData, 3);
        JointProjectionModel joint = new JointProjectionModel.Builder().trainer(net).freezeTrainer(true)
                .labelNames("cat", "dog", "bird")
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(16).bitsPerFunction(8).build()).build();

        // README snippet: begin
        JointEvaluationListener perEpoch = new JointEvaluationListener(joint, testData);
        joint.setListeners(new ScoreIterationListener(100), perEpoch);
        joint.fit(trainData, 5);
        double lastAccuracy = perEpoch.history().get(4).projection().accuracy();
        // README snippet: end
        assertEquals(joint.evaluate(testData).projection().accuracy(), lastAccuracy);

        // README snippet: begin
        EarlyStoppingConfiguration<ComputationGraph> conf = new EarlyStoppingConfiguration.Builder<ComputationGraph>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(30),
                        new ScoreImprovementEpochTerminationCondition(3))
                .scoreCalculator(new ProjectionScoreCalculator(joint, testData, ProjectionScoreCalculator.Metric.LOSS))
                .modelSaver(new InMemoryModelSaver<>()).build();
        EarlyStoppingResult<ComputationGraph> result =
                new EarlyStoppingGraphTrainer(conf, joint.graph(), joint.graphData(trainData), null).fit();
        JointProjectionModel best = joint.withGraph(result.getBestModel());
        // README snippet: end
        assertTrue(result.getTotalEpochs() <= 30, result.toString());
        assertTrue(best.evaluate(testData).projection().accuracy() > 0.8, result.toString());
    }

    @Test
    void theReadmeHoldsTheCodeThisTestRuns() throws IOException {
        DocSnippets.assertSameCode("README.md", ReadmeSnippetTest.class, "README");
    }
}
