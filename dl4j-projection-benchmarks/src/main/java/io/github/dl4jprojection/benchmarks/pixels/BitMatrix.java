package io.github.dl4jprojection.benchmarks.pixels;

import io.github.dl4jprojection.data.ImageDataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The packed bits of every image of a split under one scheme, {@code n * ceil(B / 64)} longs: 8 bytes per 64 bits
 * instead of 256 for the float matrix a network reads, which is built per minibatch ({@link #encoded}).
 */
final class BitMatrix {

    private final long[] words;
    private final int numBits;
    private final int wordsPerRow;
    private final int rows;

    private BitMatrix(long[] words, int numBits, int rows) {
        this.words = words;
        this.numBits = numBits;
        this.wordsPerRow = (numBits + 63) >>> 6;
        this.rows = rows;
    }

    /** Projects every image of {@code images} with {@code scheme}. */
    static BitMatrix of(ImageDataset images, BitScheme scheme) {
        int wordsPerRow = (scheme.numBits() + 63) >>> 6;
        long[] words = new long[images.size() * wordsPerRow];
        float[] x = new float[images.pixelsPerImage()];
        long[] row = new long[wordsPerRow];
        for (int k = 0; k < images.size(); k++) {
            images.copyPixels(k, x, 0, 1f);
            scheme.project(x, row);
            System.arraycopy(row, 0, words, k * wordsPerRow, wordsPerRow);
        }
        return new BitMatrix(words, scheme.numBits(), images.size());
    }

    int rows() {
        return rows;
    }

    int numBits() {
        return numBits;
    }

    /** Bit {@code b} of row {@code r}. */
    boolean bit(int r, int b) {
        return (words[r * wordsPerRow + (b >>> 6)] >>> (b & 63) & 1L) != 0;
    }

    /** Rows {@code order[from .. to)} as the first dense layer sees them ({@code PLUS_MINUS_ONE}), {@code [to-from, B]}. */
    INDArray encoded(int[] order, int from, int to) {
        float[] x = new float[(to - from) * numBits];
        for (int r = from; r < to; r++) {
            int base = (r - from) * numBits;
            for (int b = 0; b < numBits; b++) {
                x[base + b] = bit(order[r], b) ? 1f : -1f;
            }
        }
        return Nd4j.create(x, new long[] {to - from, numBits}, 'c');
    }
}
