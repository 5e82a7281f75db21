package io.github.dl4jprojection.pipeline;

import java.util.List;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How the text trainer network reads a text: each text is encoded once into a row of type {@code R}
 * ({@link #encode}), and minibatches of rows are expanded into the trainer's graph input ({@link #batch}).
 *
 * @param <R> the encoded form of one text
 */
public interface TrainerInput<R> {

    /** The encoded form of one text. */
    R encode(String text);

    /** The trainer's input type, for the graph configuration. */
    InputType inputType();

    /** The trainer's input for these rows, in order, and its feature mask ({@code null} when there is none). */
    Features batch(List<R> rows);

    /** A trainer input array and its optional feature mask. */
    final class Features {
        final INDArray values;
        final INDArray mask;

        /** {@code values} {@code [mb, ...]} and its mask, or {@code null} for none. */
        public Features(INDArray values, INDArray mask) {
            this.values = values;
            this.mask = mask;
        }
    }
}
