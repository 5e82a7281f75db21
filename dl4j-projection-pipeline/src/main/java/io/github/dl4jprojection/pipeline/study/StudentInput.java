package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.layers.BitLayer;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a student network reads: training and test features {@code [n, nIn]}, and for a projection network the
 * bit layer that starts it (a {@code ProjectionLayer} on raw pixels, or a {@code BitVectorInputLayer} on bits the
 * runtime's text projection computed) and the input the exported file declares; for a sketch network (the SKETCH
 * family) the count sketch's spec ({@code T = 1}, {@code d = B} buckets, density 1, its seed) and the input the file
 * declares, the features being the sketch values themselves (no layer: the dense layers read them directly).
 */
public final class StudentInput {

    private final INDArray train;
    private final INDArray test;
    private final BitLayer bitLayer;
    private final InputSpec exportInput;
    private final ProjectionSpec sketch;
    private final String description;

    private StudentInput(INDArray train, INDArray test, BitLayer bitLayer, InputSpec exportInput,
                         ProjectionSpec sketch, String description) {
        if (train.columns() != test.columns()) {
            throw new IllegalArgumentException("train and test features must have the same width, got "
                    + train.columns() + " and " + test.columns());
        }
        this.train = train;
        this.test = test;
        this.bitLayer = bitLayer;
        this.exportInput = exportInput;
        this.sketch = sketch;
        this.description = description;
    }

    /** Features for an MLP. */
    public static StudentInput plain(INDArray train, INDArray test, String description) {
        return new StudentInput(train, test, null, null, null, description);
    }

    /** Features for a projection network that starts with {@code bitLayer}. */
    public static StudentInput projection(INDArray train, INDArray test, BitLayer bitLayer, InputSpec exportInput,
                                          String description) {
        return new StudentInput(train, test, Objects.requireNonNull(bitLayer, "bitLayer"),
                Objects.requireNonNull(exportInput, "exportInput"), null, description);
    }

    /**
     * Count-sketch values {@code [n, B]} for a sketch network, exported as a SKETCH model with {@code sketch}.
     *
     * @throws IllegalArgumentException when the features are not {@code B = sketch.numBits()} wide
     */
    public static StudentInput sketch(INDArray train, INDArray test, ProjectionSpec sketch, InputSpec exportInput,
                                      String description) {
        if (train.columns() != Objects.requireNonNull(sketch, "sketch").numBits()) {
            throw new IllegalArgumentException("a sketch of " + sketch.numBits() + " buckets needs as many features, got "
                    + train.columns());
        }
        return new StudentInput(train, test, null, Objects.requireNonNull(exportInput, "exportInput"), sketch,
                description);
    }

    /** {@code [n_train, nIn]}. */
    public INDArray train() {
        return train;
    }

    /** {@code [n_test, nIn]}. */
    public INDArray test() {
        return test;
    }

    public int width() {
        return (int) train.columns();
    }

    /** The projection's first layer, or {@code null} for an MLP. */
    public BitLayer bitLayer() {
        return bitLayer;
    }

    /** The count sketch's spec of a sketch network, or {@code null} for the other students. */
    public ProjectionSpec sketchSpec() {
        return sketch;
    }

    /** The input the exported file declares, or {@code null} for an MLP. */
    public InputSpec exportInput() {
        return exportInput;
    }

    /** What the features are, for the CSV's detail column. */
    public String description() {
        return description;
    }
}
