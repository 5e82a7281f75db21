package io.github.dl4jprojection.layers;

import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Common configuration of the layers whose output is an encoded projection bit vector: the
 * projection specification (T, d, seed, density; see {@link ProjectionSpec}) and the
 * {@link BitEncoding} the next dense layer trains on. Output shape: {@code [minibatch, T * d]}.
 *
 * <p>Fields are plain bean properties because DL4J serializes layer configurations with Jackson;
 * renaming one changes the saved-model JSON.
 */
public abstract class BitLayer extends NoParamLayer {

    private int numFunctions;
    private int bitsPerFunction;
    private long seed;
    private double density;
    private BitEncoding encoding;

    /** For Jackson. */
    protected BitLayer() {
    }

    protected BitLayer(Builder<?> builder) {
        super(builder);
        ProjectionSpec spec = builder.specBuilder.build();
        this.numFunctions = spec.numFunctions();
        this.bitsPerFunction = spec.bitsPerFunction();
        this.seed = spec.seed();
        this.density = spec.density();
        if (builder.encoding == null) {
            throw new IllegalArgumentException("encoding must not be null");
        }
        this.encoding = builder.encoding;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        Layer layer = newImplementation(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    /** The DL4J implementation of this configuration. */
    protected abstract Layer newImplementation(NeuralNetConfiguration conf, DataType networkDataType);

    /** The projection specification; validated again, so a hand-edited JSON cannot slip through. */
    public ProjectionSpec projectionSpec() {
        return ProjectionSpec.builder().numFunctions(numFunctions).bitsPerFunction(bitsPerFunction)
                .seed(seed).density(density).build();
    }

    /** T * d. */
    public int numBits() {
        return numFunctions * bitsPerFunction;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputType == null) {
            throw new IllegalStateException("input type of layer \"" + getLayerName() + "\" is null");
        }
        return InputType.feedForward(numBits());
    }

    @Override
    public List<org.nd4j.linalg.learning.regularization.Regularization> getRegularizationByParam(String paramName) {
        return null;
    }

    /** Bits (or sketch values) computed outside the graph arrive as they are; {@link ProjectionLayer} overrides. */
    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    /** No parameters, so none is pretrained. */
    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, outputType)
                .standardMemory(0, 0)
                .workingMemory(0, 0, outputType.arrayElementsPerExample(), outputType.arrayElementsPerExample())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    public int getNumFunctions() {
        return numFunctions;
    }

    public void setNumFunctions(int numFunctions) {
        this.numFunctions = numFunctions;
    }

    public int getBitsPerFunction() {
        return bitsPerFunction;
    }

    public void setBitsPerFunction(int bitsPerFunction) {
        this.bitsPerFunction = bitsPerFunction;
    }

    public long getSeed() {
        return seed;
    }

    public void setSeed(long seed) {
        this.seed = seed;
    }

    public double getDensity() {
        return density;
    }

    public void setDensity(double density) {
        this.density = density;
    }

    public BitEncoding getEncoding() {
        return encoding;
    }

    public void setEncoding(BitEncoding encoding) {
        this.encoding = encoding;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass() || !super.equals(o)) {
            return false;
        }
        BitLayer other = (BitLayer) o;
        return numFunctions == other.numFunctions && bitsPerFunction == other.bitsPerFunction
                && seed == other.seed && density == other.density && encoding == other.encoding;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), numFunctions, bitsPerFunction, seed, density, encoding);
    }

    /** Builder of the projection fields; defaults: seed 42, density 1/4, {@link BitEncoding#PLUS_MINUS_ONE}. */
    public abstract static class Builder<T extends Builder<T>> extends org.deeplearning4j.nn.conf.layers.Layer.Builder<T> {
        private final ProjectionSpec.Builder specBuilder = ProjectionSpec.builder();
        private BitEncoding encoding = BitEncoding.PLUS_MINUS_ONE;

        /** T, the number of projection functions. */
        @SuppressWarnings("unchecked")
        public T numFunctions(int t) {
            specBuilder.numFunctions(t);
            return (T) this;
        }

        /** d, the bits of each projection function. */
        @SuppressWarnings("unchecked")
        public T bitsPerFunction(int d) {
            specBuilder.bitsPerFunction(d);
            return (T) this;
        }

        /** Sets T and d from an existing specification, seed and density included. */
        @SuppressWarnings("unchecked")
        public T spec(ProjectionSpec spec) {
            specBuilder.numFunctions(spec.numFunctions()).bitsPerFunction(spec.bitsPerFunction())
                    .seed(spec.seed()).density(spec.density());
            return (T) this;
        }

        /** The projection seed. */
        @SuppressWarnings("unchecked")
        public T seed(long seed) {
            specBuilder.seed(seed);
            return (T) this;
        }

        /** Share of non-zero projection entries: 1, 1/2, ..., 1/64. */
        @SuppressWarnings("unchecked")
        public T density(double density) {
            specBuilder.density(density);
            return (T) this;
        }

        /** How bits are presented to the next layer. */
        @SuppressWarnings("unchecked")
        public T encoding(BitEncoding encoding) {
            this.encoding = encoding;
            return (T) this;
        }
    }
}
