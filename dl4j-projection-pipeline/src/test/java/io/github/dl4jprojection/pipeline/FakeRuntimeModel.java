package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.ImageSize;
import java.util.Arrays;
import java.util.List;

/** A stand-in runtime model: predicts class {@code (int) pixels[0] % numClasses}; the score is 1 for it, 0 elsewhere. */
public final class FakeRuntimeModel implements LoadedRuntimeModel {

    private final int inputSize;
    private final List<String> labelNames;
    private final int bits;

    public FakeRuntimeModel(int inputSize, List<String> labelNames, int bits) {
        this.inputSize = inputSize;
        this.labelNames = labelNames;
        this.bits = bits;
    }

    /** The class this model predicts for an image whose first pixel is {@code firstPixel}. */
    public static int rule(int firstPixel, int numClasses) {
        return firstPixel % numClasses;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    /** None: the fake model files record only the pixel count. */
    @Override
    public ImageSize imageShape() {
        return null;
    }

    @Override
    public List<String> labelNames() {
        return labelNames;
    }

    @Override
    public int projectionBits() {
        return bits;
    }

    @Override
    public long parameterCount() {
        return (long) (bits + 1) * labelNames.size();
    }

    @Override
    public int predict(float[] pixels, float[] scores) {
        if (pixels.length != inputSize || scores.length != labelNames.size()) {
            throw new IllegalArgumentException("wrong array length");
        }
        int c = rule((int) pixels[0], labelNames.size());
        Arrays.fill(scores, 0f);
        scores[c] = 1f;
        return c;
    }
}
