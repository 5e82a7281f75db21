package io.github.dl4jprojection.layers.impl;

import io.github.dl4jprojection.layers.BitLayer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the layers that output projection bits share: no parameters, masks passed through, and a
 * zero gradient to the input, since bits are piecewise constant in it.
 */
abstract class BitLayerImpl<T extends BitLayer> extends AbstractLayer<T> {

    BitLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray zeros = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        return new Pair<>(new DefaultGradient(), zeros);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // no parameters, hence no noise
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return 0;
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public INDArray params() {
        return null;
    }

    /** Rejects input that is not {@code [minibatch, width]}. */
    void requireShape(long width) {
        if (input.rank() != 2 || input.size(1) != width) {
            throw new IllegalArgumentException(getClass().getSimpleName().replace("Impl", "") + " \""
                    + layerConf().getLayerName() + "\" expects input of shape [minibatch, " + width + "], got "
                    + java.util.Arrays.toString(input.shape()));
        }
    }
}
