package io.github.dl4jprojection.layers;

import io.github.dl4jprojection.layers.impl.ProjectionLayerImpl;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The ProjectionNet projection layer (Ravi, ICML 2019, section 3): maps a dense input
 * {@code x} of shape {@code [minibatch, nIn]} to {@code T * d} locality-sensitive bits
 * {@code bit[b] = (sum_i P[i][b] * x[i]) > 0}, encoded for the next layer (shape
 * {@code [minibatch, T * d]}).
 *
 * <p>{@code P} is never stored or trained: it is derived from the seed exactly as in
 * {@link io.github.dl4jprojection.runtime.internal.projection.LshProjection}, and the layer's output equals
 * that reference bit for bit (inputs are first rounded to float32). The layer has no parameters.
 *
 * <p>Backward: the bits are a step function of the input, whose gradient is zero almost
 * everywhere, so the layer returns a zero gradient to its input. A trainer that shares the input
 * is therefore unaffected by the projection branch through this layer.
 *
 * <p>Input: feed-forward {@code [minibatch, nIn]} or flattened images ({@code InputType.convolutionalFlat},
 * row-major pixels); convolutional {@code [minibatch, c, h, w]} input is flattened in NCHW order by a
 * preprocessor, which the runtime then has to reproduce: prefer the flat form.
 */
public class ProjectionLayer extends BitLayer {

    private long nIn;

    /** For Jackson. */
    public ProjectionLayer() {
    }

    private ProjectionLayer(Builder builder) {
        super(builder);
        if (builder.nIn < 0) {
            throw new IllegalArgumentException("nIn must be positive (or left unset to infer it), got " + builder.nIn);
        }
        this.nIn = builder.nIn;
        checkSize();
    }

    private void checkSize() {
        if (nIn * numBits() > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("nIn * T * d = " + nIn + " * " + numBits()
                    + " is too large for a dense projection matrix; use fewer bits or hashed features");
        }
    }

    @Override
    protected Layer newImplementation(NeuralNetConfiguration conf, DataType networkDataType) {
        return new ProjectionLayerImpl(conf, networkDataType);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        long size = flatSize(inputType);
        // A mismatch is an error even when DL4J asks to override: the bits of a trained projection
        // depend on nIn, so silently changing it would change the model.
        if (nIn > 0 && nIn != size) {
            throw new IllegalArgumentException("nIn of projection layer \"" + getLayerName() + "\" is " + nIn
                    + " but its input has " + size + " values per example (" + inputType + ")");
        }
        nIn = size;
        checkSize();
    }

    private long flatSize(InputType inputType) {
        if (inputType == null) {
            throw new IllegalArgumentException("input type of projection layer \"" + getLayerName() + "\" is null");
        }
        switch (inputType.getType()) {
            case FF:
            case CNNFlat:
            case CNN:
                return inputType.arrayElementsPerExample();
            default:
                throw new IllegalArgumentException("projection layer \"" + getLayerName()
                        + "\" takes feed-forward or image input, got " + inputType);
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        if (inputType != null && inputType.getType() == InputType.Type.CNN) {
            InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) inputType;
            return new CnnToFeedForwardPreProcessor(c.getHeight(), c.getWidth(), c.getChannels(), c.getFormat());
        }
        return null;
    }

    /** The dense input length n. */
    public long getNIn() {
        return nIn;
    }

    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && nIn == ((ProjectionLayer) o).nIn;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Long.hashCode(nIn);
    }

    @Override
    public String toString() {
        return "ProjectionLayer{name=" + getLayerName() + ", nIn=" + nIn + ", " + projectionSpec()
                + ", encoding=" + getEncoding() + "}";
    }

    /** Builder; T and d are required, nIn is inferred from the input type when not set. */
    public static class Builder extends BitLayer.Builder<Builder> {
        private long nIn;

        /** The input length n; checked against the input type of the graph. */
        public Builder nIn(long nIn) {
            this.nIn = nIn;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public ProjectionLayer build() {
            return new ProjectionLayer(this);
        }
    }
}
