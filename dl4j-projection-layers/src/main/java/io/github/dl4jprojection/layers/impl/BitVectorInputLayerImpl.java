package io.github.dl4jprojection.layers.impl;

import io.github.dl4jprojection.layers.BitVectorInputLayer;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Implementation of {@link BitVectorInputLayer}: checks that every value is 0 or 1, then maps
 * {@code bit -> off + (on - off) * bit} of the configured {@link BitEncoding}.
 */
public class BitVectorInputLayerImpl extends BitLayerImpl<BitVectorInputLayer> {

    public BitVectorInputLayerImpl(NeuralNetConfiguration conf, org.nd4j.linalg.api.buffer.DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        BitVectorInputLayer config = layerConf();
        int numBits = config.numBits();
        requireShape(numBits);
        double[] values = input.dup('c').data().asDouble();
        for (int k = 0; k < values.length; k++) {
            if (values[k] != 0 && values[k] != 1) {
                throw new IllegalArgumentException("bit-vector input \"" + config.getLayerName() + "\" expects 0 or 1; example "
                        + k / numBits + ", bit " + k % numBits + " is " + values[k]);
            }
        }
        BitEncoding encoding = config.getEncoding();
        INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, input.shape(), 'c');
        result.assign(input);
        return result.muli(encoding.on() - encoding.off()).addi(encoding.off());
    }
}
