package io.github.dl4jprojection.layers.qat;

import io.github.dl4jprojection.runtime.internal.model.Int8Quantizer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.weightnoise.IWeightNoise;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fake int8 quantization of a dense layer's weights {@code W [nIn, nOut]}, in training and in inference: the
 * layer computes with {@code Wq[i][j] = q[i][j] * s[j]}, where
 * <pre>
 *   s[j] = max_i |W[i][j]| / 127,   q[i][j] = clamp(round(W[i][j] / s[j]), -127, 127)
 * </pre>
 * is exactly the per-output-unit scheme of the int8 export ({@link Int8Quantizer#fakeQuantize}, the same code), so
 * the exported int8 layer holds the weights DL4J evaluated. The float {@code W} stays the trained parameter: DL4J
 * computes {@code dL/dW = x^T delta} without {@code Wq} and uses {@code Wq} for the gradient of the input, which is
 * the straight-through estimator {@code dWq/dW = 1}; as the scale is the column's largest |W|, no weight is ever
 * clipped, so it passes everywhere. The bias is not quantized (the export keeps it float32).
 *
 * <p>DL4J applies weight noise in the layers that call {@code getParamWithNoise}: {@code DenseLayer} and the other
 * feed-forward layers do; 1.0.0-M2.1's {@code Convolution1DLayer} does not, so this class is for dense layers only.
 * Stateless; its JSON is its class name.
 */
public final class Int8FakeQuantWeights implements IWeightNoise {

    private static final long serialVersionUID = 1L;

    @Override
    public INDArray getParameter(Layer layer, String paramKey, int iteration, int epoch, boolean train,
                                 LayerWorkspaceMgr workspaceMgr) {
        INDArray param = layer.getParam(paramKey);
        if (!DefaultParamInitializer.WEIGHT_KEY.equals(paramKey)) {
            return param;
        }
        if (param.rank() != 2) {
            throw new IllegalStateException("int8 fake quantization is for dense layers' [nIn, nOut] weights; layer \""
                    + layer.conf().getLayer().getLayerName() + "\" has W of rank " + param.rank());
        }
        int nIn = (int) param.size(0);
        int nOut = (int) param.size(1);
        float[] quantized = Int8Quantizer.fakeQuantize(param.castTo(DataType.FLOAT).dup('c').data().asFloat(), nIn,
                nOut);
        return Nd4j.create(quantized, new long[] {nIn, nOut}, 'c').castTo(param.dataType());
    }

    @Override
    public Int8FakeQuantWeights clone() {
        return new Int8FakeQuantWeights();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Int8FakeQuantWeights;
    }

    @Override
    public int hashCode() {
        return Int8FakeQuantWeights.class.hashCode();
    }

    @Override
    public String toString() {
        return "Int8FakeQuantWeights";
    }
}
