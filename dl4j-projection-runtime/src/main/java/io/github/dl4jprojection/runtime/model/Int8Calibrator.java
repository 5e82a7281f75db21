package io.github.dl4jprojection.runtime.model;

import io.github.dl4jprojection.runtime.internal.model.Int8Quantizer;
import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import java.util.Arrays;

/**
 * Turns a float bag model (FLOAT32 or INT8 layers) into an integer-only one ({@link WeightType#INT8_FIXED}, format
 * version 3, docs/FORMAT.md section 11) from a sample of its inputs: the sample fixes each hidden layer's int8
 * activation scale. Use examples of the <em>training</em> data, never the test data:
 * <pre>{@code
 * Int8Calibrator calibrator = Int8Calibrator.of(floatModel);
 * for (float[] x : someTrainingImages) {
 *     calibrator.observe(x);
 * }
 * ProjectionModel integerModel = calibrator.calibrate();
 * }</pre>
 * The scales (symmetric, zero point 0), with {@code s_in = 1} for the encoded bits of layer 0:
 * <pre>
 *   hidden layer l:  s_z = max over the sample of |z| / 127 (RELU: of max(z, 0)),  z the float pre-activation
 *   logits layer:    s_z = max_j (sum_i 128 |q[i][j]| s_acc[j] + |b[j]|) / 2^29 (layer 0: 1 instead of 128):
 *                    the worst case uses a quarter of int32, so no logit overflows and nothing is saturated
 *   per output j:    s_w[j] = max_i |W[i][j]| / 127,  q = round(W / s_w)  (Int8Quantizer),  s_acc[j] = s_in s_w[j]
 *                    b_q[j] = round(b[j] / s_acc[j]),  m[j] / 2^shift[j] = s_acc[j] / s_z  (m in [2^30, 2^31))
 *   table (TANH, SIGMOID, LEAKY_RELU, HARD_TANH): t[z + 128] = round(f(z s_z) / s_y), s_y = max_z |f(z s_z)| / 127
 *   IDENTITY, RELU:  s_y = s_z;  the next layer's s_in = s_y
 * </pre>
 * The calibrator runs the source model in float ({@link DenseKernels}), so the sample's ranges are those of the
 * model being quantized. Not thread-safe; {@link #calibrate} may be called at any time and leaves the observations.
 */
public final class Int8Calibrator {

    private static final double HALF_INT32 = 0x1p30;

    private final ProjectionModel model;
    private final Predictor predictor;
    /** The source layers with float weights ({@code q * s} for INT8) and no function: their outputs are {@code z}. */
    private final DenseBlock[] linear;
    private final long[] bits;
    private final float[] bufferA;
    private final float[] bufferB;
    /** Per hidden layer: the largest |z| (RELU: the largest z) seen. */
    private final double[] range;
    private long observed;
    /** How {@link #range} was set by {@link #useRanges}; null while it comes from observed examples. */
    private String rangeSource;

    private Int8Calibrator(ProjectionModel model) {
        this.model = model;
        this.predictor = model.predictor();
        this.linear = new DenseBlock[model.layers().size()];
        for (int l = 0; l < linear.length; l++) {
            DenseBlock layer = model.layers().get(l);
            float[] w = new float[layer.nIn * layer.nOut];
            for (int i = 0; i < layer.nIn; i++) {
                for (int j = 0; j < layer.nOut; j++) {
                    w[i * layer.nOut + j] = layer.weight(i, j);
                }
            }
            linear[l] = DenseBlock.float32(layer.nIn, layer.nOut, w, layer.bias, Nonlinearity.IDENTITY);
        }
        this.bits = new long[model.projectionSpec().numWords()];
        this.bufferA = new float[model.maxWidth()];
        this.bufferB = new float[model.maxWidth()];
        this.range = new double[linear.length];
    }

    /**
     * A calibrator for {@code floatModel}.
     *
     * @throws IllegalArgumentException if the model is null, a SEQUENCE or PATCH model, or integer-only already
     */
    public static Int8Calibrator of(ProjectionModel floatModel) {
        if (floatModel == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        if (floatModel.sequenceEncoder() != null || floatModel.patchEncoder() != null) {
            throw new IllegalArgumentException("integer-only (int8-fixed) export is for bag models: a "
                    + floatModel.family() + " model has no INT8_FIXED form yet; export it with float32 or int8"
                    + " weights");
        }
        if (floatModel.isFixedPoint()) {
            throw new IllegalArgumentException("the model is integer-only (INT8_FIXED) already");
        }
        return new Int8Calibrator(floatModel);
    }

    /** Observes a dense input (an image, in the scale the model was trained on). */
    public void observe(float[] x) {
        predictor.project(x, bits);
        observeBits(bits);
    }

    /** Observes a bag of hashed features (a text's, weighted as its featurizer says). */
    public void observeFeatures(long[] keys, float[] weights, int count) {
        predictor.projectFeatures(keys, weights, count, bits);
        observeBits(bits);
    }

    /**
     * Observes an input by its packed projection bits ({@link Predictor#project}); after {@link #useRanges}, the
     * observation replaces the given ranges.
     *
     * @throws IllegalArgumentException if {@code packedBits} is null or shorter than {@code ceil(T * d / 64)}
     */
    public void observeBits(long[] packedBits) {
        if (packedBits == null || packedBits.length < bits.length) {
            throw new IllegalArgumentException("packedBits must hold " + bits.length + " words, got "
                    + (packedBits == null ? "null" : String.valueOf(packedBits.length)));
        }
        if (rangeSource != null) {
            Arrays.fill(range, 0);
            rangeSource = null;
        }
        PackedBits.unpack(packedBits, model.projectionSpec().numBits(), model.encoding(), bufferA, 0);
        float[] in = bufferA;
        float[] out = bufferB;
        for (int l = 0; l < linear.length - 1; l++) {
            DenseKernels.forward(linear[l], in, out);
            DenseBlock layer = model.layers().get(l);
            boolean relu = layer.nonlinearity == Nonlinearity.RELU;
            for (int j = 0; j < layer.nOut; j++) {
                range[l] = Math.max(range[l], relu ? out[j] : Math.abs(out[j]));
                out[j] = layer.nonlinearity.apply(out[j], layer.alpha);
            }
            float[] t = in;
            in = out;
            out = t;
        }
        observed++;
    }

    /**
     * Takes the hidden layers' ranges as given instead of from observed examples: the ranges that
     * quantization-aware training tracked, so the export quantizes each {@code z} exactly as training did
     * ({@code s_z = range / 127}). Replaces any observations.
     *
     * @param hiddenRanges per hidden layer, the largest |z| (RELU: the largest z); finite, not negative
     * @param source       how the ranges were found, for the model's provenance
     * @throws IllegalArgumentException if there is not one range per hidden layer, or a range is negative or not
     *                                  finite, or {@code source} is null or empty
     */
    public void useRanges(double[] hiddenRanges, String source) {
        if (hiddenRanges == null || hiddenRanges.length != linear.length - 1) {
            throw new IllegalArgumentException("expected " + (linear.length - 1) + " hidden-layer ranges, got "
                    + (hiddenRanges == null ? "null" : String.valueOf(hiddenRanges.length)));
        }
        for (int l = 0; l < hiddenRanges.length; l++) {
            if (!(hiddenRanges[l] >= 0) || Double.isInfinite(hiddenRanges[l])) {
                throw new IllegalArgumentException("range of hidden layer " + l + " must be finite and not negative,"
                        + " got " + hiddenRanges[l]);
            }
        }
        if (source == null || source.isEmpty()) {
            throw new IllegalArgumentException("source must name where the ranges come from");
        }
        System.arraycopy(hiddenRanges, 0, range, 0, hiddenRanges.length);
        rangeSource = source;
    }

    /** The number of inputs observed so far. */
    public long observed() {
        return observed;
    }

    /**
     * The integer-only model: the source model's projection, input, labels and provenance (with {@code weights} set
     * to {@code int8-fixed} and {@code calibration} to the number of examples), and INT8_FIXED layers.
     *
     * @throws IllegalStateException if nothing was observed and the model has hidden layers
     * @throws IllegalArgumentException if a bias is too large to hold at its accumulator's scale (more than 2^30
     *                                  times the column's largest weight) or a scale ratio does not fit the format
     */
    public ProjectionModel calibrate() {
        if (observed == 0 && rangeSource == null && linear.length > 1) {
            throw new IllegalStateException("observe some training examples before calibrate(): the hidden layers'"
                    + " int8 ranges come from them");
        }
        ProjectionModel.Builder b = model.toBuilder();
        b.layers(null);
        float inScale = 1f;
        long inBound = 1;
        for (int l = 0; l < linear.length; l++) {
            boolean last = l == linear.length - 1;
            DenseBlock fixed = fixedLayer(model.layers().get(l), Int8Quantizer.quantize(linear[l]), inScale, inBound,
                    last ? -1 : range[l], "layer " + l);
            b.addLayer(fixed);
            inScale = fixed.outputScale;
            inBound = 128;
        }
        return b.provenance(ProvenanceKeys.WEIGHTS, "int8-fixed")
                .provenance(ProvenanceKeys.CALIBRATION, rangeSource != null ? rangeSource
                        : "max |z| per hidden layer over " + observed + " examples")
                .build();
    }

    /** One layer; {@code range < 0} marks the logits layer, whose scale comes from its worst case. */
    private static DenseBlock fixedLayer(DenseBlock source, DenseBlock quantized, float inScale, long inBound,
                                         double range, String name) {
        int nIn = source.nIn;
        int nOut = source.nOut;
        byte[] q = quantized.quantized;
        double[] accScale = new double[nOut];
        double worst = 0;
        for (int j = 0; j < nOut; j++) {
            double sw = quantized.scales[j];
            accScale[j] = sw > 0 ? inScale * sw : Math.max(Math.abs(source.bias[j]), Float.MIN_NORMAL) / HALF_INT32;
            long sum = 0;
            for (int i = 0; i < nIn; i++) {
                sum += Math.abs(q[i * nOut + j]);
            }
            worst = Math.max(worst, inBound * sum * accScale[j] + Math.abs(source.bias[j]));
        }
        float preScale = (float) (range < 0 ? Math.max(worst, Float.MIN_NORMAL) / 0x1p29
                : range > 0 ? range / 127 : 1.0 / 127);
        int[] bias = new int[nOut];
        int[] multipliers = new int[nOut];
        byte[] shifts = new byte[nOut];
        for (int j = 0; j < nOut; j++) {
            double bq = Math.rint(source.bias[j] / accScale[j]);
            if (Math.abs(bq) > HALF_INT32) {
                throw new IllegalArgumentException(name + " output " + j + ": bias " + source.bias[j] + " is more than"
                        + " 2^30 units of its accumulator's scale " + accScale[j] + " and cannot be held in int32");
            }
            bias[j] = (int) bq;
            setMultiplier(accScale[j] / preScale, multipliers, shifts, j, name);
        }
        byte[] table = null;
        float outputScale = preScale;
        if (DenseBlock.usesTable(source.nonlinearity)) {
            float[] y = new float[DenseBlock.TABLE_SIZE];
            double maxY = 0;
            for (int k = 0; k < y.length; k++) {
                y[k] = source.nonlinearity.apply((float) ((k - 128) * (double) preScale), source.alpha);
                maxY = Math.max(maxY, Math.abs(y[k]));
            }
            outputScale = maxY > 0 ? (float) (maxY / 127) : preScale;
            table = new byte[y.length];
            for (int k = 0; k < y.length; k++) {
                table[k] = (byte) Math.max(-128, Math.min(127, Math.rint(y[k] / (double) outputScale)));
            }
        }
        return DenseBlock.int8Fixed(nIn, nOut, q, bias, multipliers, shifts, table, preScale, outputScale,
                source.nonlinearity, source.alpha);
    }

    /** {@code m[j] / 2^shift[j] ~ ratio} with {@code m} in {@code [2^30, 2^31)} (smaller only at the largest shift). */
    private static void setMultiplier(double ratio, int[] multipliers, byte[] shifts, int j, String name) {
        if (ratio == 0) {
            return;
        }
        int shift = Math.min(DenseBlock.MAX_SHIFT, 30 - Math.getExponent(ratio));
        long m = Math.round(Math.scalb(ratio, shift));
        if (m == 1L << 31) {
            m >>= 1;
            shift--;
        }
        if (shift < 0 || m > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " output " + j + ": the scale ratio " + ratio + " is too large"
                    + " for a fixed-point multiplier (at most 2^31)");
        }
        multipliers[j] = (int) m;
        shifts[j] = (byte) shift;
    }
}
