package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.TestMultiDataSetIterator;

/** A projection fed by a separate "bits" input. */
@ExtendWith(SingleThreadedNd4j.class)
class BitsInputTest {

    private final DataSet data = new Blobs(TestModels.N_IN, TestModels.K, 2.0).sample(20, 4, DataType.FLOAT);

    @Test
    void bitsFromFeaturesAreTheReferenceProjectionAndMatchTheProjectionLayer() {
        JointProjectionModel bits = JointSerializationTest.bitsModel().build();
        JointProjectionModel onInput = TestModels.smallFromScratch(DataType.FLOAT).build();
        assertEquals(JointNames.BITS_INPUT, bits.bitsInputName());
        ProjectionSpec spec = bits.projectionInputLayer().projectionSpec();
        assertEquals(spec, onInput.projectionInputLayer().projectionSpec());

        INDArray[] inputs = bits.graphInputs(data.getFeatures());
        LshProjection reference = LshProjection.forDenseInput(spec, TestModels.N_IN);
        float[] expected = new float[spec.numBits()];
        for (int i = 0; i < data.numExamples(); i++) {
            long[] words = reference.project(data.getFeatures().getRow(i).toFloatVector());
            PackedBits.unpack(words, spec.numBits(), BitEncoding.ZERO_ONE, expected, 0);
            assertEquals(java.util.Arrays.toString(expected),
                    java.util.Arrays.toString(inputs[1].getRow(i).toFloatVector()), "example " + i);
        }

        INDArray viaBits = bits.graph().feedForward(inputs, false).get(bits.projectionInputLayerName());
        INDArray viaLayer = onInput.graph().feedForward(onInput.graphInputs(data.getFeatures()), false)
                .get(onInput.projectionInputLayerName());
        assertEquals(viaLayer, viaBits);
    }

    @Test
    void fitOnCallerBitsEqualsFitOnFeatures() {
        JointProjectionModel fromFeatures = JointSerializationTest.bitsModel().build();
        JointProjectionModel fromBits = JointSerializationTest.bitsModel().build();
        assertEquals(fromFeatures.graph().params(), fromBits.graph().params());

        fromFeatures.fit(Blobs.iterator(data, 10), 2);
        MultiDataSet batch = new MultiDataSet(fromBits.graphInputs(data.getFeatures()),
                new INDArray[] {data.getLabels()});
        fromBits.fit(callerIterator(batch), 2);

        assertTrue(fromFeatures.graph().params().equalsWithEps(fromBits.graph().params(), 1e-6));
        assertEquals(fromFeatures.evaluate(Blobs.iterator(data, 10)).projection().accuracy(),
                fromBits.evaluate(callerIterator(batch)).projection().accuracy());
    }

    @Test
    void callerDataWithTheWrongNumberOfArraysIsAClearError() {
        JointProjectionModel model = JointSerializationTest.bitsModel().build();
        MultiDataSet featuresOnly = new MultiDataSet(new INDArray[] {data.getFeatures()},
                new INDArray[] {data.getLabels()});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(callerIterator(featuresOnly), 1));
        assertTrue(e.getMessage().contains("[trainer features, bits]"), e.getMessage());
    }

    /** Batches of 10, like {@code Blobs.iterator(data, 10)}. */
    private static MultiDataSetIterator callerIterator(MultiDataSet all) {
        return new TestMultiDataSetIterator(10, all.asList().toArray(new org.nd4j.linalg.dataset.api.MultiDataSet[0]));
    }
}
