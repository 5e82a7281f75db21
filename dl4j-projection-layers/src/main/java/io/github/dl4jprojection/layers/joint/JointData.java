package io.github.dl4jprojection.layers.joint;

import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Shapes training and evaluation data for the joint graph: inputs {@code [trainer features]} or
 * {@code [trainer features, bits]}, and the labels once per output ({@code [trainer, projection]}, in the
 * graph's output order; both outputs learn the same labels).
 */
final class JointData {

    private final boolean bitsInput;
    private final DenseBits denseBits;
    private final DataType dataType;

    /** @param bitsSpec the spec of the bits input, or null when the projection reads the trainer input */
    JointData(ProjectionSpec bitsSpec, DataType dataType) {
        this.bitsInput = bitsSpec != null;
        this.denseBits = bitsInput ? new DenseBits(bitsSpec) : null;
        this.dataType = dataType;
    }

    /** The graph inputs for trainer features; a bits input gets the reference LSH bits of the features. */
    INDArray[] inputs(INDArray features) {
        if (features == null) {
            throw new IllegalArgumentException("features must not be null");
        }
        return bitsInput ? new INDArray[] {features, denseBits.bitsOf(features, dataType)} : new INDArray[] {features};
    }

    MultiDataSet fromDataSet(DataSet ds) {
        INDArray[] features = inputs(ds.getFeatures());
        INDArray featureMask = ds.getFeaturesMaskArray();
        INDArray[] featureMasks = featureMask == null ? null
                : bitsInput ? new INDArray[] {featureMask, null} : new INDArray[] {featureMask};
        INDArray labelMask = ds.getLabelsMaskArray();
        INDArray[] labelMasks = labelMask == null ? null : new INDArray[] {labelMask, labelMask};
        return new org.nd4j.linalg.dataset.MultiDataSet(features, twice(ds.getLabels()), featureMasks, labelMasks);
    }

    /**
     * A caller's MultiDataSet: features must already match the graph inputs; a single labels array is
     * used for both outputs.
     */
    MultiDataSet fromMultiDataSet(MultiDataSet mds) {
        int expected = bitsInput ? 2 : 1;
        if (mds.numFeatureArrays() != expected) {
            throw new IllegalArgumentException("the joint graph takes " + expected + " feature arrays ("
                    + (bitsInput ? "[trainer features, bits]" : "[trainer features]") + "), got "
                    + mds.numFeatureArrays());
        }
        if (mds.numLabelsArrays() == 2) {
            return mds;
        }
        if (mds.numLabelsArrays() != 1) {
            throw new IllegalArgumentException("give one labels array (used for both outputs) or two "
                    + "([trainer, projection]), got " + mds.numLabelsArrays());
        }
        INDArray labelMask = mds.getLabelsMaskArray(0);
        return new org.nd4j.linalg.dataset.MultiDataSet(mds.getFeatures(), twice(mds.getLabels(0)),
                mds.getFeaturesMaskArrays(), labelMask == null ? null : new INDArray[] {labelMask, labelMask});
    }

    private static INDArray[] twice(INDArray labels) {
        if (labels == null) {
            throw new IllegalArgumentException("labels must not be null");
        }
        return new INDArray[] {labels, labels};
    }
}
