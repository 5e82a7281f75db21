package io.github.dl4jprojection.layers.joint;

import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Shapes training and evaluation data for the joint graph: inputs {@code [trainer features]} or
 * {@code [trainer features, bits]}, and the labels once per output ({@code [trainer, projection]}, in the
 * graph's output order; both outputs learn the same labels). Every batch is first checked against the input
 * contract ({@link JointBatchCheck}).
 */
final class JointData {

    /** The graph input of a text's per-token bits, which only the text can give. */
    static final String TOKEN_BITS = "per-token bits [mb, T*d, L] with the token mask (TokenProjection computes them)";
    /** The graph input of a text's count sketch, which only the text can give. */
    static final String SKETCH = "sketch values [mb, B] (SketchProjection computes them)";

    private final boolean bitsInput;
    /** What the second graph input holds when it cannot be computed from the trainer's features, else null. */
    private final String textOnlyInput;
    private final DenseBits denseBits;
    private final DataType dataType;
    private final JointBatchCheck check;

    /**
     * @param bitsSpec      the spec of the bits input, or null when the projection reads the trainer input
     * @param textOnlyInput {@link #TOKEN_BITS} or {@link #SKETCH} for an input made from the text itself, null for
     *                      bits the reference LSH computes from the trainer's features
     */
    JointData(ProjectionSpec bitsSpec, String textOnlyInput, DataType dataType, JointBatchCheck check) {
        this.bitsInput = bitsSpec != null;
        this.textOnlyInput = textOnlyInput;
        this.denseBits = bitsInput && textOnlyInput == null ? new DenseBits(bitsSpec) : null;
        this.dataType = dataType;
        this.check = check;
    }

    /** The graph inputs for trainer features; a bits input gets the reference LSH bits of the features. */
    INDArray[] inputs(INDArray features) {
        if (features == null) {
            throw new IllegalArgumentException("features must not be null");
        }
        if (textOnlyInput != null) {
            throw new IllegalArgumentException("this joint model's projection reads the texts themselves, which the "
                    + "trainer's features cannot give: give MultiDataSets [trainer features, " + textOnlyInput + "]");
        }
        check.features(features);
        return bitsInput ? new INDArray[] {features, denseBits.bitsOf(features, dataType)} : new INDArray[] {features};
    }

    MultiDataSet fromDataSet(DataSet ds) {
        INDArray[] features = inputs(ds.getFeatures());
        INDArray featureMask = ds.getFeaturesMaskArray();
        INDArray[] featureMasks = featureMask == null ? null
                : bitsInput ? new INDArray[] {featureMask, null} : new INDArray[] {featureMask};
        INDArray labelMask = ds.getLabelsMaskArray();
        INDArray[] labelMasks = labelMask == null ? null : new INDArray[] {labelMask, labelMask};
        INDArray labels = requireLabels(ds.getLabels());
        check.labels(labels, labelMask, features[0].size(0), "labels");
        return new org.nd4j.linalg.dataset.MultiDataSet(features, new INDArray[] {labels, labels}, featureMasks,
                labelMasks);
    }

    /**
     * A caller's MultiDataSet: features must already match the graph inputs; a single labels array is
     * used for both outputs.
     */
    MultiDataSet fromMultiDataSet(MultiDataSet mds) {
        int expected = bitsInput ? 2 : 1;
        if (mds.numFeatureArrays() != expected) {
            throw new IllegalArgumentException("the joint graph takes " + expected + " feature arrays ("
                    + (textOnlyInput != null ? "[trainer features, " + textOnlyInput + "]"
                    : bitsInput ? "[trainer features, bits]" : "[trainer features]") + "), got "
                    + mds.numFeatureArrays());
        }
        INDArray features = mds.getFeatures(0);
        if (features == null) {
            throw new IllegalArgumentException("features must not be null");
        }
        check.features(features);
        long minibatch = features.size(0);
        if (bitsInput && (mds.getFeatures(1) == null || mds.getFeatures(1).size(0) != minibatch)) {
            throw new IllegalArgumentException("bits: expected " + minibatch + " rows, one per example of the trainer "
                    + "features, got " + (mds.getFeatures(1) == null ? "none" : mds.getFeatures(1).size(0)));
        }
        if (mds.numLabelsArrays() == 2) {
            check.labels(requireLabels(mds.getLabels(0)), mds.getLabelsMaskArray(0), minibatch, "labels[0] (trainer)");
            check.labels(requireLabels(mds.getLabels(1)), mds.getLabelsMaskArray(1), minibatch,
                    "labels[1] (projection)");
            return mds;
        }
        if (mds.numLabelsArrays() != 1) {
            throw new IllegalArgumentException("give one labels array (used for both outputs) or two "
                    + "([trainer, projection]), got " + mds.numLabelsArrays());
        }
        INDArray labels = requireLabels(mds.getLabels(0));
        INDArray labelMask = mds.getLabelsMaskArray(0);
        check.labels(labels, labelMask, minibatch, "labels");
        return new org.nd4j.linalg.dataset.MultiDataSet(mds.getFeatures(), new INDArray[] {labels, labels},
                mds.getFeaturesMaskArrays(), labelMask == null ? null : new INDArray[] {labelMask, labelMask});
    }

    private static INDArray requireLabels(INDArray labels) {
        if (labels == null) {
            throw new IllegalArgumentException("labels must not be null");
        }
        return labels;
    }
}
