package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.ImageSize;
import java.util.List;

/**
 * An exported projection network loaded into the runtime, as the command line sees it. One instance
 * is used by one thread at a time (it may hold scratch buffers).
 */
public interface LoadedRuntimeModel {

    /** The input length: pixels per image ({@code height * width}). */
    int inputSize();

    /**
     * The image height and width the model was exported for, or null when its file records only the pixel count:
     * an image of the right count but another shape (56x14 for 28x28) must be refused, not read row by row.
     */
    ImageSize imageShape();

    /** Class names, indexed by class; their count is the length of the score vector. */
    List<String> labelNames();

    /** {@code T * d}, the number of projection bits. */
    int projectionBits();

    /** Trainable parameters of the projection network. */
    long parameterCount();

    /**
     * Classifies one image.
     *
     * @param pixels raw pixel values 0..255 (not scaled), length {@link #inputSize()}
     * @param scores receives one score per class (length {@code labelNames().size()})
     * @return the predicted class, the index of the highest score
     * @throws IllegalArgumentException when an array has the wrong length or a value is NaN or infinite
     */
    int predict(float[] pixels, float[] scores);
}
