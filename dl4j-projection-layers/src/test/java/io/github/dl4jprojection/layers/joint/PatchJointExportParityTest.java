package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.PatchProjectionLayer;
import io.github.dl4jprojection.layers.export.ExportComparison;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.runtime.model.ModelFamily;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.PatchEncoder;
import io.github.dl4jprojection.runtime.model.Predictor;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.WeightType;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.TestDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Parity of the PATCH family: a joint model with a patch branch trained on small synthetic three-class images (bars
 * across, bars down, a square), exported to float32 and int8, written and read back as format version 5. Float32: on
 * every example the Java runtime's patch bits are the DL4J layer's map, its label is the DL4J branch's and its logits
 * are within 1e-4. Int8: the agreement is reported and must stay high. Shapes are chosen so that a pooling's floor
 * drops a row and a column (odd maps), with one and two stages, and none.
 */
@ExtendWith(SingleThreadedNd4j.class)
class PatchJointExportParityTest {

    private static final int CLASSES = 3;
    private static final int TRAIN = 240;
    private static final int TEST = 90;

    /** Bars across, bars down or a bright square on noise, integer pixels 0..255, flat row-major {@code [n][h*w]}. */
    static float[][] images(Random random, int n, int side, int[] labels) {
        float[][] x = new float[n][side * side];
        for (int r = 0; r < n; r++) {
            labels[r] = random.nextInt(CLASSES);
            int offset = random.nextInt(3);
            for (int y = 0; y < side; y++) {
                for (int col = 0; col < side; col++) {
                    boolean on = labels[r] == 0 ? (y + offset) % 4 < 2 : labels[r] == 1 ? (col + offset) % 4 < 2
                            : Math.abs(y - side / 2) < side / 4 && Math.abs(col - side / 2 - offset + 1) < side / 4;
                    x[r][y * side + col] = (on ? 150 : 0) + random.nextInt(100);
                }
            }
        }
        return x;
    }

    static INDArray oneHot(int[] labels) {
        INDArray y = Nd4j.zeros(labels.length, CLASSES);
        for (int r = 0; r < labels.length; r++) {
            y.putScalar(r, labels[r], 1);
        }
        return y;
    }

    private static JointProjectionModel train(int side, int window, int stride, int[][] stages, int[] hidden,
                                              float[][] x, int[] labels) {
        JointProjectionModel.Builder builder = new JointProjectionModel.Builder()
                .trainerInputType(InputType.convolutionalFlat(side, side, 1))
                .trainerLayer("trainer_hidden", new DenseLayer.Builder().nOut(24).activation(Activation.RELU).build())
                .nClasses(CLASSES)
                .patchInput(new PatchProjectionLayer.Builder().numFunctions(2).bitsPerFunction(3).seed(21)
                        .window(window).stride(stride).build())
                .hiddenLayers(hidden)
                .updater(new Adam(1e-2))
                .seed(5);
        for (int[] stage : stages) {
            builder.convStage(stage[0], stage[1], stage[2]);
        }
        JointProjectionModel joint = builder.build();
        DataSetIterator data = new TestDataSetIterator(new DataSet(Nd4j.create(x), oneHot(labels)), 40);
        joint.fit(data, 6);
        return joint;
    }

    @Test
    void oneStageWithAnOddMapBeforeThePool(@TempDir Path dir) throws Exception {
        // 13x13, window 3, stride 2: a 6x6 map; kernel 2 gives 5x5, pooled to 2x2 (the fifth row and column dropped).
        checkParity(dir, 13, 3, 2, new int[][] {{2, 4, 2}}, new int[0], new int[] {4, 2, 2});
    }

    @Test
    void twoStagesThenAHiddenLayer(@TempDir Path dir) throws Exception {
        // 16x16, window 4, stride 1: 13x13; kernel 3 gives 11x11, pooled to 5x5; kernel 2 gives 4x4, no pool.
        checkParity(dir, 16, 4, 1, new int[][] {{3, 5, 2}, {2, 3, 1}}, new int[] {8}, new int[] {3, 4, 4});
    }

    @Test
    void noStageFlattensTheBitMap(@TempDir Path dir) throws Exception {
        // 12x12, window 4, stride 3: the 6 bits of a 3x3 map go straight to the dense layers.
        checkParity(dir, 12, 4, 3, new int[0][], new int[] {6}, new int[] {6, 3, 3});
    }

    private static void checkParity(Path dir, int side, int window, int stride, int[][] stages, int[] hidden,
                                    int[] lastMap) throws Exception {
        Random random = new Random(side * 31L + stages.length);
        int[] trainLabels = new int[TRAIN];
        JointProjectionModel joint = train(side, window, stride, stages, hidden,
                images(random, TRAIN, side, trainLabels), trainLabels);
        int[] labels = new int[TEST];
        float[][] x = images(random, TEST, side, labels);
        Map<String, INDArray> activations = joint.graph().feedForward(Nd4j.create(x), false);
        INDArray map = activations.get(joint.projectionInputLayerName());
        float[][] dl4jLogits = activations.get(JointNames.PROJECTION_LOGITS).toFloatMatrix();
        int dl4jCorrect = 0;
        for (int r = 0; r < TEST; r++) {
            dl4jCorrect += argmax(dl4jLogits[r]) == labels[r] ? 1 : 0;
        }
        assertTrue(dl4jCorrect > TEST * 0.5, "the patch branch learned the three shapes: " + dl4jCorrect + "/" + TEST);

        for (WeightType weights : new WeightType[] {WeightType.FLOAT32, WeightType.INT8}) {
            Path file = dir.resolve("patch-" + weights + ".pnet");
            ModelWriter.write(ProjectionNetExporter.from(joint).weights(weights).export(), file);
            ProjectionModel model = ProjectionModel.load(file);
            assertEquals(ModelFamily.PATCH, model.family());
            PatchEncoder encoder = model.patchEncoder();
            assertEquals(window, encoder.window());
            assertEquals(stride, encoder.stride());
            assertEquals(stages.length, encoder.stages().size());
            int[][] shapes = encoder.shapes(side, side, 6);
            assertEquals(Arrays.toString(lastMap), Arrays.toString(shapes[shapes.length - 1]), "the last map");
            assertEquals(BitEncoding.PLUS_MINUS_ONE, model.encoding());

            Predictor predictor = model.predictor();
            int positions = (int) (map.size(2) * map.size(3));
            long[] bits = new long[(positions * 6 + 63) / 64];
            float[] logits = new float[CLASSES];
            int agree = 0;
            double maxDiff = 0;
            for (int r = 0; r < TEST; r++) {
                int label = predictor.logits(x[r], logits);
                agree += label == argmax(dl4jLogits[r]) ? 1 : 0;
                for (int j = 0; j < CLASSES; j++) {
                    maxDiff = Math.max(maxDiff, Math.abs(logits[j] - dl4jLogits[r][j]));
                }
                predictor.project(x[r], bits);
                for (int p = 0; p < positions; p++) {
                    for (int b = 0; b < 6; b++) {
                        int k = p * 6 + b;
                        float dl4jBit = map.getFloat(r, b, p / map.size(3), p % map.size(3));
                        assertEquals(dl4jBit > 0, (bits[k >>> 6] >>> (k & 63) & 1L) != 0,
                                "bit " + b + " of position " + p + ", example " + r);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "patch model %dx%d, window %d, stride %d, %d stage(s), %s: runtime agrees"
                    + " with DL4J on %d/%d, max logit difference %.2e, DL4J accuracy %.3f%n", side, side, window,
                    stride, stages.length, weights, agree, TEST, maxDiff, dl4jCorrect / (double) TEST);
            if (weights == WeightType.FLOAT32) {
                assertEquals(TEST, agree, "float32: the runtime's label is DL4J's on every example");
                assertTrue(maxDiff < 1e-4, "float32 logits within 1e-4, got " + maxDiff);
                ExportComparison comparison = ExportComparison.dense(joint, model, x, labels);
                assertEquals(1.0, comparison.agreement(), comparison.toString());
            } else {
                assertTrue(agree >= TEST * 0.9, "int8 agrees with DL4J on nearly every example: " + agree);
            }
        }
        assertRefusals(joint);
    }

    private static void assertRefusals(JointProjectionModel joint) {
        IllegalArgumentException fixed = assertThrows(IllegalArgumentException.class,
                () -> ProjectionNetExporter.from(joint).weights(WeightType.INT8_FIXED).export());
        assertTrue(fixed.getMessage().contains("PATCH model"), fixed.getMessage());
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (v[j] > v[best]) {
                best = j;
            }
        }
        return best;
    }
}
