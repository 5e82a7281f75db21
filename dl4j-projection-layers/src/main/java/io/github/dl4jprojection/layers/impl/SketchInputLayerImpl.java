package io.github.dl4jprojection.layers.impl;

import io.github.dl4jprojection.layers.SketchInputLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Implementation of {@link SketchInputLayer}: checks that the input is {@code [mb, B]} of finite values with
 * {@code |x| <= 1} (what a unit-norm sketch holds, so a caller feeding raw counts or another width fails here, not
 * with a silently wrong model), then passes it on unchanged.
 */
public class SketchInputLayerImpl extends BitLayerImpl<SketchInputLayer> {

    public SketchInputLayerImpl(NeuralNetConfiguration conf, org.nd4j.linalg.api.buffer.DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        SketchInputLayer config = layerConf();
        requireShape(config.buckets());
        // The sum of |x| is NaN or infinite exactly when a value is; only then is the largest |x| meaningful.
        double sum = input.norm1Number().doubleValue();
        double largest = Double.isFinite(sum) ? input.amaxNumber().doubleValue() : sum;
        if (!(largest <= 1)) {
            throw new IllegalArgumentException("sketch input \"" + config.getLayerName() + "\" expects finite values"
                    + " with |x| <= 1 (a unit-norm count sketch, SketchProjection); got "
                    + (Double.isFinite(sum) ? "|x| = " + largest : "a NaN or infinite value"));
        }
        INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, input.shape(), 'c');
        return result.assign(input);
    }
}
