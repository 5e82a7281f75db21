package io.github.dl4jprojection.pipeline;

import java.io.IOException;
import org.deeplearning4j.optimize.api.TrainingListener;

/**
 * Seam to the text joint training ({@link TextJointTraining}): train a trainer and a projection network on
 * labelled texts, evaluate both on the test texts, export the projection network to
 * {@link TextTrainingRequest#modelFile()} as a text (feature) model.
 */
public interface TextTrainingWorkflow {

    /**
     * @param request  what to train and where to write the model
     * @param progress a listener to attach to the network being trained
     * @return sizes and accuracies, and the DL4J projection network's class of each test text, in order
     * @throws IOException when the model file cannot be written
     */
    TrainingOutcome train(TextTrainingRequest request, TrainingListener progress) throws IOException;
}
