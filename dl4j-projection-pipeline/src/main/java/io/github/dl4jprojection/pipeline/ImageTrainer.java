package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import java.util.List;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * A trainer of image models: its layers before the softmax output, for images of a given size. The joint graph's
 * input stays the raw 0..255 pixels, which the projection branch needs (integer sums are exact, so the DL4J layer,
 * the Java runtime and the C runtime agree bit for bit); {@link #addTo} puts a {@link ScaleVertex} of
 * {@code 1/pixelMax} ({@link TrainingConfig#pixelMax()}, 255 for 8-bit images) in front of the trainer so it sees
 * [0, 1] as usual, whatever the data's range.
 */
public interface ImageTrainer extends Trainer {

    /** Name of the scaling vertex in front of the trainer layers. */
    String SCALED = "scaled";

    /**
     * New, named layer configurations, in order, for images of {@code height x width} (one channel) of
     * {@code numClasses} classes (a trainer may size its last layers by it); the caller appends the logits and the
     * output. The same definition serves the joint graph and a trainer trained alone.
     *
     * @throws IncompatibleModelException when the trainer cannot take images of this size, naming the sizes
     */
    List<Layer> layers(int height, int width, int numClasses);

    @Override
    default TaskKind task() {
        return TaskKind.IMAGE;
    }

    /**
     * Adds the scaling vertex and {@link #layers} to a joint builder whose trainer input is the raw pixels.
     *
     * @param pixelMax the pixel value the scaling maps to 1
     */
    default void addTo(JointProjectionModel.Builder builder, int height, int width, int numClasses, int pixelMax) {
        builder.trainerVertex(SCALED, new ScaleVertex(1.0 / pixelMax), JointProjectionModel.TRAINER_INPUT);
        String previous = SCALED;
        for (Layer layer : layers(height, width, numClasses)) {
            builder.trainerLayer(layer.getLayerName(), layer, previous);
            previous = layer.getLayerName();
        }
    }
}
