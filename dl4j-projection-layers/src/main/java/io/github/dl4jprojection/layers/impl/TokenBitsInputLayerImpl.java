package io.github.dl4jprojection.layers.impl;

import io.github.dl4jprojection.layers.TokenBitsInputLayer;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Implementation of {@link TokenBitsInputLayer}: checks that the input is {@code [mb, T * d, L]} of 0 and 1, then
 * maps {@code bit -> off + (on - off) * bit} of the configured {@link BitEncoding}. Padded positions are encoded
 * like any other; the mask (passed on unchanged) is what removes them further on.
 */
public class TokenBitsInputLayerImpl extends BitLayerImpl<TokenBitsInputLayer> {

    public TokenBitsInputLayerImpl(NeuralNetConfiguration conf, org.nd4j.linalg.api.buffer.DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        TokenBitsInputLayer config = layerConf();
        int numBits = config.numBits();
        if (input.rank() != 3 || input.size(1) != numBits || input.size(2) > config.getMaxTokens()) {
            throw new IllegalArgumentException("token-bits input \"" + config.getLayerName() + "\" expects input of "
                    + "shape [minibatch, " + numBits + ", tokens <= " + config.getMaxTokens() + "], got "
                    + java.util.Arrays.toString(input.shape()));
        }
        // b * (b - 1) is 0 exactly for b = 0 and b = 1 (and NaN for NaN): one pass instead of a copy to the heap.
        double worst = input.mul(input.sub(1.0)).amaxNumber().doubleValue();
        if (worst != 0) {
            throw new IllegalArgumentException("token-bits input \"" + config.getLayerName() + "\" expects 0 or 1 only;"
                    + " some value b has |b * (b - 1)| = " + worst);
        }
        BitEncoding encoding = config.getEncoding();
        INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, input.shape(), 'c');
        result.assign(input);
        return result.muli(encoding.on() - encoding.off()).addi(encoding.off());
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }
}
