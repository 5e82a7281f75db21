package io.github.dl4jprojection.pipeline.study;

/**
 * Sizes a baseline MLP so that its stored bytes match a projection network's exported file.
 *
 * <p>How bytes are counted: a projection network's bytes are its whole {@code .pnet} file: float32 weights and
 * biases ({@code 4 * params}) plus a fixed overhead (header, projection and featurizer configuration, labels,
 * provenance, checksum; a few hundred bytes). An MLP's bytes are {@code 4 * (weights + biases)}, what the
 * format's float32 dense sections would hold, plus the same overhead (a file holding the MLP would carry the
 * same header, labels and input configuration). So at equal bytes the MLP's {@code 4 * params} is sized to the
 * projection network's {@code 4 * params}; the methods below take that weight budget.
 *
 * <ul>
 *   <li>{@link #fixedInput}: the input width is given (pixels); the hidden width {@code w} is the one whose
 *       {@code 4 * (nIn*w + w + w*K + K)} is nearest the budget, at least 1.</li>
 *   <li>{@link #fixedHidden}: the hidden width is given (the projection network's, 0 for none) and the input
 *       width (hashed bag-of-words buckets) is the one nearest the budget, at least 1.</li>
 * </ul>
 * The small CNN ({@link #cnn}) has the same weight budget: its pool is the smallest of 2, 4, 8, ... whose
 * one-channel network fits the budget (the largest when none does), then its channel count is the one whose
 * bytes are nearest the budget, at least 1. The MLP's and the CNN's actual bytes are reported, so the remaining
 * difference is visible.
 */
public final class ByteBudget {

    /** Bytes per stored float32 weight or bias. */
    public static final int FLOAT_BYTES = 4;

    private ByteBudget() {
    }

    /** Weights and biases of {@code nIn -> hidden -> K} (hidden 0: {@code nIn -> K}). */
    public static long denseParams(long nIn, int hidden, int numClasses) {
        return hidden > 0 ? nIn * hidden + hidden + (long) hidden * numClasses + numClasses
                : nIn * numClasses + numClasses;
    }

    /**
     * The MLP on {@code nIn} inputs with one hidden layer whose bytes are nearest {@code bytes}.
     *
     * @throws IllegalArgumentException naming the argument out of range
     */
    public static MlpShape fixedInput(int nIn, int numClasses, long bytes) {
        requirePositive(bytes);
        double perUnit = nIn + 1.0 + numClasses;
        double units = (bytes / (double) FLOAT_BYTES - numClasses) / perUnit;
        return new MlpShape(nIn, (int) Math.max(1, Math.round(units)), numClasses);
    }

    /**
     * The MLP with the given hidden width (0 for none) whose input width is nearest {@code bytes}.
     *
     * @throws IllegalArgumentException naming the argument out of range
     */
    public static MlpShape fixedHidden(int hidden, int numClasses, long bytes) {
        requirePositive(bytes);
        double budget = bytes / (double) FLOAT_BYTES;
        double inputs = hidden > 0 ? (budget - hidden - (double) hidden * numClasses - numClasses) / hidden
                : (budget - numClasses) / numClasses;
        return new MlpShape((int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(inputs))), hidden, numClasses);
    }

    /**
     * The small CNN on {@code height x width} images whose float32 weights and biases are nearest {@code bytes}.
     *
     * @throws IllegalArgumentException naming the argument out of range
     */
    public static CnnShape cnn(int height, int width, int numClasses, long bytes) {
        requirePositive(bytes);
        int side = Math.min(height, width);
        int pool = Math.min(2, side);
        while (pool * 2 <= side && new CnnShape(height, width, 1, pool, numClasses).bytes() > bytes) {
            pool *= 2;
        }
        long perChannel = new CnnShape(height, width, 1, pool, numClasses).params() - numClasses;
        double channels = (bytes / (double) FLOAT_BYTES - numClasses) / perChannel;
        return new CnnShape(height, width, (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(channels))), pool,
                numClasses);
    }

    private static void requirePositive(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("bytes must be at least 1, got " + bytes);
        }
    }
}
