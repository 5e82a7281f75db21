package io.github.dl4jprojection.layers.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.DistillationOutputLayer;
import java.util.Random;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DistillationOutputLayerTest {

    private static final int K = 4;
    private static final int MB = 5;

    @Test
    void builderRejectsBadParametersNamingThem() {
        assertRejected("lambdaDistill", () -> new DistillationOutputLayer.Builder().nClasses(3).lambdaDistill(-0.1).build());
        assertRejected("lambdaLabels", () -> new DistillationOutputLayer.Builder().nClasses(3).lambdaLabels(-1).build());
        assertRejected("lambdaLabels", () -> new DistillationOutputLayer.Builder().nClasses(3).lambdaLabels(Double.NaN).build());
        assertRejected("temperature", () -> new DistillationOutputLayer.Builder().nClasses(3).temperature(0).build());
        assertRejected("temperature", () -> new DistillationOutputLayer.Builder().nClasses(3).temperature(-2).build());
        assertRejected("nClasses", () -> new DistillationOutputLayer.Builder().nClasses(1).build());
        assertRejected("nClasses", () -> new DistillationOutputLayer.Builder().build());
    }

    @Test
    void defaultsAreThePaperValues() {
        DistillationOutputLayer conf = new DistillationOutputLayer.Builder().nClasses(3).build();
        assertEquals(0.1, conf.getLambdaDistill());
        assertEquals(1.0, conf.getLambdaLabels());
        assertEquals(1.0, conf.getTemperature());
        assertEquals(false, conf.isDistillIntoTrainer());
    }

    @Test
    void outputTypeIsKForTwoKInputsAndOtherSizesAreRejected() {
        DistillationOutputLayer conf = new DistillationOutputLayer.Builder().nClasses(3).build();
        assertEquals(InputType.feedForward(3), conf.getOutputType(0, InputType.feedForward(6)));
        assertRejected("nClasses", () -> conf.getOutputType(0, InputType.feedForward(5)));
    }

    @Test
    void outputIsSoftmaxOfProjectionLogits() {
        Layer layer = instantiate(0.1, 1.0, 1.0, false);
        INDArray input = randomLogits(11);
        INDArray out = layer.activate(input, false, LayerWorkspaceMgr.noWorkspaces());
        for (int i = 0; i < MB; i++) {
            double[] expected = DistillationReference.softmax(row(input, i, 0), 1.0);
            assertArrayEquals(expected, out.getRow(i).toDoubleVector(), 1e-12);
        }
    }

    @Test
    void scoreIsTheMeanOfTheHandComputedLoss() {
        double[][] settings = {{0.1, 1.0, 1.0}, {0.5, 0.3, 2.0}, {1.0, 0.0, 0.5}};
        for (double[] s : settings) {
            Layer layer = instantiate(s[0], s[1], s[2], false);
            INDArray input = randomLogits(3).muli(3);
            INDArray labels = oneHot(4);
            layer.setInput(input, LayerWorkspaceMgr.noWorkspaces());
            ((DistillationOutputLayerImpl) layer).setLabels(labels);

            double[] expected = new double[MB];
            double mean = 0;
            for (int i = 0; i < MB; i++) {
                expected[i] = DistillationReference.loss(row(input, i, 0), row(input, i, K),
                        labels.getRow(i).toDoubleVector(), s[0], s[1], s[2]);
                mean += expected[i] / MB;
            }
            DistillationOutputLayerImpl impl = (DistillationOutputLayerImpl) layer;
            assertEquals(mean + 0.25, impl.computeScore(0.25, true, LayerWorkspaceMgr.noWorkspaces()), 1e-10);
            assertArrayEquals(expected,
                    impl.computeScoreForExamples(0.0, LayerWorkspaceMgr.noWorkspaces()).toDoubleVector(), 1e-10);
        }
    }

    @Test
    void gradientMatchesFiniteDifferencesAndStopsAtTheTrainerByDefault() {
        for (boolean intoTrainer : new boolean[] {false, true}) {
            double l2 = 0.7;
            double l3 = 0.4;
            double tau = 1.7;
            Layer layer = instantiate(l2, l3, tau, intoTrainer);
            INDArray input = randomLogits(5).muli(2);
            INDArray labels = oneHot(6);
            layer.setInput(input, LayerWorkspaceMgr.noWorkspaces());
            ((DistillationOutputLayerImpl) layer).setLabels(labels);
            Pair<Gradient, INDArray> pair = layer.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces());
            INDArray delta = pair.getSecond();
            assertArrayEquals(input.shape(), delta.shape());
            assertTrue(pair.getFirst().gradientForVariable().isEmpty());

            double h = 1e-6;
            for (int i = 0; i < MB; i++) {
                double[] y = labels.getRow(i).toDoubleVector();
                for (int j = 0; j < 2 * K; j++) {
                    double[] plus = input.getRow(i).toDoubleVector();
                    double[] minus = plus.clone();
                    plus[j] += h;
                    minus[j] -= h;
                    double numeric = (lossOfRow(plus, y, l2, l3, tau) - lossOfRow(minus, y, l2, l3, tau)) / (2 * h);
                    double expected = j < K || intoTrainer ? numeric : 0.0;
                    assertEquals(expected, delta.getDouble(i, j), 1e-7, "example " + i + ", column " + j
                            + ", distillIntoTrainer=" + intoTrainer);
                }
            }
        }
    }

    @Test
    void perExampleMaskZeroesMaskedExamples() {
        Layer layer = instantiate(0.3, 1.0, 2.0, true);
        INDArray input = randomLogits(7);
        layer.setInput(input, LayerWorkspaceMgr.noWorkspaces());
        DistillationOutputLayerImpl impl = (DistillationOutputLayerImpl) layer;
        impl.setLabels(oneHot(8));
        double unmasked = impl.computeScoreForExamples(0.0, LayerWorkspaceMgr.noWorkspaces()).getDouble(0);
        impl.setMaskArray(Nd4j.create(new double[] {1, 0, 1, 0, 0}, new long[] {MB, 1}));

        INDArray scores = impl.computeScoreForExamples(0.0, LayerWorkspaceMgr.noWorkspaces());
        INDArray delta = impl.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces()).getSecond();
        assertEquals(unmasked, scores.getDouble(0), 1e-12);
        assertEquals(0.0, scores.getDouble(1));
        assertEquals(0.0, delta.getRow(3).norm1Number().doubleValue());
        assertTrue(delta.getRow(2).norm1Number().doubleValue() > 0);
    }

    @Test
    void wrongLabelShapeIsAClearError() {
        Layer layer = instantiate(0.1, 1.0, 1.0, false);
        layer.setInput(randomLogits(9), LayerWorkspaceMgr.noWorkspaces());
        ((DistillationOutputLayerImpl) layer).setLabels(Nd4j.zeros(DataType.DOUBLE, MB, K + 1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> layer.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces()));
        assertTrue(e.getMessage().contains("labels must have shape"), e.getMessage());
    }

    private static double lossOfRow(double[] row, double[] y, double l2, double l3, double tau) {
        double[] zp = java.util.Arrays.copyOfRange(row, 0, K);
        double[] zt = java.util.Arrays.copyOfRange(row, K, 2 * K);
        return DistillationReference.loss(zp, zt, y, l2, l3, tau);
    }

    private static Layer instantiate(double l2, double l3, double tau, boolean intoTrainer) {
        DistillationOutputLayer conf = new DistillationOutputLayer.Builder().nClasses(K).lambdaDistill(l2)
                .lambdaLabels(l3).temperature(tau).distillIntoTrainer(intoTrainer).name("distill").build();
        NeuralNetConfiguration nnc = new NeuralNetConfiguration.Builder().layer(conf).build();
        return conf.instantiate(nnc, null, 0, null, true, DataType.DOUBLE);
    }

    private static INDArray randomLogits(long seed) {
        Random random = new Random(seed);
        double[][] values = new double[MB][2 * K];
        for (double[] r : values) {
            for (int j = 0; j < r.length; j++) {
                r[j] = random.nextGaussian();
            }
        }
        return Nd4j.create(values);
    }

    private static INDArray oneHot(long seed) {
        Random random = new Random(seed);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, MB, K);
        for (int i = 0; i < MB; i++) {
            labels.putScalar(i, random.nextInt(K), 1.0);
        }
        return labels;
    }

    private static double[] row(INDArray input, int i, int from) {
        return java.util.Arrays.copyOfRange(input.getRow(i).toDoubleVector(), from, from + K);
    }

    private static void assertRejected(String parameter, Supplier<?> action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::get);
        assertTrue(e.getMessage().contains(parameter), "message should name " + parameter + ": " + e.getMessage());
    }
}
