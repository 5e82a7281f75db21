package io.github.dl4jprojection.layers.joint;

import java.util.Iterator;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * A view of a caller's iterator as the MultiDataSets the joint graph needs, converting each batch as it is
 * read. Reset is delegated. Asynchronous prefetch is declined so conversion errors surface on the calling
 * thread with their own message.
 */
final class ConvertingMultiDataSetIterator<T> implements MultiDataSetIterator {

    private final Iterator<T> source;
    private final BooleanSupplier resetSupported;
    private final Runnable reset;
    private final Function<T, MultiDataSet> convert;
    private MultiDataSetPreProcessor preProcessor;

    private ConvertingMultiDataSetIterator(Iterator<T> source, BooleanSupplier resetSupported, Runnable reset,
            Function<T, MultiDataSet> convert) {
        this.source = source;
        this.resetSupported = resetSupported;
        this.reset = reset;
        this.convert = convert;
    }

    static MultiDataSetIterator of(DataSetIterator source, Function<DataSet, MultiDataSet> convert) {
        return new ConvertingMultiDataSetIterator<>(source, source::resetSupported, source::reset,
                ds -> convert.apply(ds));
    }

    static MultiDataSetIterator of(MultiDataSetIterator source, Function<MultiDataSet, MultiDataSet> convert) {
        return new ConvertingMultiDataSetIterator<>(source, source::resetSupported, source::reset, convert);
    }

    @Override
    public MultiDataSet next(int num) {
        throw new UnsupportedOperationException("next(num) is not supported; the wrapped iterator sets the batch size");
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public boolean resetSupported() {
        return resetSupported.getAsBoolean();
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        reset.run();
    }

    @Override
    public boolean hasNext() {
        return source.hasNext();
    }

    @Override
    public MultiDataSet next() {
        MultiDataSet mds = convert.apply(source.next());
        if (preProcessor != null) {
            preProcessor.preProcess(mds);
        }
        return mds;
    }
}
