package io.github.dl4jprojection.pipeline;

import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Minibatches of {@link EncodedTexts} for {@code JointProjectionModel.fit(MultiDataSetIterator, int)}: features
 * {@code [trainer input, projection input (0/1 bits, or sketch values)]} with the masks of either when it has one
 * (token sequences), labels one array for both outputs. With a shuffle seed the order of epoch
 * {@code e} is a Fisher-Yates permutation drawn from {@code java.util.Random(seed * 1_000_003 + e)} (specified by
 * the JDK, so the same on every JVM); without one the rows keep their order.
 */
final class TextBatchIterator implements MultiDataSetIterator {

    private final EncodedTexts<?> data;
    private final int batchSize;
    private final Long shuffleSeed;
    private int[] order;
    private int cursor;
    private MultiDataSetPreProcessor preProcessor;

    /** @param shuffleSeed seed of the per-epoch order, or {@code null} to keep the rows in order */
    TextBatchIterator(EncodedTexts<?> data, int batchSize, Long shuffleSeed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.shuffleSeed = shuffleSeed;
        setEpoch(0);
    }

    /** Rewinds to the start of epoch {@code epoch}'s order. */
    void setEpoch(int epoch) {
        order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffleSeed != null) {
            Random random = new Random(shuffleSeed * 1_000_003L + epoch);
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        cursor = 0;
    }

    @Override
    public MultiDataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("no more batches in this epoch");
        }
        int to = Math.min(order.length, cursor + num);
        EncodedTexts.Batch b = data.batch(order, cursor, to);
        cursor = to;
        // The trainer's mask covers its token padding, the projection's (a sequence model's) its own.
        INDArray[] masks = b.featuresMask == null && b.bitsMask == null ? null
                : new INDArray[] {b.featuresMask, b.bitsMask};
        MultiDataSet ds = new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {b.features, b.bits},
                new INDArray[] {b.labels}, masks, null);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public MultiDataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    /** Rewinds within the current epoch's order (the order changes only with {@link #setEpoch}). */
    @Override
    public void reset() {
        cursor = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }
}
