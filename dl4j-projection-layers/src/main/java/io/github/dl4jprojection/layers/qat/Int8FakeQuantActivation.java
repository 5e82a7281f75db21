package io.github.dl4jprojection.layers.qat;

import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A hidden layer's activation {@code f} applied to its pre-activation {@code z} fake-quantized to int8, as an
 * integer-only export computes it ({@code Int8Calibrator}, docs/FORMAT.md section 11):
 * <pre>
 *   s  = range / 127                                     (float32)
 *   zq = clamp(round(z / s), -128, 127) * s,   y = f(zq)
 * </pre>
 * where {@code range} is the largest |z| (for ReLU: the largest z), tracked in training over the minibatches by an
 * exponential moving average, {@code range <- decay * range + (1 - decay) * max(batch)} (the first minibatch sets
 * it); inference leaves it as it is. The export takes this range instead of calibrating on examples, so the device
 * quantizes {@code z} as training did. Before the first training minibatch nothing is quantized.
 *
 * <p>Gradient: straight through the rounding, zero where {@code z} is clipped (outside
 * {@code [-128.5 s, 127.5 s]}), times {@code f'(zq)}. The range is state that lives in the layer configuration (as
 * DL4J keeps its epoch counts there): it is written with the model's JSON and read back with it, so a saved or
 * checkpointed model keeps it. A tabled activation's own int8 rounding of {@code y} (tanh, sigmoid, leaky ReLU,
 * hard tanh) is not simulated: it adds at most half a step of {@code y}.
 */
public final class Int8FakeQuantActivation extends BaseActivationFunction {

    private static final long serialVersionUID = 1L;

    private IActivation activation;
    private double decay;
    private double range;
    private long minibatches;

    /** For Jackson. */
    Int8FakeQuantActivation() {
    }

    /**
     * {@code activation} on the int8 fake quantization of its input, with a range averaged at {@code decay}.
     *
     * @throws IllegalArgumentException if {@code activation} is null or has no on-device equivalent, or
     *                                  {@code decay} is not in [0, 1)
     */
    public Int8FakeQuantActivation(IActivation activation, double decay) {
        if (activation == null || activation instanceof Int8FakeQuantActivation) {
            throw new IllegalArgumentException("activation must be a plain activation, got " + activation);
        }
        ProjectionNetExporter.nonlinearity("hidden layer", activation, false);
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be in [0, 1), got " + decay);
        }
        this.activation = activation;
        this.decay = decay;
    }

    /** The activation applied after the quantization. */
    public IActivation getActivation() {
        return activation;
    }

    /** The moving average's decay per minibatch. */
    public double getDecay() {
        return decay;
    }

    /** The tracked range: the moving average of the minibatches' largest |z| (ReLU: largest z); 0 before training. */
    public double getRange() {
        return range;
    }

    /** How many training minibatches the range has seen. */
    public long getMinibatches() {
        return minibatches;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        if (training) {
            track(in);
        }
        if (minibatches > 0) {
            quantizeInPlace(in, step());
        }
        return activation.getActivation(in, training);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        if (minibatches == 0) {
            return activation.backprop(in, epsilon);
        }
        double s = step();
        INDArray inside = in.gte(-128.5 * s).castTo(in.dataType()).muli(in.lte(127.5 * s).castTo(in.dataType()));
        quantizeInPlace(in, s);
        Pair<INDArray, INDArray> gradient = activation.backprop(in, epsilon);
        gradient.getFirst().muli(inside);
        return gradient;
    }

    private void track(INDArray z) {
        double batch = relu() ? Math.max(0, z.maxNumber().doubleValue()) : z.amaxNumber().doubleValue();
        range = minibatches == 0 ? batch : decay * range + (1 - decay) * batch;
        minibatches++;
    }

    private boolean relu() {
        return ProjectionNetExporter.nonlinearity("hidden layer", activation, false) == Nonlinearity.RELU;
    }

    /** The int8 step of z, as the export computes it: {@code (float) (range / 127)}, 1/127 for a zero range. */
    private double step() {
        return (float) (range > 0 ? range / 127 : 1.0 / 127);
    }

    private static void quantizeInPlace(INDArray z, double s) {
        z.divi(s);
        Transforms.round(z, false);
        Transforms.max(z, -128, false);
        Transforms.min(z, 127, false);
        z.muli(s);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Int8FakeQuantActivation)) {
            return false;
        }
        Int8FakeQuantActivation other = (Int8FakeQuantActivation) o;
        return activation.equals(other.activation) && decay == other.decay && range == other.range
                && minibatches == other.minibatches;
    }

    @Override
    public int hashCode() {
        return Objects.hash(activation, decay, range, minibatches);
    }

    @Override
    public String toString() {
        return "int8(" + activation + ", range " + range + ")";
    }
}
