package io.github.dl4jprojection.data;

import io.github.dl4jprojection.runtime.internal.hash.SplitMix64;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J {@link DataSetIterator} over an {@link ImageDataset}.
 *
 * <p>Each {@link DataSet} has features {@code [mb, height*width]} (float32, row-major pixels, raw
 * 0..255 or scaled, see {@link PixelScaling}) and one-hot labels {@code [mb, numClasses]}; the last
 * minibatch of an epoch may be smaller. A CNN reads the features with
 * {@code InputType.convolutionalFlat(height, width, 1)}.
 *
 * <p>Order: with shuffling on, epoch {@code e} visits the images in the permutation given by
 * {@code Shuffles.permutation(size, SplitMix64.output(seed, e))}, a function of the seed and the
 * epoch only. {@link #reset()} after at least one minibatch moves to the next epoch; resetting an
 * untouched epoch does not (DL4J resets both before and after an epoch). {@link #setEpoch} jumps to
 * any epoch, so training resumed from a checkpoint sees the same minibatches as an uninterrupted run.
 */
public final class ImageDataSetIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final ImageDataset data;
    private final int batchSize;
    private final PixelScaling scaling;
    private final boolean shuffle;
    private final long seed;
    private DataSetPreProcessor preProcessor;
    private int epoch;
    private int[] order;
    private int cursor;

    private ImageDataSetIterator(Builder b) {
        this.data = b.data;
        this.batchSize = b.batchSize;
        this.scaling = b.scaling;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        setEpoch(0);
    }

    /** A builder over {@code data}: batch size 64, raw pixels, no shuffling. */
    public static Builder builder(ImageDataset data) {
        return new Builder(data);
    }

    /** The data iterated. */
    public ImageDataset data() {
        return data;
    }

    /** The current epoch (0-based). */
    public int epoch() {
        return epoch;
    }

    /** Positions the iterator at the start of epoch {@code epoch} (0-based). */
    public void setEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be non-negative, got " + epoch);
        }
        this.epoch = epoch;
        this.order = shuffle ? Shuffles.permutation(data.size(), SplitMix64.output(seed, epoch)) : null;
        this.cursor = 0;
    }

    /** Minibatches per epoch: {@code ceil(size / batchSize)}. */
    public int batchesPerEpoch() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    @Override
    public boolean hasNext() {
        return cursor < data.size();
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " is finished; call reset()");
        }
        if (num < 1) {
            throw new IllegalArgumentException("num must be at least 1, got " + num);
        }
        int mb = Math.min(num, data.size() - cursor);
        int nIn = data.pixelsPerImage();
        int nOut = data.numClasses();
        float[] features = new float[mb * nIn];
        float[] labels = new float[mb * nOut];
        for (int r = 0; r < mb; r++) {
            int i = order != null ? order[cursor + r] : cursor + r;
            data.copyPixels(i, features, r * nIn, scaling.factor());
            labels[r * nOut + data.label(i)] = 1f;
        }
        cursor += mb;
        DataSet ds = new DataSet(Nd4j.create(features, new long[] {mb, nIn}, DataType.FLOAT),
                Nd4j.create(labels, new long[] {mb, nOut}, DataType.FLOAT));
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public int inputColumns() {
        return data.pixelsPerImage();
    }

    @Override
    public int totalOutcomes() {
        return data.numClasses();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** Each minibatch is built from fresh arrays, so prefetching on another thread is safe. */
    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public void reset() {
        if (cursor > 0) {
            setEpoch(epoch + 1);
        }
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return data.labelNames();
    }

    /** Options of an {@link ImageDataSetIterator}; validated in {@link #build()}. */
    public static final class Builder {
        private final ImageDataset data;
        private int batchSize = 64;
        private PixelScaling scaling = PixelScaling.RAW;
        private boolean shuffle;
        private long seed;

        private Builder(ImageDataset data) {
            this.data = data;
        }

        /** Images per minibatch (at least 1). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Raw 0..255 or scaled to [0, 1]. */
        public Builder scaling(PixelScaling scaling) {
            this.scaling = scaling;
            return this;
        }

        /** Shuffle every epoch, deterministically from {@code seed}. */
        public Builder shuffle(long seed) {
            this.shuffle = true;
            this.seed = seed;
            return this;
        }

        /** @throws IllegalArgumentException naming the parameter when data is null or batchSize is below 1 */
        public ImageDataSetIterator build() {
            if (data == null) {
                throw new IllegalArgumentException("data must not be null");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
            }
            if (scaling == null) {
                throw new IllegalArgumentException("scaling must not be null");
            }
            return new ImageDataSetIterator(this);
        }
    }
}
