package io.github.dl4jprojection.layers.qat;

import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.weightnoise.IWeightNoise;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;

/**
 * Which parts of a projection network train quantized, for the joint builder's {@code quantizationAware}:
 * {@link #weights()} for an int8 export (the runtime computes with int8 weights and float activations), or
 * {@link #weightsAndActivations(double)} for an integer-only export (int8 hidden activations too). Every dense
 * layer of the projection network gets {@link Int8FakeQuantWeights}; with activations, every hidden layer's
 * function is wrapped in an {@link Int8FakeQuantActivation}, whose ranges {@link #hiddenRanges} reads back for
 * {@code Int8Calibrator.useRanges}. Immutable.
 */
public final class QuantizationAwareTraining {

    /** The default decay of the activation ranges' moving average, per minibatch (a time constant of 100). */
    public static final double DEFAULT_DECAY = 0.99;

    private final boolean activations;
    private final double decay;

    private QuantizationAwareTraining(boolean activations, double decay) {
        this.activations = activations;
        this.decay = decay;
    }

    /** Int8 weights only: what {@code WeightType.INT8} exports. */
    public static QuantizationAwareTraining weights() {
        return new QuantizationAwareTraining(false, 0);
    }

    /**
     * Int8 weights and int8 hidden pre-activations with ranges averaged at {@code decay}: what an integer-only
     * ({@code INT8_FIXED}) export computes.
     *
     * @throws IllegalArgumentException if {@code decay} is not in [0, 1)
     */
    public static QuantizationAwareTraining weightsAndActivations(double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be in [0, 1), got " + decay);
        }
        return new QuantizationAwareTraining(true, decay);
    }

    /** Whether hidden activations are quantized too. */
    public boolean activations() {
        return activations;
    }

    /** The weight noise of every dense layer of the projection network. */
    public IWeightNoise weightNoise() {
        return new Int8FakeQuantWeights();
    }

    /** A hidden layer's activation: {@code f} itself, or {@code f} on its int8 input when activations are quantized. */
    public IActivation hiddenActivation(IActivation f) {
        return activations ? new Int8FakeQuantActivation(f, decay) : f;
    }

    /**
     * The tracked range of each named hidden layer of {@code graph}, in order.
     *
     * @throws IllegalArgumentException if a layer's activation is not an {@link Int8FakeQuantActivation}
     * @throws IllegalStateException    if a layer has seen no training minibatch (for example when training ran on
     *                                  copies of the graph, whose configurations kept the ranges)
     */
    public static double[] hiddenRanges(ComputationGraph graph, List<String> hiddenLayers) {
        double[] ranges = new double[hiddenLayers.size()];
        for (int l = 0; l < ranges.length; l++) {
            String name = hiddenLayers.get(l);
            Layer layer = graph.getLayer(name).conf().getLayer();
            IActivation f = layer instanceof BaseLayer ? ((BaseLayer) layer).getActivationFn() : null;
            if (!(f instanceof Int8FakeQuantActivation)) {
                throw new IllegalArgumentException("layer \"" + name + "\" was not trained with quantized activations"
                        + " (its activation is " + f + ")");
            }
            Int8FakeQuantActivation q = (Int8FakeQuantActivation) f;
            if (q.getMinibatches() == 0) {
                throw new IllegalStateException("layer \"" + name + "\" has no activation range: it saw no training"
                        + " minibatch in this graph");
            }
            ranges[l] = q.getRange();
        }
        return ranges;
    }

    @Override
    public String toString() {
        return activations ? "int8 weights and activations (decay " + decay + ")" : "int8 weights";
    }
}
