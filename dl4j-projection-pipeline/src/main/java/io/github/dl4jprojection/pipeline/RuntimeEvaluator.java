package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.ImageDataset;

import java.util.List;

/**
 * Runs an exported model over a test set with the runtime: accuracy, agreement with the DL4J
 * projection network's predictions, latency per example and the confusion matrix.
 *
 * <p>Latency is the mean of {@code System.nanoTime()} around each {@code predict} call, after a
 * warm-up pass over up to {@value #WARM_UP} images so that the JIT has compiled the hot path.
 */
public final class RuntimeEvaluator {

    /** Images predicted, untimed, before the timed pass. */
    static final int WARM_UP = 500;

    private RuntimeEvaluator() {
    }

    /**
     * Fails unless {@code model} takes images of {@code test}'s size and has {@code expectedLabels}.
     *
     * @param expectedLabels the class names the model must have (the task's), or {@code null} to
     *                       only check that the model has at least as many classes as the data
     * @throws IncompatibleModelException saying what the model expects and what the data has
     */
    public static void checkCompatible(LoadedRuntimeModel model, ImageDataset test, List<String> expectedLabels) {
        if (model.inputSize() != test.pixelsPerImage()) {
            throw new IncompatibleModelException("the model takes " + model.inputSize() + " pixels per image, but "
                    + test.description() + " has " + test.height() + "x" + test.width() + " = " + test.pixelsPerImage()
                    + ": the model was trained for other data");
        }
        if (expectedLabels != null && !expectedLabels.equals(model.labelNames())) {
            throw new IncompatibleModelException("the model's classes are " + model.labelNames() + ", but the task's are "
                    + expectedLabels + ": the model was trained for another task");
        }
        if (model.labelNames().size() < test.numClasses()) {
            throw new IncompatibleModelException("the model has " + model.labelNames().size() + " classes, but "
                    + test.description() + " has " + test.numClasses());
        }
    }

    /**
     * @param reference the DL4J projection network's predicted class per test image, or {@code null}
     * @throws IncompatibleModelException when the model does not fit the data (see {@link #checkCompatible})
     * @throws IllegalArgumentException   naming {@code reference} when its length is not the test set's
     */
    public static RuntimeEvaluation evaluate(LoadedRuntimeModel model, ImageDataset test, int[] reference) {
        checkCompatible(model, test, null);
        if (reference != null && reference.length != test.size()) {
            throw new IllegalArgumentException("reference must have one prediction per test image (" + test.size()
                    + "), got " + reference.length);
        }
        float[] pixels = new float[test.pixelsPerImage()];
        float[] scores = new float[model.labelNames().size()];
        for (int i = 0; i < Math.min(WARM_UP, test.size()); i++) {
            test.copyPixels(i, pixels, 0, 1f);
            model.predict(pixels, scores);
        }
        int correct = 0;
        int agree = 0;
        long nanos = 0;
        int[][] confusion = new int[scores.length][scores.length];
        for (int i = 0; i < test.size(); i++) {
            test.copyPixels(i, pixels, 0, 1f);
            long t0 = System.nanoTime();
            int predicted = model.predict(pixels, scores);
            nanos += System.nanoTime() - t0;
            if (predicted == test.label(i)) {
                correct++;
            }
            confusion[test.label(i)][predicted]++;
            if (reference != null && predicted == reference[i]) {
                agree++;
            }
        }
        int n = test.size();
        return new RuntimeEvaluation(n, n == 0 ? Double.NaN : (double) correct / n,
                reference == null || n == 0 ? Double.NaN : (double) agree / n, n == 0 ? Double.NaN : (double) nanos / n,
                model.labelNames(), confusion);
    }
}
