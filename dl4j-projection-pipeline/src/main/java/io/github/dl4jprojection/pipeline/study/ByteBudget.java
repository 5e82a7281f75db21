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
 * The MLP's actual bytes are reported, so the remaining difference is visible.
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

    private static void requirePositive(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("bytes must be at least 1, got " + bytes);
        }
    }
}
