package io.github.dl4jprojection.runtime.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The image encoder of a patch model (model family PATCH, format version 5): between the image and the dense
 * layers of a {@link ProjectionModel}. Every {@code p x p} patch at stride {@code s} of an image of height
 * {@code h}, width {@code w} and {@code c} channels (flat {@code x[(ch * h + y) * w + col]}, CHW) is projected to
 * {@code B = T * d} bits by the model's one LSH projection of {@code p * p * c} inputs, so the first "convolution"
 * is fixed, random and binary and costs no stored byte; then come the trainable {@link ConvStage}s:
 * <pre>
 *   H0 = (h - p) / s + 1,  W0 = (w - p) / s + 1
 *   v_ij[(dy * p + dx) * c + ch] = x[(ch * h + i * s + dy) * w + j * s + dx]      dy, dx &lt; p
 *   a0[b][i][j] = encode(bit b of LSH(v_ij))                                    B channels, H0 x W0
 *   a(l+1) = stage l (a(l))                                                    {@link ConvStage}
 *   g[co * H * W + i * W + j] = a_last[co][i][j]                                the first dense layer's input
 * </pre>
 * With no stage, {@code g} is {@code a0} flattened the same way (DL4J's {@code CnnToFeedForwardPreProcessor} order).
 * The reference projection is {@code PatchBits}. Immutable.
 */
public final class PatchEncoder {

    /** Largest patch size {@code p}. */
    public static final int MAX_WINDOW = 32;
    /** Largest patch stride {@code s}. */
    public static final int MAX_STRIDE = 32;
    /** Largest number of stages. */
    public static final int MAX_STAGES = 8;
    /** Largest number of values {@code C * H * W} of any map, which bounds what a predictor allocates (16 MiB). */
    public static final int MAX_MAP_VALUES = 1 << 22;

    private final int window;
    private final int stride;
    private final List<ConvStage> stages;

    private PatchEncoder(int window, int stride, List<ConvStage> stages) {
        this.window = window;
        this.stride = stride;
        this.stages = stages;
    }

    /**
     * @param window the patch size {@code p}, {@code 1 .. MAX_WINDOW}
     * @param stride the patch stride {@code s}, {@code 1 .. MAX_STRIDE}
     * @param stages at most {@code MAX_STAGES}, possibly none; stage {@code l + 1}'s {@code inChannels} must be
     *     stage {@code l}'s {@code outChannels}
     * @throws IllegalArgumentException naming the argument that breaks a rule
     */
    public static PatchEncoder of(int window, int stride, List<ConvStage> stages) {
        if (window < 1 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("window must be in [1, " + MAX_WINDOW + "], got " + window);
        }
        if (stride < 1 || stride > MAX_STRIDE) {
            throw new IllegalArgumentException("stride must be in [1, " + MAX_STRIDE + "], got " + stride);
        }
        if (stages == null) {
            throw new IllegalArgumentException("stages must not be null (an empty list is no stage)");
        }
        if (stages.size() > MAX_STAGES) {
            throw new IllegalArgumentException("stages: at most " + MAX_STAGES + " are allowed, got " + stages.size());
        }
        List<ConvStage> copy = new ArrayList<>(stages);
        for (int l = 0; l < copy.size(); l++) {
            if (copy.get(l) == null) {
                throw new IllegalArgumentException("stages[" + l + "] must not be null");
            }
            if (l > 0 && copy.get(l).inChannels() != copy.get(l - 1).outChannels()) {
                throw new IllegalArgumentException("stages[" + l + "].inChannels must be stages[" + (l - 1)
                        + "].outChannels = " + copy.get(l - 1).outChannels() + ", got " + copy.get(l).inChannels());
            }
        }
        return new PatchEncoder(window, stride, Collections.unmodifiableList(copy));
    }

    /** The patch size {@code p}. */
    public int window() {
        return window;
    }

    /** The patch stride {@code s}. */
    public int stride() {
        return stride;
    }

    /** The stages, in order; unmodifiable, possibly empty. */
    public List<ConvStage> stages() {
        return stages;
    }

    /**
     * {@code {channels, height, width}} of the map after the projection (row 0) and after each stage (rows
     * {@code 1 .. n}) for an image of {@code height x width} with {@code bitsPerPosition} bits per position.
     *
     * @throws IllegalArgumentException naming the window or the stage that does not fit its input map, when
     *     stage 0's {@code inChannels} is not {@code bitsPerPosition}, or when a map exceeds {@link #MAX_MAP_VALUES}
     */
    public int[][] shapes(int height, int width, int bitsPerPosition) {
        if (height < 1 || width < 1 || bitsPerPosition < 1) {
            throw new IllegalArgumentException("height, width and bitsPerPosition must be positive, got " + height
                    + ", " + width + ", " + bitsPerPosition);
        }
        if (window > height || window > width) {
            throw new IllegalArgumentException("window " + window + " does not fit the image " + height + " x "
                    + width);
        }
        int[][] shapes = new int[stages.size() + 1][];
        shapes[0] = checkSize(new int[] {bitsPerPosition, (height - window) / stride + 1,
                (width - window) / stride + 1}, "the projection's bit map");
        for (int l = 0; l < stages.size(); l++) {
            ConvStage stage = stages.get(l);
            int[] in = shapes[l];
            String name = "stages[" + l + "]";
            if (stage.inChannels() != in[0]) {
                throw new IllegalArgumentException(name + ".inChannels must be " + in[0] + (l == 0
                        ? " (the bits per position, T * d)" : "") + ", got " + stage.inChannels());
            }
            int k = stage.kernel();
            if (k > in[1] || k > in[2]) {
                throw new IllegalArgumentException(name + ": kernel " + k + " does not fit its input map " + in[1]
                        + " x " + in[2]);
            }
            int q = stage.pool();
            int hc = in[1] - k + 1;
            int wc = in[2] - k + 1;
            if (q > hc || q > wc) {
                throw new IllegalArgumentException(name + ": pool " + q + " does not fit the convolution's output "
                        + hc + " x " + wc);
            }
            shapes[l + 1] = checkSize(new int[] {stage.outChannels(), hc / q, wc / q}, name + "'s output map");
        }
        return shapes;
    }

    private static int[] checkSize(int[] shape, String name) {
        long values = (long) shape[0] * shape[1] * shape[2];
        if (values > MAX_MAP_VALUES) {
            throw new IllegalArgumentException(name + " has " + shape[0] + " x " + shape[1] + " x " + shape[2] + " = "
                    + values + " values, more than " + MAX_MAP_VALUES);
        }
        return shape;
    }

    /** {@code C * H * W} of the last map of {@link #shapes}: the first dense layer's {@code nIn}. */
    public int outputWidth(int height, int width, int bitsPerPosition) {
        int[][] shapes = shapes(height, width, bitsPerPosition);
        int[] last = shapes[shapes.length - 1];
        return last[0] * last[1] * last[2];
    }

    /** Stored parameters of every stage (the projection stores none). */
    public long numParameters() {
        long n = 0;
        for (ConvStage stage : stages) {
            n += stage.numParameters();
        }
        return n;
    }

    @Override
    public String toString() {
        return "PatchEncoder{window=" + window + ", stride=" + stride + ", stages=" + stages + "}";
    }
}
