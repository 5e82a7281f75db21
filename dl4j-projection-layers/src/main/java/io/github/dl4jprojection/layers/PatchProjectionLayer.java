package io.github.dl4jprojection.layers;

import io.github.dl4jprojection.layers.impl.PatchProjectionLayerImpl;
import io.github.dl4jprojection.runtime.internal.projection.PatchBits;
import io.github.dl4jprojection.runtime.model.PatchEncoder;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The projection of a PATCH model (format version 5, docs/FORMAT.md section 13): every {@code p x p} patch of an
 * image, taken at stride {@code s}, projected to {@code B = T * d} LSH bits, which makes a map of {@code B}
 * channels, a fixed random binary "first convolution" that is never stored (its entries come from the seed).
 *
 * <p>For an image of height {@code h}, width {@code w} and {@code c} channels, flattened in CHW order
 * ({@code x[(ch*h + y)*w + col]}, DL4J's NCHW flattening; row-major pixels for {@code c = 1}):
 * <pre>
 *   H0 = (h - p) / s + 1,  W0 = (w - p) / s + 1
 *   v_ij[(dy*p + dx)*c + ch] = x[(ch*h + i*s + dy)*w + j*s + dx]        dy, dx &lt; p
 *   out[b][i][j] = encode(bit b of LshProjection.forDenseInput(spec, p*p*c).project(v_ij))
 * </pre>
 * computed by the runtime's reference {@link PatchBits}, so the bits are the device's bit for bit. Input:
 * {@code [minibatch, c*h*w]} finite values ({@code InputType.convolutionalFlat(h, w, c)}), or NCHW
 * {@code [minibatch, c, h, w]} ({@code InputType.convolutional(h, w, c)}), whose row-major flattening is the same CHW
 * vector. (No preprocessor flattens it: DL4J would then hand this layer a feed-forward type without the image
 * shape.) Output: {@code InputType.convolutional(H0, W0, B)}, activations
 * {@code [minibatch, B, H0, W0]} (NCHW), ready for a {@code ConvolutionLayer}. No parameters; the bits are a step
 * function of the input, so the gradient to the input is zero.
 *
 * <p>The image shape is inferred from the input type when not set; a set shape that differs is an error, since the
 * bits of a trained model depend on it.
 */
public class PatchProjectionLayer extends BitLayer {

    private int window;
    private int stride;
    private int height;
    private int width;
    private int channels;

    /** For Jackson. */
    public PatchProjectionLayer() {
    }

    private PatchProjectionLayer(Builder builder) {
        super(builder);
        this.window = builder.window;
        this.stride = builder.stride;
        this.height = builder.height;
        this.width = builder.width;
        this.channels = builder.channels;
        if (window < 1 || window > PatchEncoder.MAX_WINDOW) {
            throw new IllegalArgumentException("window of patch projection \"" + getLayerName() + "\" must be in [1, "
                    + PatchEncoder.MAX_WINDOW + "], got " + window);
        }
        if (stride < 1 || stride > PatchEncoder.MAX_STRIDE) {
            throw new IllegalArgumentException("stride of patch projection \"" + getLayerName() + "\" must be in [1, "
                    + PatchEncoder.MAX_STRIDE + "], got " + stride);
        }
        boolean anySet = height != 0 || width != 0 || channels != 0;
        if (anySet && (height < 1 || width < 1 || channels < 1)) {
            throw new IllegalArgumentException("image of patch projection \"" + getLayerName() + "\": height, width "
                    + "and channels must all be positive (or all left unset to infer them), got " + height + " x "
                    + width + " x " + channels);
        }
        if (anySet) {
            checkWindowFits();
        }
    }

    private void checkWindowFits() {
        if (window > height || window > width) {
            throw new IllegalArgumentException("window of patch projection \"" + getLayerName() + "\" is " + window
                    + ", larger than its " + height + "x" + width + " images");
        }
    }

    @Override
    protected Layer newImplementation(NeuralNetConfiguration conf, DataType networkDataType) {
        return new PatchProjectionLayerImpl(conf, networkDataType);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        int[] shape = imageShape(inputType);
        // As for ProjectionLayer's nIn: even when DL4J asks to override, a trained model's bits depend on the shape.
        if (height != 0 && (height != shape[0] || width != shape[1] || channels != shape[2])) {
            throw new IllegalArgumentException("patch projection \"" + getLayerName() + "\" is set for " + height
                    + "x" + width + "x" + channels + " images (height x width x channels) but its input is " + inputType);
        }
        height = shape[0];
        width = shape[1];
        channels = shape[2];
        checkWindowFits();
    }

    private int[] imageShape(InputType inputType) {
        if (inputType instanceof InputType.InputTypeConvolutionalFlat) {
            InputType.InputTypeConvolutionalFlat flat = (InputType.InputTypeConvolutionalFlat) inputType;
            return new int[] {(int) flat.getHeight(), (int) flat.getWidth(), (int) flat.getDepth()};
        }
        if (inputType instanceof InputType.InputTypeConvolutional) {
            InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) inputType;
            if (c.getFormat() != CNN2DFormat.NCHW) {
                throw new IllegalArgumentException("patch projection \"" + getLayerName() + "\" takes NCHW images "
                        + "(flattened in CHW order, as the device reads them), got " + inputType);
            }
            return new int[] {(int) c.getHeight(), (int) c.getWidth(), (int) c.getChannels()};
        }
        throw new IllegalArgumentException("patch projection \"" + getLayerName() + "\" takes images "
                + "(InputType.convolutionalFlat(h, w, c) or convolutional(h, w, c)), got " + inputType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputType == null) {
            throw new IllegalStateException("input type of layer \"" + getLayerName() + "\" is null");
        }
        if (height == 0) {
            int[] shape = imageShape(inputType);
            return InputType.convolutional((shape[0] - window) / stride + 1, (shape[1] - window) / stride + 1,
                    numBits());
        }
        return InputType.convolutional(rows(), columns(), numBits());
    }

    /** H0 = (h - p) / s + 1, the rows of the bit map. */
    public int rows() {
        return (height - window) / stride + 1;
    }

    /** W0 = (w - p) / s + 1, the columns of the bit map. */
    public int columns() {
        return (width - window) / stride + 1;
    }

    /** c * h * w, the input values per example. */
    public long inputSize() {
        return (long) channels * height * width;
    }

    /**
     * The runtime's reference projection of this layer.
     *
     * @throws IllegalStateException if the image shape is not known yet (neither set nor inferred)
     */
    public PatchBits patchBits() {
        if (height == 0) {
            throw new IllegalStateException("patch projection \"" + getLayerName() + "\" has no image shape yet");
        }
        return new PatchBits(projectionSpec(), height, width, channels, window, stride);
    }

    /** p, the side of a patch in pixels. */
    public int getWindow() {
        return window;
    }

    public void setWindow(int window) {
        this.window = window;
    }

    /** s, the step between patches in pixels. */
    public int getStride() {
        return stride;
    }

    public void setStride(int stride) {
        this.stride = stride;
    }

    /** h; 0 until set or inferred. */
    public int getHeight() {
        return height;
    }

    public void setHeight(int height) {
        this.height = height;
    }

    /** w; 0 until set or inferred. */
    public int getWidth() {
        return width;
    }

    public void setWidth(int width) {
        this.width = width;
    }

    /** c; 0 until set or inferred. */
    public int getChannels() {
        return channels;
    }

    public void setChannels(int channels) {
        this.channels = channels;
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        PatchProjectionLayer other = (PatchProjectionLayer) o;
        return window == other.window && stride == other.stride && height == other.height && width == other.width
                && channels == other.channels;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), window, stride, height, width, channels);
    }

    @Override
    public String toString() {
        return "PatchProjectionLayer{name=" + getLayerName() + ", window=" + window + ", stride=" + stride
                + ", image=" + height + "x" + width + "x" + channels + ", " + projectionSpec() + ", encoding="
                + getEncoding() + "}";
    }

    /** Builder; T, d and the window are required, the stride defaults to 1, the image shape is inferred. */
    public static class Builder extends BitLayer.Builder<Builder> {
        private int window;
        private int stride = 1;
        private int height;
        private int width;
        private int channels;

        /** p, the side of a square patch in pixels, 1 to {@link PatchEncoder#MAX_WINDOW}. */
        public Builder window(int window) {
            this.window = window;
            return this;
        }

        /** s, the step between patches in pixels, 1 to {@link PatchEncoder#MAX_STRIDE}. */
        public Builder stride(int stride) {
            this.stride = stride;
            return this;
        }

        /** The image shape; checked against the input type of the graph. */
        public Builder image(int height, int width, int channels) {
            this.height = height;
            this.width = width;
            this.channels = channels;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public PatchProjectionLayer build() {
            return new PatchProjectionLayer(this);
        }
    }
}
