package io.github.dl4jprojection.layers.joint;

import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The 0/1 input of a {@code BitVectorInputLayer} computed from dense trainer features with the reference
 * projection ({@link LshProjection#forDenseInput}): {@code [mb, n]} (or any shape, flattened per example
 * in row-major order) to {@code [mb, T * d]}. The projection's precomputed masks are kept for the last
 * input length seen.
 */
final class DenseBits {

    private final ProjectionSpec spec;
    private LshProjection projection;

    DenseBits(ProjectionSpec spec) {
        this.spec = spec;
    }

    INDArray bitsOf(INDArray features, DataType dataType) {
        int mb = (int) features.size(0);
        long perExample = features.length() / mb;
        if (perExample > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("features have too many values per example: " + perExample);
        }
        int nIn = (int) perExample;
        if (projection == null || projection.nIn() != nIn) {
            projection = LshProjection.forDenseInput(spec, nIn);
        }
        INDArray flat = features.reshape('c', mb, nIn).castTo(DataType.FLOAT);
        int numBits = spec.numBits();
        float[] acc = new float[numBits];
        long[] words = new long[spec.numWords()];
        float[] out = new float[mb * numBits];
        for (int i = 0; i < mb; i++) {
            projection.project(flat.getRow(i).toFloatVector(), acc, words);
            PackedBits.unpack(words, numBits, BitEncoding.ZERO_ONE, out, i * numBits);
        }
        return Nd4j.create(out, new long[] {mb, numBits}, 'c').castTo(dataType);
    }
}
