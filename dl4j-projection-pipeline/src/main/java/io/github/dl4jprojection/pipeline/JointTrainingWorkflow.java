package io.github.dl4jprojection.pipeline;

import org.deeplearning4j.optimize.api.TrainingListener;

import java.io.IOException;

/**
 * Seam to the joint-training code (module dl4j-projection-layers, package
 * {@code io.github.dl4jprojection.layers.joint}, and its exporter): train a trainer network and a
 * projection network together with the combined loss, export the projection network, report.
 *
 * <p>An implementation:
 * <ol>
 *   <li>builds the joint ComputationGraph for {@link TrainingRequest#trainer()},
 *       {@link TrainingRequest#bits()}, {@link TrainingRequest#density()}, {@link TrainingRequest#hiddenLayers()},
 *       {@link TrainingRequest#lossWeights()} and {@link TrainingRequest#seed()};</li>
 *   <li>trains it for {@link TrainingRequest#epochs()} epochs on the training split (e.g. with
 *       {@link io.github.dl4jprojection.data.ImageDataSetIterator}), calling {@code progress}
 *       like any DL4J listener; with a {@link TrainingRequest#checkpointDir()} it saves a checkpoint
 *       after each epoch, and with {@link TrainingRequest#resume()} it continues from the last one
 *       (iterator positioned with {@code setEpoch}) instead of starting afresh;</li>
 *   <li>evaluates both networks on the test split;</li>
 *   <li>exports the projection network to {@link TrainingRequest#modelFile()} (quantized as
 *       {@link TrainingRequest#quantization()}), with the task's label names and provenance.</li>
 * </ol>
 */
public interface JointTrainingWorkflow {

    /**
     * @param request  what to train and where to write the model
     * @param progress a listener to attach to the network being trained
     * @return sizes and accuracies, and the projection network's test predictions
     * @throws IOException when a checkpoint or the model file cannot be written or read
     */
    TrainingOutcome train(TrainingRequest request, TrainingListener progress) throws IOException;
}
