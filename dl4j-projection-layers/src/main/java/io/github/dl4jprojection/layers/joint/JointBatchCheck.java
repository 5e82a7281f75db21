package io.github.dl4jprojection.layers.joint;

import java.util.Arrays;
import java.util.Locale;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The joint graph's input contract, checked on each batch before DL4J sees it, so that data of the wrong shape or
 * label encoding fails with what was expected and what came, instead of a shape error deep inside a layer or, worse,
 * a loss computed on labels of another meaning:
 * <ul>
 *   <li>trainer features: {@code [mb, n]} for a feed-forward ({@code InputType.feedForward(n)}) or flattened-image
 *       ({@code InputType.convolutionalFlat(h, w, c)}, {@code n = h * w * c}) trainer input; {@code [mb, c, h, w]}
 *       ({@code [mb, h, w, c]} for NHWC) for {@code InputType.convolutional(h, w, c)}. Recurrent and other inputs
 *       are left to DL4J's layers, because their features legitimately take several forms (token ids
 *       {@code [mb, T]} for an embedding, values {@code [mb, n, T]});</li>
 *   <li>labels: {@code [mb, K]}, each row a probability distribution over the K classes: one-hot for hard labels,
 *       soft labels allowed (entries &gt;= 0 summing to 1); rows masked out by a label mask are not checked.</li>
 * </ul>
 */
final class JointBatchCheck {

    /** Slack on a label row's sum: float32 soft labels rarely sum to exactly 1. */
    private static final double ROW_SUM_TOLERANCE = 1e-3;

    /** Null when the model's layout predates it: features are then left to DL4J. */
    private final InputType trainerInput;
    private final int numClasses;

    JointBatchCheck(InputType trainerInput, int numClasses) {
        this.trainerInput = trainerInput;
        this.numClasses = numClasses;
    }

    /**
     * @throws IllegalArgumentException if {@code features} do not have the shape the trainer input type implies
     */
    void features(INDArray features) {
        long[] perExample = expectedPerExample();
        if (perExample == null) {
            return;
        }
        long[] shape = features.shape();
        if (shape.length == perExample.length + 1
                && Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), perExample)) {
            return;
        }
        throw new IllegalArgumentException("trainer features: the trainer input is " + trainerInput
                + ", so each batch must be " + shapeWithMinibatch(perExample) + ", got " + Arrays.toString(shape)
                + hint(shape));
    }

    /**
     * @param mask      the label mask ({@code [mb, 1]} per example), or null
     * @param minibatch the number of examples in the batch's features
     * @param what      the array's name in messages
     * @throws IllegalArgumentException if the labels are not {@code [minibatch, K]} rows of class probabilities
     */
    void labels(INDArray labels, INDArray mask, long minibatch, String what) {
        long[] shape = labels.shape();
        if (labels.rank() != 2 || shape[1] != numClasses) {
            throw new IllegalArgumentException(what + ": expected one-hot rows [mb, " + numClasses + "] (a column per "
                    + "class), got " + Arrays.toString(shape) + (labels.rank() == 2 && shape[1] == 1
                    ? "; these look like class indices: turn index k into a row with 1 in column k" : ""));
        }
        if (shape[0] != minibatch) {
            throw new IllegalArgumentException(what + ": " + shape[0] + " rows for a batch of " + minibatch
                    + " examples");
        }
        // A [mb, K] copy is small next to one training step, and lets the message show the offending row.
        float[][] rows = labels.castTo(DataType.FLOAT).toFloatMatrix();
        float[] masked = mask == null ? null
                : mask.castTo(DataType.FLOAT).reshape(minibatch, -1).sum(1).toFloatVector();
        for (int r = 0; r < rows.length; r++) {
            if (masked != null && masked[r] == 0) {
                continue;
            }
            double sum = 0;
            boolean negative = false;
            for (float v : rows[r]) {
                sum += v;
                negative |= !(v >= 0);
            }
            if (negative || !(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: row %d is %s (sum %s); each row "
                        + "must be one-hot (1 in the column of its class, 0 elsewhere) or class probabilities "
                        + "(entries >= 0 summing to 1)", what, r, Arrays.toString(rows[r]), sum));
            }
        }
    }

    /** The shape of one example's features, or null when the input type is not checked. */
    private long[] expectedPerExample() {
        if (trainerInput == null) {
            return null;
        }
        switch (trainerInput.getType()) {
            case FF:
            case CNNFlat:
                return new long[] {trainerInput.arrayElementsPerExample()};
            case CNN:
                InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) trainerInput;
                return c.getFormat() == CNN2DFormat.NHWC
                        ? new long[] {c.getHeight(), c.getWidth(), c.getChannels()}
                        : new long[] {c.getChannels(), c.getHeight(), c.getWidth()};
            default:
                return null;
        }
    }

    /** How to get from an image batch of the other form (flat or not) to the expected one. */
    private String hint(long[] shape) {
        long perExample = 1;
        for (int i = 1; i < shape.length; i++) {
            perExample *= shape[i];
        }
        if (shape.length < 2 || perExample != trainerInput.arrayElementsPerExample()) {
            return "";
        }
        if (trainerInput.getType() == InputType.Type.CNN) {
            return "; reshape the images, or declare the trainer input as InputType.convolutionalFlat(height, width, "
                    + "channels) for flat rows";
        }
        return "; flatten each example row-major to " + perExample + " values"
                + (trainerInput.getType() == InputType.Type.CNNFlat ? ", or declare the trainer input as "
                + "InputType.convolutional(height, width, channels)" : "");
    }

    private static String shapeWithMinibatch(long[] perExample) {
        StringBuilder out = new StringBuilder("[mb");
        for (long size : perExample) {
            out.append(", ").append(size);
        }
        return out.append(']').toString();
    }
}
