package io.github.dl4jprojection.runtime.model;

/**
 * The parameters of one fully connected layer of a projection network, immutable:
 * {@code y[j] = f(z[j])}, {@code z = x W + b}, with {@code x} of length {@code nIn}, {@code W} of
 * shape {@code [nIn][nOut]} stored row-major ({@code W[i][j]} at index {@code i * nOut + j}, the
 * layout of a DL4J DenseLayer's {@code W}), {@code b} of length {@code nOut} and {@code f} a
 * {@link Nonlinearity}.
 *
 * <p>An {@link WeightType#INT8} block stores {@code q[i][j]} in {@code [-127, 127]} and one scale
 * per output unit, and computes {@code z[j] = (sum_i x[i] * q[i][j]) * s[j] + b[j]}; the
 * exporter quantizes with {@code runtime.internal.model.Int8Quantizer}. The exact float32
 * evaluation order is in {@code docs/FORMAT.md}.
 */
public final class DenseBlock {

    /** The alpha of {@link Nonlinearity#LEAKY_RELU} when none is given (DL4J's default). */
    public static final float DEFAULT_LEAKY_ALPHA = 0.01f;

    final int nIn;
    final int nOut;
    final Nonlinearity nonlinearity;
    final float alpha;
    final WeightType weightType;
    /** FLOAT32: {@code W[i * nOut + j]}; null for INT8. */
    final float[] weights;
    /** INT8: {@code q[i * nOut + j]}; null for FLOAT32. */
    final byte[] quantized;
    /** INT8: {@code s[j]}; null for FLOAT32. */
    final float[] scales;
    final float[] bias;

    private DenseBlock(int nIn, int nOut, Nonlinearity nonlinearity, float alpha, WeightType weightType,
                       float[] weights, byte[] quantized, float[] scales, float[] bias) {
        this.nIn = nIn;
        this.nOut = nOut;
        this.nonlinearity = nonlinearity;
        this.alpha = alpha;
        this.weightType = weightType;
        this.weights = weights;
        this.quantized = quantized;
        this.scales = scales;
        this.bias = bias;
    }

    /** A float32 block; a {@link Nonlinearity#LEAKY_RELU} gets {@link #DEFAULT_LEAKY_ALPHA}. */
    public static DenseBlock float32(int nIn, int nOut, float[] weights, float[] bias, Nonlinearity nonlinearity) {
        return float32(nIn, nOut, weights, bias, nonlinearity, defaultAlpha(nonlinearity));
    }

    /**
     * A float32 block; arrays are copied.
     *
     * @param weights {@code nIn * nOut} finite values, {@code W[i][j]} at {@code i * nOut + j}
     * @param bias    {@code nOut} finite values
     * @param alpha   the negative slope of LEAKY_RELU; must be 0 for every other function
     * @throws IllegalArgumentException naming the parameter that breaks a rule
     */
    public static DenseBlock float32(int nIn, int nOut, float[] weights, float[] bias, Nonlinearity nonlinearity,
                                     float alpha) {
        checkShape(nIn, nOut);
        checkFunction(nonlinearity, alpha);
        checkFinite(weights, (long) nIn * nOut, "weights", nOut);
        checkFinite(bias, nOut, "bias", 0);
        return new DenseBlock(nIn, nOut, nonlinearity, alpha, WeightType.FLOAT32, weights.clone(), null, null,
                bias.clone());
    }

    /** An int8 block; a {@link Nonlinearity#LEAKY_RELU} gets {@link #DEFAULT_LEAKY_ALPHA}. */
    public static DenseBlock int8(int nIn, int nOut, byte[] quantized, float[] scales, float[] bias,
                                  Nonlinearity nonlinearity) {
        return int8(nIn, nOut, quantized, scales, bias, nonlinearity, defaultAlpha(nonlinearity));
    }

    /**
     * An int8 block; arrays are copied.
     *
     * @param quantized {@code nIn * nOut} values in {@code [-127, 127]}, {@code q[i][j]} at {@code i * nOut + j}
     * @param scales    {@code nOut} finite, non-negative per-output scales
     * @param bias      {@code nOut} finite float32 values
     * @throws IllegalArgumentException naming the parameter that breaks a rule
     */
    public static DenseBlock int8(int nIn, int nOut, byte[] quantized, float[] scales, float[] bias,
                                  Nonlinearity nonlinearity, float alpha) {
        checkShape(nIn, nOut);
        checkFunction(nonlinearity, alpha);
        if (quantized == null || quantized.length != (long) nIn * nOut) {
            throw new IllegalArgumentException("quantized weights must hold nIn * nOut = " + (long) nIn * nOut
                    + " values, got " + (quantized == null ? "null" : String.valueOf(quantized.length)));
        }
        for (int k = 0; k < quantized.length; k++) {
            if (quantized[k] == Byte.MIN_VALUE) {
                throw new IllegalArgumentException("quantized weight [" + k / nOut + "][" + k % nOut
                        + "] is -128; int8 weights are symmetric, in [-127, 127]");
            }
        }
        checkFinite(scales, nOut, "scales", 0);
        for (int j = 0; j < nOut; j++) {
            if (scales[j] < 0f) {
                throw new IllegalArgumentException("scale [" + j + "] must not be negative, got " + scales[j]);
            }
        }
        checkFinite(bias, nOut, "bias", 0);
        return new DenseBlock(nIn, nOut, nonlinearity, alpha, WeightType.INT8, null, quantized.clone(),
                scales.clone(), bias.clone());
    }

    private static float defaultAlpha(Nonlinearity nonlinearity) {
        return nonlinearity == Nonlinearity.LEAKY_RELU ? DEFAULT_LEAKY_ALPHA : 0f;
    }

    private static void checkShape(int nIn, int nOut) {
        if (nIn < 1 || nIn > PnetFormat.MAX_LAYER_WIDTH) {
            throw new IllegalArgumentException("nIn must be in [1, " + PnetFormat.MAX_LAYER_WIDTH + "], got " + nIn);
        }
        if (nOut < 1 || nOut > PnetFormat.MAX_LAYER_WIDTH) {
            throw new IllegalArgumentException("nOut must be in [1, " + PnetFormat.MAX_LAYER_WIDTH + "], got " + nOut);
        }
    }

    private static void checkFunction(Nonlinearity nonlinearity, float alpha) {
        if (nonlinearity == null) {
            throw new IllegalArgumentException("nonlinearity must not be null");
        }
        if (Float.isNaN(alpha) || Float.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite, got " + alpha);
        }
        if (nonlinearity != Nonlinearity.LEAKY_RELU && Float.floatToRawIntBits(alpha) != 0) {
            throw new IllegalArgumentException("alpha must be 0 for " + nonlinearity + ", got " + alpha);
        }
    }

    /** {@code rowLength > 0} reports positions as {@code [i][j]} of a row-major matrix. */
    private static void checkFinite(float[] values, long expected, String name, int rowLength) {
        if (values == null || values.length != expected) {
            throw new IllegalArgumentException(name + " must hold " + expected + " values, got "
                    + (values == null ? "null" : String.valueOf(values.length)));
        }
        for (int k = 0; k < values.length; k++) {
            float v = values[k];
            if (Float.isNaN(v) || Float.isInfinite(v)) {
                String at = rowLength > 0 ? "[" + k / rowLength + "][" + k % rowLength + "]" : "[" + k + "]";
                throw new IllegalArgumentException(name + " " + at + " is not finite: " + v);
            }
        }
    }

    /** The input width. */
    public int nIn() {
        return nIn;
    }

    /** The output width. */
    public int nOut() {
        return nOut;
    }

    /** The function applied to {@code z}. */
    public Nonlinearity nonlinearity() {
        return nonlinearity;
    }

    /** The negative slope of LEAKY_RELU; 0 for other functions. */
    public float alpha() {
        return alpha;
    }

    /** How the weights are stored. */
    public WeightType weightType() {
        return weightType;
    }

    /** The effective weight {@code W[i][j]}: the stored float, or {@code q[i][j] * s[j]} for int8. */
    public float weight(int i, int j) {
        if (i < 0 || i >= nIn || j < 0 || j >= nOut) {
            throw new IndexOutOfBoundsException("weight [" + i + "][" + j + "] is outside [" + nIn + "][" + nOut + "]");
        }
        int k = i * nOut + j;
        return weightType == WeightType.FLOAT32 ? weights[k] : quantized[k] * scales[j];
    }

    /**
     * A copy of the float32 weights, {@code W[i][j]} at {@code i * nOut + j}.
     *
     * @throws IllegalStateException for an int8 block
     */
    public float[] floatWeights() {
        if (weights == null) {
            throw new IllegalStateException("an INT8 block has no float32 weights; use quantizedWeights() and scales()");
        }
        return weights.clone();
    }

    /**
     * A copy of the int8 weights, {@code q[i][j]} at {@code i * nOut + j}.
     *
     * @throws IllegalStateException for a float32 block
     */
    public byte[] quantizedWeights() {
        if (quantized == null) {
            throw new IllegalStateException("a FLOAT32 block has no int8 weights; use floatWeights()");
        }
        return quantized.clone();
    }

    /**
     * A copy of the per-output scales of an int8 block.
     *
     * @throws IllegalStateException for a float32 block
     */
    public float[] scales() {
        if (scales == null) {
            throw new IllegalStateException("a FLOAT32 block has no scales");
        }
        return scales.clone();
    }

    /** A copy of the bias. */
    public float[] bias() {
        return bias.clone();
    }

    /** The number of stored parameters (weights, scales and biases). */
    public long numParameters() {
        return (long) nIn * nOut + nOut + (scales == null ? 0 : nOut);
    }

    @Override
    public String toString() {
        return "DenseBlock{" + nIn + " -> " + nOut + ", " + nonlinearity
                + (nonlinearity == Nonlinearity.LEAKY_RELU ? "(" + alpha + ")" : "") + ", " + weightType + "}";
    }
}
