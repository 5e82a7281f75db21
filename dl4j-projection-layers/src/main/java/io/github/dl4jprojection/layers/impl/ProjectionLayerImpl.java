package io.github.dl4jprojection.layers.impl;

import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batched implementation of {@link ProjectionLayer}: one float32 GEMM {@code X * P} against the
 * projection matrix generated from the seed, then a sign test.
 *
 * <p>Exactness: the GEMM sums in an order of its own, the reference ({@link LshProjection}) in
 * index order. Both are within {@code gamma_n * sum_i |x_i|} of the exact dot product
 * ({@code gamma_n = n u / (1 - n u)}, {@code u = 2^-24}; entries are -1, 0 or +1), so whenever
 * {@code |gemm| > 2 gamma_n sum|x|} both have the sign of the exact value. Only the accumulators
 * inside that band (rare: a few per thousand on images) are recomputed by the reference, which
 * makes the output equal to the reference bit for bit.
 */
public class ProjectionLayerImpl extends BitLayerImpl<ProjectionLayer> {

    private static final double UNIT_ROUNDOFF = 0x1.0p-24;

    private transient LshProjection reference;
    private transient INDArray matrix;

    public ProjectionLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        ProjectionLayer config = layerConf();
        int nIn = (int) config.getNIn();
        requireShape(nIn);
        prepare(config, nIn);
        int rows = (int) input.size(0);
        int numBits = config.numBits();
        INDArray x = input.castTo(DataType.FLOAT).dup('c');
        float[] xs = x.data().asFloat();
        double[] bounds = errorBounds(xs, rows, nIn, config.getLayerName());
        float[] acc = x.mmul(matrix).data().asFloat();

        BitEncoding encoding = config.getEncoding();
        float[] out = new float[rows * numBits];
        float[] row = new float[nIn];
        for (int r = 0; r < rows; r++) {
            boolean rowCopied = false;
            for (int b = 0; b < numBits; b++) {
                float a = acc[r * numBits + b];
                // Inside the rounding band, or overflowed to infinity / NaN: only the reference decides.
                if (!(Float.isFinite(a) && Math.abs(a) > bounds[r])) {
                    if (!rowCopied) {
                        System.arraycopy(xs, r * nIn, row, 0, nIn);
                        rowCopied = true;
                    }
                    a = reference.accumulator(row, b);
                }
                out[r * numBits + b] = encoding.encode(a > 0f);
            }
        }
        INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {rows, numBits}, 'c');
        result.assign(Nd4j.create(out, new long[] {rows, numBits}, 'c'));
        return result;
    }

    /** Per row, {@code 2 gamma_n sum|x|}; rejects NaN and infinite inputs. */
    private static double[] errorBounds(float[] xs, int rows, int nIn, String layerName) {
        double gamma = nIn * UNIT_ROUNDOFF / (1 - nIn * UNIT_ROUNDOFF);
        double[] bounds = new double[rows];
        for (int r = 0; r < rows; r++) {
            double sumAbs = 0;
            for (int i = 0; i < nIn; i++) {
                float v = xs[r * nIn + i];
                if (Float.isNaN(v) || Float.isInfinite(v)) {
                    throw new IllegalArgumentException("projection layer \"" + layerName + "\": input value " + i
                            + " of example " + r + " is not finite: " + v);
                }
                sumAbs += Math.abs(v);
            }
            bounds[r] = 2 * gamma * sumAbs;
        }
        return bounds;
    }

    /** Builds the reference and the GEMM matrix once, outside any workspace (they live with the layer). */
    private void prepare(ProjectionLayer config, int nIn) {
        if (matrix != null) {
            return;
        }
        ProjectionSpec spec = config.projectionSpec();
        reference = LshProjection.forDenseInput(spec, nIn);
        int numBits = spec.numBits();
        float[] entries = new float[nIn * numBits];
        long[] masks = new long[2 * spec.numWords()];
        for (int i = 0; i < nIn; i++) {
            LshProjection.entryMasks(spec, i, masks);
            for (int b = 0; b < numBits; b++) {
                int g = b >>> 6;
                entries[i * numBits + b] = (masks[2 * g] >>> (b & 63) & 1) - (masks[2 * g + 1] >>> (b & 63) & 1);
            }
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            matrix = Nd4j.create(entries, new long[] {nIn, numBits}, 'c');
        }
    }
}
