package io.github.dl4jprojection.layers.joint;

import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The graph input of a {@code TokenBitsInputLayer} for a minibatch of texts, from the packed per-token bits of
 * the runtime's {@code TokenProjection}: features {@code [mb, B, L]} (0/1, token {@code t} of text {@code r} in
 * {@code [r, :, t]}) and the mask {@code [mb, L]} (1 for the text's tokens, 0 for padding), where {@code L} is the
 * largest token count of the minibatch, so a minibatch of short texts costs what short texts cost.
 */
public final class TokenBitsBatch {

    private final INDArray features;
    private final INDArray mask;

    private TokenBitsBatch(INDArray features, INDArray mask) {
        this.features = features;
        this.mask = mask;
    }

    /**
     * @param packed  per text, its tokens' packed bits, token {@code t} at words {@code [t * W, (t + 1) * W)}
     * @param tokens  per text, its token count ({@code >= 1}, as {@code TokenProjection.project} returns)
     * @param numBits {@code B = T * d}
     * @throws IllegalArgumentException on an empty batch, mismatched sizes or a count the bits do not cover
     */
    public static TokenBitsBatch of(List<long[]> packed, int[] tokens, int numBits) {
        if (packed == null || tokens == null || packed.isEmpty() || packed.size() != tokens.length) {
            throw new IllegalArgumentException("give one token count per text, for at least one text");
        }
        int words = (numBits + 63) >>> 6;
        int length = 0;
        for (int r = 0; r < tokens.length; r++) {
            if (tokens[r] < 1 || (long) tokens[r] * words > packed.get(r).length) {
                throw new IllegalArgumentException("text " + r + ": " + tokens[r] + " tokens, but its bits hold "
                        + packed.get(r).length / words);
            }
            length = Math.max(length, tokens[r]);
        }
        int mb = tokens.length;
        float[] x = new float[mb * numBits * length];
        float[] m = new float[mb * length];
        long[] one = new long[words];
        float[] unpacked = new float[numBits];
        for (int r = 0; r < mb; r++) {
            for (int t = 0; t < tokens[r]; t++) {
                System.arraycopy(packed.get(r), t * words, one, 0, words);
                PackedBits.unpack(one, numBits, BitEncoding.ZERO_ONE, unpacked, 0);
                for (int b = 0; b < numBits; b++) {
                    x[(r * numBits + b) * length + t] = unpacked[b];
                }
                m[r * length + t] = 1f;
            }
        }
        return new TokenBitsBatch(Nd4j.create(x, new long[] {mb, numBits, length}, 'c'),
                Nd4j.create(m, new long[] {mb, length}, 'c'));
    }

    /** {@code [mb, B, L]}, 0/1. */
    public INDArray features() {
        return features;
    }

    /** {@code [mb, L]}: 1 for a token, 0 for padding. */
    public INDArray mask() {
        return mask;
    }
}
