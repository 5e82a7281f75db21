package io.github.dl4jprojection.layers.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.PatchProjectionLayer;
import io.github.dl4jprojection.runtime.model.ConvStage;
import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ModelFamily;
import io.github.dl4jprojection.runtime.model.PatchEncoder;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import java.util.Arrays;
import java.util.Collections;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ProjectionNetExporter} on a patch graph named vertex by vertex: the convolution's {@code W[co][ci][dy][dx]},
 * set by hand to values that differ in every index, lands at {@code W_rt[(dy*k + dx)*Cin + ci][co]}; the runtime then
 * computes DL4J's logits, while the same weights read in another order (dy and dx swapped) do not; convolutions and
 * poolings the runtime does not compute are refused with the vertex named.
 */
class PatchExportTest {

    private static final int SIDE = 10;
    private static final int KERNEL = 3;
    /** B = 2 * 2 bits per position, the convolution's input channels. */
    private static final int CIN = 4;
    private static final int COUT = 3;

    private static ComputationGraph graph(ConvolutionLayer conv, SubsamplingLayer pool) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(3).graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutionalFlat(SIDE, SIDE, 1))
                .addLayer("patches", new PatchProjectionLayer.Builder().numFunctions(2).bitsPerFunction(2).seed(8)
                        .window(3).stride(1).encoding(BitEncoding.ZERO_ONE).build(), "image")
                .addLayer("conv", conv, "patches");
        String previous = "conv";
        if (pool != null) {
            g.addLayer("pool", pool, "conv");
            previous = "pool";
        }
        g.addLayer("hidden", new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build(), previous)
                .addLayer("out", new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    private static ConvolutionLayer.Builder conv() {
        return new ConvolutionLayer.Builder(KERNEL, KERNEL).convolutionMode(ConvolutionMode.Truncate).nOut(COUT)
                .activation(Activation.RELU);
    }

    private static SubsamplingLayer.Builder maxPool() {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                .convolutionMode(ConvolutionMode.Truncate);
    }

    /** Distinct in every index, so any other order of the four axes reads other values. */
    private static float handSet(int co, int ci, int dy, int dx) {
        return 0.5f * co - 0.25f * ci + 0.125f * dy - 0.0625f * dx + (co * 7 + ci * 5 + dy * 3 + dx) % 4 * 0.01f
                - 0.3f;
    }

    private static float[][] pixels(int n) {
        Random random = new Random(12);
        float[][] x = new float[n][SIDE * SIDE];
        for (float[] row : x) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextInt(256);
            }
        }
        return x;
    }

    private static ProjectionNetExporter.Builder exporter(ComputationGraph graph, String... patchLayers) {
        return ProjectionNetExporter.from(graph).projection("patches").patchLayers(patchLayers)
                .denseLayers("hidden", "out");
    }

    @Test
    void permutesTheConvolutionWeightsToTheRuntimeOrder() {
        ComputationGraph graph = graph(conv().build(), maxPool().build());
        INDArray w = graph.getLayer("conv").getParam("W");
        assertEquals("[3, 4, 3, 3]", Arrays.toString(w.shape()), "DL4J's [Cout, Cin, k, k]");
        for (int co = 0; co < COUT; co++) {
            for (int ci = 0; ci < CIN; ci++) {
                for (int dy = 0; dy < KERNEL; dy++) {
                    for (int dx = 0; dx < KERNEL; dx++) {
                        w.putScalar(new int[] {co, ci, dy, dx}, handSet(co, ci, dy, dx));
                    }
                }
            }
        }
        graph.getLayer("conv").getParam("b").assign(Nd4j.create(new float[] {0.1f, -0.2f, 0.05f}, 1, 3));

        ProjectionModel model = exporter(graph, "conv", "pool").export();
        assertEquals(ModelFamily.PATCH, model.family());
        assertEquals(InputSpec.image(SIDE, SIDE, 1), model.input());
        ConvStage stage = model.patchEncoder().stages().get(0);
        assertEquals(2, stage.pool());
        DenseBlock block = stage.conv();
        for (int co = 0; co < COUT; co++) {
            for (int ci = 0; ci < CIN; ci++) {
                for (int dy = 0; dy < KERNEL; dy++) {
                    for (int dx = 0; dx < KERNEL; dx++) {
                        assertEquals(handSet(co, ci, dy, dx), block.weight((dy * KERNEL + dx) * CIN + ci, co),
                                "W[" + co + "][" + ci + "][" + dy + "][" + dx + "]");
                    }
                }
            }
        }

        float[][] x = pixels(20);
        float[][] dl4j = graph.outputSingle(Nd4j.create(x)).toFloatMatrix();
        float[][] runtime = scores(model, x);
        float[] swapped = new float[block.nIn() * COUT];
        for (int co = 0; co < COUT; co++) {
            for (int ci = 0; ci < CIN; ci++) {
                for (int dy = 0; dy < KERNEL; dy++) {
                    for (int dx = 0; dx < KERNEL; dx++) {
                        swapped[((dx * KERNEL + dy) * CIN + ci) * COUT + co] = handSet(co, ci, dy, dx);
                    }
                }
            }
        }
        DenseBlock wrong = DenseBlock.float32(block.nIn(), COUT, swapped, block.bias(), block.nonlinearity());
        ProjectionModel wrongModel = model.toBuilder().patchEncoder(PatchEncoder.of(3, 1,
                Collections.singletonList(ConvStage.of(KERNEL, wrong, 2)))).build();
        float[][] wrongScores = scores(wrongModel, x);
        double right = 0;
        double off = 0;
        for (int r = 0; r < x.length; r++) {
            for (int j = 0; j < 2; j++) {
                right = Math.max(right, Math.abs(dl4j[r][j] - runtime[r][j]));
                off = Math.max(off, Math.abs(dl4j[r][j] - wrongScores[r][j]));
            }
        }
        assertTrue(right < 1e-5, "the runtime computes DL4J's probabilities: " + right);
        assertTrue(off > 1e-3, "dy and dx swapped gives other probabilities, so the test can tell: " + off);
    }

    private static float[][] scores(ProjectionModel model, float[][] x) {
        float[][] scores = new float[x.length][2];
        for (int r = 0; r < x.length; r++) {
            model.predictor().scores(x[r], scores[r]);
        }
        return scores;
    }

    @Test
    void refusesConvolutionsAndPoolingsTheRuntimeDoesNotCompute() {
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class, () -> exporter(
                graph(conv().convolutionMode(ConvolutionMode.Same).build(), null), "conv").export());
        assertTrue(same.getMessage().contains("patchLayers[0]: convolution \"conv\""), same.getMessage());
        IllegalArgumentException strided = assertThrows(IllegalArgumentException.class, () -> exporter(
                graph(conv().stride(2, 2).build(), null), "conv").export());
        assertTrue(strided.getMessage().contains("stride 1"), strided.getMessage());
        IllegalArgumentException average = assertThrows(IllegalArgumentException.class, () -> exporter(
                graph(conv().build(), new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2)
                        .build()), "conv", "pool").export());
        assertTrue(average.getMessage().contains("patchLayers[1]: pooling \"pool\" must be MAX"), average.getMessage());
        IllegalArgumentException overlapping = assertThrows(IllegalArgumentException.class, () -> exporter(
                graph(conv().build(), maxPool().stride(1, 1).build()), "conv", "pool").export());
        assertTrue(overlapping.getMessage().contains("at a stride of its size"), overlapping.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> exporter(
                graph(conv().build(), null)).export());
        assertTrue(missing.getMessage().contains("denseLayers[0]: layer \"hidden\" must take its only input from "
                + "\"patches\""), missing.getMessage());
    }
}
