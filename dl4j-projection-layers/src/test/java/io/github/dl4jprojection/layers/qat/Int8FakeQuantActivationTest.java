package io.github.dl4jprojection.layers.qat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.conf.serde.JsonMappers;

class Int8FakeQuantActivationTest {

    private static INDArray row(double... v) {
        return Nd4j.createFromArray(v).castTo(DataType.FLOAT).reshape(1, v.length);
    }

    @Test
    void rangeIsAMovingAverageOfTrainingMinibatchesOnly() {
        Int8FakeQuantActivation a = new Int8FakeQuantActivation(new ActivationIdentity(), 0.9);
        a.getActivation(row(1, -4, 2), true);
        assertEquals(4.0, a.getRange(), 1e-12, "the first minibatch sets the range: the largest |z|");
        a.getActivation(row(10, -1), true);
        assertEquals(0.9 * 4 + 0.1 * 10, a.getRange(), 1e-12);
        a.getActivation(row(100), false);
        assertEquals(4.6, a.getRange(), 1e-12, "inference does not move the range");
        assertEquals(2, a.getMinibatches());

        Int8FakeQuantActivation relu = new Int8FakeQuantActivation(new ActivationReLU(), 0.5);
        relu.getActivation(row(-8, 3), true);
        assertEquals(3.0, relu.getRange(), 1e-12, "ReLU: the largest z, as the calibrator measures it");
    }

    @Test
    void forwardRoundsToTheInt8GridAndClips() {
        Int8FakeQuantActivation a = new Int8FakeQuantActivation(new ActivationIdentity(), 0.99);
        a.getActivation(row(127), true);
        INDArray out = a.getActivation(row(0.4, 0.6, -3.3, 126.7, 500, -500), false);
        assertEquals(row(0, 1, -3, 127, 127, -128), out);
        INDArray before = row(0.2, 5.0);
        assertEquals(row(0.2, 5.0), new Int8FakeQuantActivation(new ActivationIdentity(), 0.99)
                .getActivation(before, false), "nothing is quantized before the first training minibatch");
    }

    @Test
    void gradientIsStraightThroughInsideTheRangeAndZeroWhereClipped() {
        Int8FakeQuantActivation a = new Int8FakeQuantActivation(new ActivationReLU(), 0.99);
        a.getActivation(row(127), true);
        Pair<INDArray, INDArray> g = a.backprop(row(0.4, 3.6, -2, 127.4, 128, 300), row(1, 2, 3, 4, 5, 6));
        assertEquals(row(0, 2, 0, 4, 0, 0), g.getFirst(), "ReLU's gradient at the rounded z; 0 beyond 127.5 steps");
    }

    @Test
    void jsonRoundTripKeepsTheTrackedRange() throws Exception {
        Int8FakeQuantActivation a = new Int8FakeQuantActivation(new ActivationReLU(), 0.95);
        a.getActivation(row(2.5, 7), true);
        a.getActivation(row(3), true);
        ObjectMapper mapper = JsonMappers.getMapper();
        String json = mapper.writeValueAsString(a);
        assertTrue(json.contains("Int8FakeQuantActivation") && json.contains("ActivationReLU"), json);
        Int8FakeQuantActivation back = (Int8FakeQuantActivation) mapper.readValue(json,
                org.nd4j.linalg.activations.IActivation.class);
        assertEquals(a, back);
        assertEquals(a.getRange(), back.getRange());
        assertEquals(2, back.getMinibatches());
    }

    @Test
    void refusesWhatTheDeviceCannotRun() {
        assertThrows(IllegalArgumentException.class,
                () -> new Int8FakeQuantActivation(new ActivationSoftmax(), 0.9));
        assertThrows(IllegalArgumentException.class,
                () -> new Int8FakeQuantActivation(new ActivationIdentity(), 1.0));
        assertThrows(IllegalArgumentException.class, () -> QuantizationAwareTraining.weightsAndActivations(-0.1));
    }
}
