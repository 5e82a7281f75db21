package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.Int8Calibrator;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import java.util.List;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * What the one training loop ({@link TrainingPipeline}) needs to know of a task (images, texts, and the model
 * families to come): how to build its joint model, its minibatches, and how the exported model reads a test
 * example on the device. Everything else (epochs, seeding, checkpoints, evaluation, export, the runtime check) is
 * the loop's and the same for every task.
 */
interface TrainingTask {

    /** A new joint model (trainer and projection network) for the configuration and the data. */
    JointProjectionModel newModel();

    /**
     * The training minibatches of {@code epoch}, in that epoch's order (a function of the seed and the epoch only,
     * so a resumed run sees what an uninterrupted one would): graph inputs and one-hot labels {@code [mb, K]}.
     */
    MultiDataSetIterator trainingBatches(int epoch);

    /** The test minibatches, in test-set order. */
    MultiDataSetIterator testBatches();

    /** Training examples (for the progress display). */
    int trainingExamples();

    /** The true label index of every test example, in order. */
    int[] testLabels();

    /**
     * The exported model's class probabilities {@code [n][K]} for every test example, computed by the runtime
     * from the raw example (pixels, text) as a device does.
     */
    float[][] runtimeScores(ProjectionModel model);

    /**
     * Shows the first {@code max} training examples (in the data's order) to {@code calibrator}, read as the device
     * reads them (pixels, or the text's feature bag): an integer-only export's activation ranges come from them.
     */
    void calibrate(Int8Calibrator calibrator, int max);

    /** How the exported model reads its input. */
    InputSpec inputSpec();

    /** Class names, in index order. */
    List<String> labelNames();

    /** The training data, for the model's provenance. */
    String trainingDescription();

    /** The test data, for the model's provenance. */
    String testDescription();
}
