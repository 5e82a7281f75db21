package io.github.dl4jprojection.layers.impl;

import io.github.dl4jprojection.layers.PatchProjectionLayer;
import io.github.dl4jprojection.runtime.internal.projection.PatchBits;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Implementation of {@link PatchProjectionLayer}: the runtime's reference {@link PatchBits} called on every example
 * (about 70 us for a 28x28 image, small next to the convolutions after it), so the bits are the device's by
 * construction, then the bits of position {@code (i, j)} spread over the {@code B} channels of an NCHW map
 * {@code [mb, B, H0, W0]}.
 */
public class PatchProjectionLayerImpl extends BitLayerImpl<PatchProjectionLayer> {

    private transient PatchBits reference;

    public PatchProjectionLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        PatchProjectionLayer config = layerConf();
        int nIn = (int) config.inputSize();
        INDArray flat = flatInput(config);
        if (reference == null) {
            reference = config.patchBits();
        }
        int rows = (int) flat.size(0);
        int positions = reference.positions();
        int numBits = reference.bitsPerPosition();
        float[] xs = flat.castTo(DataType.FLOAT).dup('c').data().asFloat();
        requireFinite(xs, nIn, config.getLayerName());

        BitEncoding encoding = config.getEncoding();
        float on = encoding.encode(true);
        float off = encoding.encode(false);
        float[] x = new float[nIn];
        float[] scratch = reference.newScratch();
        long[] bits = new long[reference.outputWords()];
        float[] out = new float[rows * numBits * positions];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(xs, r * nIn, x, 0, nIn);
            reference.project(x, scratch, bits);
            int base = r * numBits * positions;
            for (int position = 0; position < positions; position++) {
                for (int b = 0; b < numBits; b++) {
                    int k = position * numBits + b;
                    // Position-major bits become channel-major activations: out[r][b][i][j], position = i*W0 + j.
                    out[base + b * positions + position] = (bits[k >>> 6] >>> (k & 63) & 1L) != 0 ? on : off;
                }
            }
        }
        long[] shape = {rows, numBits, reference.rows(), reference.columns()};
        INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, shape, 'c');
        return result.assign(Nd4j.create(out, shape, 'c'));
    }

    /** {@code [mb, c*h*w]} as given, or NCHW {@code [mb, c, h, w]} flattened row-major (the same CHW vector). */
    private INDArray flatInput(PatchProjectionLayer config) {
        if (input.rank() == 4) {
            long[] expected = {input.size(0), config.getChannels(), config.getHeight(), config.getWidth()};
            if (!Arrays.equals(expected, input.shape())) {
                throw new IllegalArgumentException("PatchProjectionLayer \"" + config.getLayerName() + "\" expects "
                        + "NCHW input of shape [minibatch, " + config.getChannels() + ", " + config.getHeight() + ", "
                        + config.getWidth() + "], got " + Arrays.toString(input.shape()));
            }
            return input.dup('c').reshape('c', input.size(0), config.inputSize());
        }
        requireShape(config.inputSize());
        return input;
    }

    @Override
    public Type type() {
        return Type.CONVOLUTIONAL;
    }

    private static void requireFinite(float[] xs, int nIn, String layerName) {
        for (int i = 0; i < xs.length; i++) {
            if (!Float.isFinite(xs[i])) {
                throw new IllegalArgumentException("patch projection \"" + layerName + "\": input value " + i % nIn
                        + " of example " + i / nIn + " is not finite: " + xs[i]);
            }
        }
    }
}
