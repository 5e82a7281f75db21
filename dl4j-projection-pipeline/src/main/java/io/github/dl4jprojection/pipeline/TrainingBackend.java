package io.github.dl4jprojection.pipeline;

import java.io.IOException;
import org.deeplearning4j.optimize.api.TrainingListener;

/**
 * Trains, evaluates and exports a {@link TrainingJob}: the seam between the command line and the
 * {@link TrainingPipeline} (on this machine or a cluster); command tests pass their own.
 */
@FunctionalInterface
public interface TrainingBackend {

    /**
     * @param progress a listener to attach to the network being trained
     * @throws IOException when a checkpoint or the model file cannot be read or written
     */
    TrainingOutcome train(TrainingJob job, TrainingListener progress) throws IOException;
}
