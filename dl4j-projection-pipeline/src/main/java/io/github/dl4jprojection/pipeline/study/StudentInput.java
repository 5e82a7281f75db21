package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.layers.BitLayer;
import io.github.dl4jprojection.runtime.model.InputSpec;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a student network reads: training and test features {@code [n, nIn]}, and for a projection network the
 * bit layer that starts it (a {@code ProjectionLayer} on raw pixels, or a {@code BitVectorInputLayer} on bits the
 * runtime's text projection computed, or a {@code SketchInputLayer} on the count sketch of the SKETCH family) and
 * the input the exported file declares.
 */
public final class StudentInput {

    private final INDArray train;
    private final INDArray test;
    private final BitLayer bitLayer;
    private final InputSpec exportInput;
    private final String description;

    private StudentInput(INDArray train, INDArray test, BitLayer bitLayer, InputSpec exportInput, String description) {
        if (train.columns() != test.columns()) {
            throw new IllegalArgumentException("train and test features must have the same width, got "
                    + train.columns() + " and " + test.columns());
        }
        this.train = train;
        this.test = test;
        this.bitLayer = bitLayer;
        this.exportInput = exportInput;
        this.description = description;
    }

    /** Features for an MLP. */
    public static StudentInput plain(INDArray train, INDArray test, String description) {
        return new StudentInput(train, test, null, null, description);
    }

    /** Features for a projection network that starts with {@code bitLayer}. */
    public static StudentInput projection(INDArray train, INDArray test, BitLayer bitLayer, InputSpec exportInput,
                                          String description) {
        return new StudentInput(train, test, Objects.requireNonNull(bitLayer, "bitLayer"),
                Objects.requireNonNull(exportInput, "exportInput"), description);
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

    /** The input the exported file declares, or {@code null} for an MLP. */
    public InputSpec exportInput() {
        return exportInput;
    }

    /** What the features are, for the CSV's detail column. */
    public String description() {
        return description;
    }
}
