package io.github.dl4jprojection.spark;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** Collected minibatches replayed in order, resettable: the single-machine side of the comparisons. */
final class ListBatches implements MultiDataSetIterator {

    private final List<MultiDataSet> batches;
    private int next;

    ListBatches(List<MultiDataSet> batches) {
        this.batches = new ArrayList<>(batches);
    }

    @Override
    public MultiDataSet next(int num) {
        throw new UnsupportedOperationException("the batches are fixed");
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("no preprocessing in these tests");
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return null;
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
    public void reset() {
        next = 0;
    }

    @Override
    public boolean hasNext() {
        return next < batches.size();
    }

    @Override
    public MultiDataSet next() {
        return batches.get(next++);
    }
}
