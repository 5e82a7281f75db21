package io.github.dl4jprojection.layers;

import io.github.dl4jprojection.layers.impl.SketchInputLayerImpl;
import io.github.dl4jprojection.runtime.internal.text.SketchProjection;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Entry point of a count-sketch projection network (the SKETCH family, docs/PROJECTION.md "Count sketch"): the
 * {@code B} values of a text's signed, square-root-weighted, unit-norm feature-hashing sketch, computed outside the
 * graph by the runtime's reference {@link SketchProjection} from the text's feature bag and the seed (no stored
 * matrix, no vocabulary). Input: {@code [minibatch, B]}, finite, {@code |x[b]| <= 1}; output: the same values
 * (identity). No parameters; zero gradient to the input.
 *
 * <p>It carries {@code B} and the seed for the exporter, as a {@link BitLayer} whose specification is the one the
 * model format records for a sketch: {@code T = 1} function of {@code d = B} buckets, density 1, and the
 * {@link BitEncoding#ZERO_ONE} encoding ({@code out = x}: the values pass unchanged). The builder fixes T, the density
 * and the encoding to those; {@link #buckets()} is {@code d}.
 */
public class SketchInputLayer extends BitLayer {

    /** For Jackson. */
    public SketchInputLayer() {
    }

    private SketchInputLayer(Builder builder) {
        super(builder);
        if (getNumFunctions() != 1 || getDensity() != 1.0 || getEncoding() != BitEncoding.ZERO_ONE) {
            throw new IllegalArgumentException("sketch input \"" + getLayerName() + "\" is one function of B buckets,"
                    + " density 1, encoding ZERO_ONE (the values pass unchanged); set buckets(B) and seed only, got "
                    + projectionSpec() + ", encoding " + getEncoding());
        }
    }

    @Override
    protected Layer newImplementation(NeuralNetConfiguration conf, DataType networkDataType) {
        return new SketchInputLayerImpl(conf, networkDataType);
    }

    /** B, the number of buckets: the width of the input and the output. */
    public int buckets() {
        return getBitsPerFunction();
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (inputType == null || inputType.getType() != InputType.Type.FF
                || inputType.arrayElementsPerExample() != buckets()) {
            throw new IllegalArgumentException("sketch input \"" + getLayerName() + "\" expects feed-forward input of "
                    + buckets() + " sketch values (B), got " + inputType);
        }
    }

    @Override
    public String toString() {
        return "SketchInputLayer{name=" + getLayerName() + ", buckets=" + buckets() + ", seed=" + getSeed() + "}";
    }

    /** Builder; {@link #buckets(int)} is required, the seed defaults to 42. */
    public static class Builder extends BitLayer.Builder<Builder> {

        public Builder() {
            numFunctions(1);
            density(1.0);
            encoding(BitEncoding.ZERO_ONE);
        }

        /** B, the buckets of the sketch, 1 to {@link io.github.dl4jprojection.runtime.internal.projection.CountSketch#MAX_BUCKETS}. */
        public Builder buckets(int buckets) {
            return bitsPerFunction(buckets);
        }

        /** B and the seed of the runtime's projection that makes the values. */
        public Builder sketch(SketchProjection projection) {
            return buckets(projection.buckets()).seed(projection.seed());
        }

        @Override
        @SuppressWarnings("unchecked")
        public SketchInputLayer build() {
            return new SketchInputLayer(this);
        }
    }
}
