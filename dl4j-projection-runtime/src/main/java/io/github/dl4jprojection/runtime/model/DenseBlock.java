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
 *
 * <p>An {@link WeightType#INT8_FIXED} block ({@link #int8Fixed}, made by {@link Int8Calibrator}) runs on integers
 * only: with {@code x_q} the int8 input ({@code |x_q| <= 128}),
 * <pre>
 *   acc[j] = b_q[j] + sum_i x_q[i] * q[i][j]                                   int32 (bounded at load)
 *   r[j]   = floor((acc[j] * m[j] + 2^(shift[j] - 1)) / 2^shift[j])            int64; r = acc * m when shift = 0
 *   hidden layer: z = clamp(r, -128, 127);  y = z (IDENTITY), max(z, 0) (RELU), table[z + 128] (the others)
 *   last layer:   logit[j] = r[j]                                              int32, not saturated
 * </pre>
 * Real values are {@code z * preScale} and {@code y * outputScale} (for the last layer, the logits at one common
 * scale); the scales are informative for hidden layers and turn the logits into probabilities.
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
    /** INT8_FIXED only (else null): the int32 bias {@code b_q[j]}, multipliers {@code m[j]}, shifts, table. */
    final int[] fixedBias;
    final int[] multipliers;
    final byte[] shifts;
    /** INT8_FIXED with a {@link #usesTable tabled} function: {@code y = table[z + 128]}; else null. */
    final byte[] table;
    /** INT8_FIXED: the real value of one unit of {@code z} and of {@code y}; 0 otherwise. */
    final float preScale;
    final float outputScale;

    private DenseBlock(int nIn, int nOut, Nonlinearity nonlinearity, float alpha, WeightType weightType,
                       float[] weights, byte[] quantized, float[] scales, float[] bias) {
        this(nIn, nOut, nonlinearity, alpha, weightType, weights, quantized, scales, bias, null, null, null, null, 0f,
                0f);
    }

    private DenseBlock(int nIn, int nOut, Nonlinearity nonlinearity, float alpha, WeightType weightType,
                       float[] weights, byte[] quantized, float[] scales, float[] bias, int[] fixedBias,
                       int[] multipliers, byte[] shifts, byte[] table, float preScale, float outputScale) {
        this.fixedBias = fixedBias;
        this.multipliers = multipliers;
        this.shifts = shifts;
        this.table = table;
        this.preScale = preScale;
        this.outputScale = outputScale;
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
        checkQuantized(nIn, nOut, quantized);
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

    /**
     * This FLOAT32 or INT8 block with {@code 2 * nIn} rows, row {@code 2i} being {@code W[i]} and row {@code 2i + 1}
     * its negation {@code -W[i]} (exact, also for int8 weights in [-127, 127]), the same scales, bias and function:
     * a PLUS_MINUS_ONE input then needs no multiplications ({@code DenseKernels.bipolarRows}). For the predictor
     * only: {@code 2 * nIn} may exceed the format's layer width.
     */
    DenseBlock withSignedRows() {
        float[] w = weights == null ? null : new float[2 * weights.length];
        byte[] q = quantized == null ? null : new byte[2 * quantized.length];
        for (int i = 0; i < nIn; i++) {
            for (int j = 0; j < nOut; j++) {
                int k = i * nOut + j;
                int plus = 2 * i * nOut + j;
                if (w != null) {
                    w[plus] = weights[k];
                    w[plus + nOut] = -weights[k];
                } else {
                    q[plus] = quantized[k];
                    q[plus + nOut] = (byte) -quantized[k];
                }
            }
        }
        return new DenseBlock(2 * nIn, nOut, nonlinearity, alpha, weightType, w, q, scales, bias);
    }

    /** The largest shift of an INT8_FIXED output: keeps {@code acc * m + 2^(shift - 1)} inside int64. */
    public static final int MAX_SHIFT = 62;
    /** The entries of an INT8_FIXED activation table: one per int8 value of {@code z}, {@code -128 .. 127}. */
    public static final int TABLE_SIZE = 256;

    /**
     * Whether an INT8_FIXED layer with {@code f} looks its output up in a table: every function but IDENTITY and
     * RELU, which are exact on integers (TANH, SIGMOID, LEAKY_RELU, HARD_TANH).
     */
    public static boolean usesTable(Nonlinearity f) {
        return f != Nonlinearity.IDENTITY && f != Nonlinearity.RELU;
    }

    /**
     * An integer-only block (see the class comment); arrays are copied.
     *
     * @param quantized   {@code nIn * nOut} weights in {@code [-127, 127]}, {@code q[i][j]} at {@code i * nOut + j}
     * @param bias        {@code nOut} int32 biases at the accumulator's scale
     * @param multipliers {@code nOut} values in {@code [0, 2^31 - 1]}
     * @param shifts      {@code nOut} values in {@code [0, }{@value #MAX_SHIFT}{@code ]}
     * @param table       {@value #TABLE_SIZE} int8 outputs for {@code z = -128 .. 127} when {@link #usesTable},
     *                    else null
     * @param preScale    finite, positive: the real value of one unit of {@code z}
     * @param outputScale finite, positive: the real value of one unit of {@code y}; equal to {@code preScale} for
     *                    IDENTITY and RELU
     * @throws IllegalArgumentException naming the parameter that breaks a rule
     */
    public static DenseBlock int8Fixed(int nIn, int nOut, byte[] quantized, int[] bias, int[] multipliers,
                                       byte[] shifts, byte[] table, float preScale, float outputScale,
                                       Nonlinearity nonlinearity, float alpha) {
        checkShape(nIn, nOut);
        checkFunction(nonlinearity, alpha);
        checkQuantized(nIn, nOut, quantized);
        checkLength(bias == null ? -1 : bias.length, nOut, "bias");
        checkLength(multipliers == null ? -1 : multipliers.length, nOut, "multipliers");
        checkLength(shifts == null ? -1 : shifts.length, nOut, "shifts");
        for (int j = 0; j < nOut; j++) {
            if (multipliers[j] < 0) {
                throw new IllegalArgumentException("multiplier [" + j + "] must be in [0, 2^31 - 1], got "
                        + multipliers[j]);
            }
            if (shifts[j] < 0 || shifts[j] > MAX_SHIFT) {
                throw new IllegalArgumentException("shift [" + j + "] must be in [0, " + MAX_SHIFT + "], got "
                        + shifts[j]);
            }
        }
        if (usesTable(nonlinearity)) {
            checkLength(table == null ? -1 : table.length, TABLE_SIZE, nonlinearity + " table");
        } else if (table != null) {
            throw new IllegalArgumentException(nonlinearity + " is exact on integers and takes no table, got "
                    + table.length + " entries");
        }
        checkScale(preScale, "preScale");
        checkScale(outputScale, "outputScale");
        if (!usesTable(nonlinearity) && Float.floatToIntBits(preScale) != Float.floatToIntBits(outputScale)) {
            throw new IllegalArgumentException("outputScale must equal preScale for " + nonlinearity + ", got "
                    + outputScale + " and " + preScale);
        }
        return new DenseBlock(nIn, nOut, nonlinearity, alpha, WeightType.INT8_FIXED, null, quantized.clone(), null,
                null, bias.clone(), multipliers.clone(), shifts.clone(), table == null ? null : table.clone(),
                preScale, outputScale);
    }

    private static void checkQuantized(int nIn, int nOut, byte[] quantized) {
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
    }

    private static void checkLength(int length, int expected, String name) {
        if (length != expected) {
            throw new IllegalArgumentException(name + " must hold " + expected + " values, got "
                    + (length < 0 ? "null" : String.valueOf(length)));
        }
    }

    private static void checkScale(float scale, String name) {
        if (!(scale > 0f) || Float.isInfinite(scale)) {
            throw new IllegalArgumentException(name + " must be finite and positive, got " + scale);
        }
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

    /**
     * The effective weight {@code W[i][j]}: the stored float, or {@code q[i][j] * s[j]} for int8.
     *
     * @throws IllegalStateException for an INT8_FIXED block, whose real weights depend on its input's scale
     */
    public float weight(int i, int j) {
        if (i < 0 || i >= nIn || j < 0 || j >= nOut) {
            throw new IndexOutOfBoundsException("weight [" + i + "][" + j + "] is outside [" + nIn + "][" + nOut + "]");
        }
        if (weightType == WeightType.INT8_FIXED) {
            throw new IllegalStateException("an INT8_FIXED block's real weights depend on its input's scale; use"
                    + " quantizedWeights() and multipliers()");
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

    /**
     * A copy of the float bias.
     *
     * @throws IllegalStateException for an INT8_FIXED block (its bias is {@link #fixedBias()})
     */
    public float[] bias() {
        if (bias == null) {
            throw new IllegalStateException("an INT8_FIXED block has an int32 bias; use fixedBias()");
        }
        return bias.clone();
    }

    /** INT8_FIXED: a copy of the int32 bias {@code b_q}; throws IllegalStateException for other blocks. */
    public int[] fixedBias() {
        return fixed(fixedBias, "bias").clone();
    }

    /** INT8_FIXED: a copy of the multipliers {@code m[j]}; throws IllegalStateException for other blocks. */
    public int[] multipliers() {
        return fixed(multipliers, "multipliers").clone();
    }

    /** INT8_FIXED: a copy of the requantization shifts; throws IllegalStateException for other blocks. */
    public byte[] shifts() {
        return fixed(shifts, "shifts").clone();
    }

    /** INT8_FIXED with a tabled function: a copy of the 256-entry table; null for IDENTITY and RELU. */
    public byte[] table() {
        fixed(shifts, "table");
        return table == null ? null : table.clone();
    }

    /** INT8_FIXED: the real value of one unit of {@code z}; throws IllegalStateException for other blocks. */
    public float preScale() {
        fixed(shifts, "preScale");
        return preScale;
    }

    /** INT8_FIXED: the real value of one unit of the output (the logit scale of a last layer). */
    public float outputScale() {
        fixed(shifts, "outputScale");
        return outputScale;
    }

    private <T> T fixed(T field, String name) {
        if (field == null) {
            throw new IllegalStateException("a " + weightType + " block has no fixed-point " + name);
        }
        return field;
    }

    /** The number of stored parameters (weights, scales and biases; for INT8_FIXED also multipliers, shifts, table). */
    public long numParameters() {
        if (weightType == WeightType.INT8_FIXED) {
            return (long) nIn * nOut + 3L * nOut + (table == null ? 0 : TABLE_SIZE);
        }
        return (long) nIn * nOut + nOut + (scales == null ? 0 : nOut);
    }

    @Override
    public String toString() {
        return "DenseBlock{" + nIn + " -> " + nOut + ", " + nonlinearity
                + (nonlinearity == Nonlinearity.LEAKY_RELU ? "(" + alpha + ")" : "") + ", " + weightType + "}";
    }
}
