package io.github.dl4jprojection.pipeline.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.pipeline.TaskKind;
import io.github.dl4jprojection.pipeline.TrainingConfig;
import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The plain-Java baselines compute what the DL4J students compute, count their bytes from their parameters and
 * their multiply-accumulates from their shapes.
 */
class JavaBaselineTest {

    private static final StudySettings SETTINGS = StudySettings.builder(TrainingConfig.builder(TaskKind.IMAGE)
            .seed(3).epochs(1).batchSize(16).build()).build();

    @Test
    void macsAndParamsOfKnownShapes() {
        // 28x28, 4 channels, pool 2: conv 9*28*28*4 = 28,224 MACs; 14*14*4 = 784 dense inputs, x 10 = 7,840.
        CnnShape shape = new CnnShape(28, 28, 4, 2, 10);
        assertEquals(784, shape.denseInputs());
        assertEquals(28_224 + 7_840, shape.macs());
        assertEquals(9 * 4 + 4 + 7_840 + 10, shape.params());
        assertEquals(4 * shape.params(), shape.bytes());
        MlpForward mlp = new MlpForward(Arrays.asList(block(784, 3, Nonlinearity.RELU), block(3, 10,
                Nonlinearity.IDENTITY)), false);
        assertEquals(784 * 3 + 3 * 10, mlp.macs());
        assertEquals(4 * (784 * 3 + 3 + 3 * 10 + 10), mlp.storedBytes());
        MlpForward int8 = new MlpForward(Arrays.asList(block(784, 3, Nonlinearity.RELU), block(3, 10,
                Nonlinearity.IDENTITY)), true);
        assertEquals(784 * 3 + 8 * 3 + 3 * 10 + 8 * 10, int8.storedBytes(), "1 byte a weight, a float scale and bias");
        assertEquals(mlp.macs(), int8.macs());
    }

    @Test
    void theCnnIsSizedToTheBudget() {
        // One channel at pool 2 costs 4 * (10 + 1,960 + 10) = 7,920 bytes; pool 4: 4 * (10 + 490 + 10) = 2,040.
        CnnShape big = ByteBudget.cnn(28, 28, 10, 40_000);
        assertEquals(2, big.pool());
        assertEquals(5, big.channels(), "(10,000 - 10) / 1,970 = 5.07");
        CnnShape small = ByteBudget.cnn(28, 28, 10, 3_000);
        assertEquals(4, small.pool(), "pool 2 does not fit 3,000 bytes with one channel");
        assertEquals(1, small.channels());
        CnnShape tiny = ByteBudget.cnn(28, 28, 10, 10);
        assertEquals(1, tiny.channels(), "never below one channel");
        assertEquals(16, tiny.pool(), "the coarsest pool when none fits");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CnnShape(4, 4, 1, 5, 2)).getMessage()
                .startsWith("pool"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CnnShape(4, 4, 0, 2, 2)).getMessage()
                .startsWith("channels"));
    }

    @Test
    void theJavaCnnPredictsWhatDl4jPredictsAndItsBytesAreItsParameters() {
        CnnShape shape = new CnnShape(6, 5, 3, 2, 4);
        StudentNetwork net = StudentNetwork.cnn(shape, false, SETTINGS);
        assertEquals(shape.params(), net.numParams());
        INDArray x = randomImages(40, 30, 1);
        INDArray y = oneHot(40, 4, 2);
        net.fit(x, Nd4j.zeros(DataType.FLOAT, 40, 4), y, 1, 16, 3);
        CnnForward forward = net.cnnForward(false);
        assertEquals(4 * shape.params(), forward.storedBytes());
        assertEquals(shape.macs(), forward.macs());
        assertArrayEquals(net.predict(x), classify(forward, x), "same classes as DL4J");
        CnnForward int8 = net.cnnForward(true);
        long weights = 9L * 3 + (long) shape.denseInputs() * 4;
        assertEquals(weights + 8 * (3 + 4), int8.storedBytes());
        assertTrue(agreement(net.predict(x), classify(int8, x)) >= 0.9, "int8 keeps nearly every class");
    }

    @Test
    void theJavaMlpPredictsWhatDl4jPredicts() {
        StudentInput input = StudentInput.plain(randomImages(50, 12, 4), randomImages(5, 12, 5), "random");
        StudentNetwork net = StudentNetwork.create(input, 7, 3, false, SETTINGS);
        net.fit(input.train(), Nd4j.zeros(DataType.FLOAT, 50, 3), oneHot(50, 3, 6), 2, 16, 3);
        assertArrayEquals(net.predict(input.train()), classify(net.mlpForward(false), input.train()));
        assertThrows(IllegalStateException.class, () -> net.cnnForward(false));
    }

    private static int[] classify(JavaBaseline model, INDArray x) {
        int[] out = new int[(int) x.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = model.classify(x.getRow(i).toFloatVector());
        }
        return out;
    }

    private static double agreement(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        return (double) same / a.length;
    }

    private static DenseBlock block(int nIn, int nOut, Nonlinearity f) {
        return DenseBlock.float32(nIn, nOut, new float[nIn * nOut], new float[nOut], f);
    }

    private static INDArray randomImages(int n, int pixels, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][pixels];
        for (float[] row : x) {
            for (int p = 0; p < pixels; p++) {
                row[p] = r.nextFloat();
            }
        }
        return Nd4j.create(x);
    }

    private static INDArray oneHot(int n, int k, long seed) {
        Random r = new Random(seed);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, k);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, r.nextInt(k), 1f);
        }
        return y;
    }
}
