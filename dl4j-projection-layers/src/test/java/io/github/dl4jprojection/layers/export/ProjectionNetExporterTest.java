package io.github.dl4jprojection.layers.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.BitVectorInputLayer;
import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.internal.projection.LshProjection;
import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.Nonlinearity;
import io.github.dl4jprojection.runtime.model.Predictor;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.ProvenanceKeys;
import io.github.dl4jprojection.runtime.model.WeightType;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The central parity test: a small projection network trained jointly with a trainer branch in one
 * DL4J graph, exported; on every test example the DL4J projection branch, the Java runtime and the
 * emitted C give identical bits and labels and probabilities within 1e-5.
 */
class ProjectionNetExporterTest {

    private static final int N_IN = 24;
    private static final int CLASSES = 4;
    private static final String[] LABELS = {"north", "east", "south", "west"};

    private static ComputationGraph trained;
    private static float[][] testX;
    private static int[] testY;

    /** Gaussian blobs: class centres N(0, 1.5^2) per dimension, unit noise; non-integer inputs. */
    private static float[][] blobs(Random random, float[][] centres, int n, int[] labelsOut) {
        float[][] x = new float[n][N_IN];
        for (int r = 0; r < n; r++) {
            int c = random.nextInt(CLASSES);
            labelsOut[r] = c;
            for (int i = 0; i < N_IN; i++) {
                x[r][i] = centres[c][i] + (float) random.nextGaussian();
            }
        }
        return x;
    }

    private static INDArray oneHot(int[] y) {
        INDArray out = Nd4j.zeros(y.length, CLASSES);
        for (int r = 0; r < y.length; r++) {
            out.putScalar(r, y[r], 1.0);
        }
        return out;
    }

    /** input -> projection -> hidden (relu) -> hidden2 (tanh) -> logits, next to a trainer branch. */
    private static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(12).updater(new Adam(1e-2)).graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.feedForward(N_IN))
                .addLayer("trainer_hidden", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build(), "in")
                .addLayer("trainer_out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "trainer_hidden")
                .addLayer("projection", new ProjectionLayer.Builder().numFunctions(16).bitsPerFunction(8).seed(7)
                        .density(0.25).encoding(BitEncoding.PLUS_MINUS_ONE).build(), "in")
                .addLayer("hidden", new DenseLayer.Builder().nOut(24).activation(Activation.RELU).build(), "projection")
                .addLayer("hidden2", new DenseLayer.Builder().nOut(16).activation(Activation.TANH).build(), "hidden")
                .addLayer("logits", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "hidden2")
                .setOutputs("trainer_out", "logits")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    @BeforeAll
    static void train() {
        Random random = new Random(3);
        float[][] centres = new float[CLASSES][N_IN];
        for (float[] c : centres) {
            for (int i = 0; i < N_IN; i++) {
                c[i] = (float) (random.nextGaussian() * 1.5);
            }
        }
        int[] trainY = new int[800];
        float[][] trainX = blobs(random, centres, trainY.length, trainY);
        testY = new int[300];
        testX = blobs(random, centres, testY.length, testY);
        trained = graph();
        INDArray x = Nd4j.create(trainX);
        INDArray y = oneHot(trainY);
        for (int epoch = 0; epoch < 12; epoch++) {
            for (int start = 0; start < trainY.length; start += 100) {
                INDArray xb = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, start + 100),
                        org.nd4j.linalg.indexing.NDArrayIndex.all());
                INDArray yb = y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, start + 100),
                        org.nd4j.linalg.indexing.NDArrayIndex.all());
                trained.fit(new MultiDataSet(new INDArray[] {xb}, new INDArray[] {yb, yb}));
            }
        }
    }

    private static ProjectionNetExporter.Builder exporter() {
        return ProjectionNetExporter.from(trained).projection("projection").denseLayers("hidden", "hidden2", "logits")
                .labels(LABELS);
    }

    @Test
    void dl4jJavaAndCAgreeOnEveryTestExample(@TempDir Path dir) throws Exception {
        ProjectionModel model = exporter().provenance(ProvenanceKeys.TRAINING_DATA, "synthetic blobs, 800 examples")
                .export();
        assertEquals(3, model.layers().size(), "the trainer branch is stripped");
        assertEquals(Nonlinearity.TANH, model.layers().get(1).nonlinearity());
        assertEquals(24 * 128 + 24 + 16 * 24 + 16 + 4 * 16 + 4, model.numParameters());

        Map<String, INDArray> activations = trained.feedForward(new INDArray[] {Nd4j.create(testX)}, false);
        int[] labels = ThreeWayParity.dense(model, testX, activations.get("projection").toFloatMatrix(),
                activations.get("logits").toFloatMatrix(), dir);
        int correct = 0;
        for (int r = 0; r < testX.length; r++) {
            correct += labels[r] == testY[r] ? 1 : 0;
        }
        assertTrue(correct > 0.8 * testX.length, "the projection network learned the blobs: " + correct + "/300");

        ExportComparison comparison = ExportComparison.dense(trained, "logits", model, testX, testY);
        assertEquals(1.0, comparison.agreement());
        assertEquals(0.0, comparison.accuracyChange());
        assertTrue(comparison.maxProbabilityDifference() < 1e-5, comparison.toString());
        ProjectionModel recorded = comparison.recordIn(model, "synthetic blobs, 300 test examples");
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f", correct / 300.0),
                recorded.provenance().get(ProvenanceKeys.ACCURACY));
        assertEquals("1.0000", recorded.provenance().get(ProvenanceKeys.AGREEMENT));
    }

    @Test
    void int8ExportReportsItsCostAndStillMatchesC(@TempDir Path dir) throws Exception {
        ProjectionModel model = exporter().weights(WeightType.INT8).export();
        for (DenseBlock layer : model.layers()) {
            assertEquals(WeightType.INT8, layer.weightType());
        }
        assertEquals("int8", model.provenance().get(ProvenanceKeys.WEIGHTS));
        ExportComparison comparison = ExportComparison.dense(trained, "logits", model, testX, testY);
        System.out.println("int8 export vs DL4J float32: " + comparison);
        assertTrue(comparison.agreement() >= 0.95, comparison.toString());
        assertTrue(Math.abs(comparison.accuracyChange()) <= 0.03, comparison.toString());

        ThreeWayParity.dense(model, testX, null, null, dir);
    }

    @Test
    void exportIsDeterministicAndSurvivesTheFileFormat() throws Exception {
        Instant time = Instant.parse("2024-05-01T10:15:30.123Z");
        byte[] a = ModelWriter.toBytes(exporter().createdAt(time).export());
        byte[] b = ModelWriter.toBytes(exporter().createdAt(time).export());
        assertArrayEquals(a, b);
        ProjectionModel loaded = ProjectionModel.load(a);
        assertEquals("2024-05-01T10:15:30Z", loaded.provenance().get(ProvenanceKeys.CREATED));
        assertEquals("12", loaded.provenance().get(ProvenanceKeys.TRAINING_SEED));
        assertEquals(1.0, ExportComparison.dense(trained, "logits", loaded, testX, testY).agreement());
    }

    @Test
    void bitVectorInputGraphsExportAsFeatureModels() {
        ProjectionSpec spec = ProjectionSpec.builder().numFunctions(12).bitsPerFunction(10).seed(99).density(0.125)
                .build();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).graphBuilder()
                .addInputs("bits")
                .setInputTypes(InputType.feedForward(spec.numBits()))
                .addLayer("projection", new BitVectorInputLayer.Builder().spec(spec).encoding(BitEncoding.ZERO_ONE)
                        .build(), "bits")
                .addLayer("hidden", new DenseLayer.Builder().nOut(10).activation(Activation.LEAKYRELU).build(),
                        "projection")
                .addLayer("logits", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("logits").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        assertMessage(() -> ProjectionNetExporter.from(graph).projection("projection").denseLayers("hidden", "logits")
                .export(), "featurizer");
        ProjectionModel model = ProjectionNetExporter.from(graph).projection("projection")
                .denseLayers("hidden", "logits").input(InputSpec.features(ExportTestModels.featurizer())).export();
        assertEquals(Nonlinearity.LEAKY_RELU, model.layers().get(0).nonlinearity());
        assertEquals(0.01f, model.layers().get(0).alpha());

        Random random = new Random(8);
        LshProjection projection = LshProjection.forFeatures(spec);
        int n = 200;
        float[][] bitInputs = new float[n][spec.numBits()];
        float[][] runtimeP = new float[n][3];
        int[] labels = new int[n];
        Predictor predictor = model.predictor();
        for (int r = 0; r < n; r++) {
            int count = 1 + random.nextInt(20);
            long[] keys = new long[count];
            float[] weights = new float[count];
            for (int j = 0; j < count; j++) {
                keys[j] = random.nextLong();
                weights[j] = 1;
            }
            long[] bits = new long[spec.numWords()];
            projection.projectFeatures(keys, weights, count, new float[spec.numBits()], new long[2 * spec.numWords()],
                    bits);
            PackedBits.unpack(bits, spec.numBits(), BitEncoding.ZERO_ONE, bitInputs[r], 0);
            labels[r] = predictor.scoresFeatures(keys, weights, count, runtimeP[r]);
        }
        float[][] dl4jP = graph.outputSingle(Nd4j.create(bitInputs)).toFloatMatrix();
        ExportComparison comparison = ExportComparison.of(dl4jP, runtimeP, labels);
        assertEquals(1.0, comparison.agreement(), comparison.toString());
        assertTrue(comparison.maxProbabilityDifference() < 1e-5, comparison.toString());
    }

    @Test
    void misconfiguredExportsNameTheProblem() {
        assertMessage(() -> ProjectionNetExporter.from(trained).projection("nope").denseLayers("logits").export(),
                "no vertex named \"nope\"");
        assertMessage(() -> ProjectionNetExporter.from(trained).projection("hidden").denseLayers("logits").export(),
                "not a ProjectionLayer");
        assertMessage(() -> ProjectionNetExporter.from(trained).projection("projection")
                .denseLayers("hidden2", "hidden", "logits").export(), "must take its only input from \"projection\"");
        assertMessage(() -> ProjectionNetExporter.from(trained).projection("projection").denseLayers("hidden")
                .export(), "must use softmax");
        assertMessage(() -> exporter().labels("a", "b").export(), "4 outputs but 2 labels");
        assertMessage(() -> ProjectionNetExporter.from(trained).projection("projection").export(), "denseLayers");
        assertMessage(() -> exporter().input(InputSpec.dense(23)).export(), "takes 24 dense values");
        assertMessage(() -> exporter().weights(WeightType.INT8_FIXED).export(), "make the integer-only model with "
                + "Int8Calibrator");
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in").setInputTypes(InputType.feedForward(6))
                .addLayer("projection", new ProjectionLayer.Builder().numFunctions(4).bitsPerFunction(4).build(), "in")
                .addLayer("hidden", new DenseLayer.Builder().nOut(5).activation(Activation.ELU).build(), "projection")
                .addLayer("logits", new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("logits").build();
        ComputationGraph elu = new ComputationGraph(conf);
        elu.init();
        assertMessage(() -> ProjectionNetExporter.from(elu).projection("projection").denseLayers("hidden", "logits")
                .export(), "no on-device equivalent");
    }

    /** A joint model gives its vertex names; without label names the export has "0".."K-1". */
    @Test
    void exportFromAJointModelWithoutLabelNamesNamesTheLabelsByIndex() {
        JointProjectionModel joint = new JointProjectionModel.Builder()
                .trainerInputType(InputType.feedForward(N_IN)).nClasses(CLASSES)
                .trainerLayer("trainer_hidden", new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(4).bitsPerFunction(8).build())
                .hiddenLayers(6).build();
        ProjectionModel model = ProjectionNetExporter.from(joint).export();
        assertEquals(java.util.Arrays.asList("0", "1", "2", "3"), model.labels());
        assertEquals(2, model.layers().size(), "the hidden layer and the logits; the trainer is left behind");
        assertEquals(InputSpec.dense(N_IN), model.input());
        assertMessage(() -> ProjectionNetExporter.from((JointProjectionModel) null), "joint model");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
    }
}
