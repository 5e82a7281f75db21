package io.github.dl4jprojection.layers;

import io.github.dl4jprojection.layers.impl.TokenBitsInputLayerImpl;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Entry point of a sequence projection network (PRADO-like: Kaliamoorthi, Ravi and Kozareva, EMNLP 2019): the
 * bits of every token of a text, computed outside the graph by the runtime's reference
 * {@code io.github.dl4jprojection.runtime.internal.text.TokenProjection} (T * d bits per token, from its hashed
 * features and the seed; no stored matrix). Input: {@code [minibatch, T * d, L]} of 0/1 values (DL4J's recurrent
 * layout, token {@code t} in column {@code t}), with a {@code [minibatch, L]} mask (1 for a token, 0 for padding)
 * that it passes on; output: the same shape in this layer's {@link #getEncoding() encoding},
 * {@code out = off + (on - off) * bit}. {@code L <= maxTokens}: a minibatch is padded to its longest text.
 *
 * <p>It carries the projection specification and {@code maxTokens}, so the exporter can write both into the model
 * file. Any input value other than 0 or 1 is rejected. No parameters; zero gradient to the input.
 */
public class TokenBitsInputLayer extends BitLayer {

    private int maxTokens;

    /** For Jackson. */
    public TokenBitsInputLayer() {
    }

    private TokenBitsInputLayer(Builder builder) {
        super(builder);
        if (builder.maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, got " + builder.maxTokens);
        }
        this.maxTokens = builder.maxTokens;
    }

    @Override
    protected Layer newImplementation(NeuralNetConfiguration conf, DataType networkDataType) {
        return new TokenBitsInputLayerImpl(conf, networkDataType);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeRecurrent) || inputType.getType() != InputType.Type.RNN
                || ((InputType.InputTypeRecurrent) inputType).getSize() != numBits()) {
            throw new IllegalArgumentException("token-bits input \"" + getLayerName() + "\" expects recurrent input"
                    + " of " + numBits() + " bits (T * d) per token, got " + inputType);
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent)) {
            throw new IllegalStateException("token-bits input \"" + getLayerName() + "\" needs a recurrent input type,"
                    + " got " + inputType);
        }
        return InputType.recurrent(numBits(), ((InputType.InputTypeRecurrent) inputType).getTimeSeriesLength());
    }

    /** Tokens read per text; the exported model reads as many. */
    public int getMaxTokens() {
        return maxTokens;
    }

    public void setMaxTokens(int maxTokens) {
        this.maxTokens = maxTokens;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && maxTokens == ((TokenBitsInputLayer) o).maxTokens;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + maxTokens;
    }

    @Override
    public String toString() {
        return "TokenBitsInputLayer{name=" + getLayerName() + ", " + projectionSpec() + ", encoding=" + getEncoding()
                + ", maxTokens=" + maxTokens + "}";
    }

    /** Builder; T and d (or a whole spec) and maxTokens are required. */
    public static class Builder extends BitLayer.Builder<Builder> {
        private int maxTokens;

        /** Tokens read per text ({@code >= 1}). */
        public Builder maxTokens(int maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public TokenBitsInputLayer build() {
            return new TokenBitsInputLayer(this);
        }
    }
}
