package io.github.dl4jprojection.layers;

import io.github.dl4jprojection.layers.impl.BitVectorInputLayerImpl;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Entry point for projection bits computed outside the graph (for example by the text featurizer
 * and {@link io.github.dl4jprojection.runtime.internal.projection.LshProjection#projectFeatures}). Input:
 * {@code [minibatch, T * d]} of 0/1 values (the bits, unpacked with
 * {@link io.github.dl4jprojection.runtime.projection.BitEncoding#ZERO_ONE}); output: the same
 * bits in this layer's {@link #getEncoding() encoding}: {@code out = off + (on - off) * bit}.
 *
 * <p>It carries the projection specification that produced the bits, so the exporter can write it
 * into the model file. Any input value other than 0 or 1 is rejected. No parameters; zero gradient
 * to the input.
 */
public class BitVectorInputLayer extends BitLayer {

    /** For Jackson. */
    public BitVectorInputLayer() {
    }

    private BitVectorInputLayer(Builder builder) {
        super(builder);
    }

    @Override
    protected Layer newImplementation(NeuralNetConfiguration conf, DataType networkDataType) {
        return new BitVectorInputLayerImpl(conf, networkDataType);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (inputType == null || inputType.getType() != InputType.Type.FF
                || inputType.arrayElementsPerExample() != numBits()) {
            throw new IllegalArgumentException("bit-vector input \"" + getLayerName() + "\" expects feed-forward input of "
                    + numBits() + " bits (T * d), got " + inputType);
        }
    }

    @Override
    public String toString() {
        return "BitVectorInputLayer{name=" + getLayerName() + ", " + projectionSpec() + ", encoding=" + getEncoding() + "}";
    }

    /** Builder; T and d (or a whole spec) are required. */
    public static class Builder extends BitLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public BitVectorInputLayer build() {
            return new BitVectorInputLayer(this);
        }
    }
}
