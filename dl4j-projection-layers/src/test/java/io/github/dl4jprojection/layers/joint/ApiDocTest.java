package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

// API.md imports: begin
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.layers.joint.JointEvaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import io.github.dl4jprojection.layers.export.ExportComparison;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.ProvenanceKeys;
import io.github.dl4jprojection.runtime.model.WeightType;
import java.nio.file.Paths;
// API.md imports: end

import io.github.dl4jprojection.layers.FashionMnist128;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Runs docs/API.md as written (its Java blocks, verbatim between the markers) on the committed Fashion-MNIST sample:
 * the first 96 images train, the other 32 test, pixels scaled to 0..1 as the page says. The page and this source
 * must hold the same code ({@link DocSnippets}), and the page's Maven versions must be the build's.
 */
@ExtendWith(SingleThreadedNd4j.class)
class ApiDocTest {

    private static final int TRAIN = 96;
    private static final int BATCH = 16;
    /** Where the page writes its model: the working directory, cleaned after each test. */
    private static final Path MODEL_FILE = Paths.get("fashion.pnet");

    private int deviceLabel;
    private String deviceName;
    private float[] deviceProbabilities;

    @AfterEach
    void deleteTheModelFile() throws IOException {
        Files.deleteIfExists(MODEL_FILE);
    }

    @Test
    void theWalkThroughRunsAsWritten() throws IOException {
        float[][] pixels01 = FashionMnist128.images();
        for (float[] image : pixels01) {
            for (int i = 0; i < image.length; i++) {
                image[i] /= 255f;
            }
        }
        int[] allLabels = FashionMnist128.labels();
        DataSetIterator trainData = Blobs.iterator(FashionMnist128.dataSet(pixels01, allLabels, 0, TRAIN), BATCH);
        DataSetIterator testData = Blobs.iterator(FashionMnist128.dataSet(pixels01, allLabels, TRAIN,
                pixels01.length), BATCH);
        float[][] testPixels = Arrays.copyOfRange(pixels01, TRAIN, pixels01.length);
        int[] testLabels = Arrays.copyOfRange(allLabels, TRAIN, allLabels.length);

        // API.md snippet: begin
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(123).l2(0.0005).weightInit(WeightInit.XAVIER).updater(new Adam(1e-3))
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nIn(1).nOut(6).activation(Activation.IDENTITY).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(8).activation(Activation.IDENTITY).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.fit(trainData, 12);
        // API.md snippet: end
        double trainerAlone = net.evaluate(testData).accuracy();

        // API.md snippet: begin
        JointProjectionModel joint = new JointProjectionModel.Builder()
                .trainer(net)                          // copied: net itself is not changed
                .freezeTrainer(true)                   // keep the trainer exactly as trained
                .labelNames("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")
                .projectionLayer(new ProjectionLayer.Builder()
                        .numFunctions(16).bitsPerFunction(12)   // T = 16 functions of d = 12 bits: 192 bits
                        .build())
                .hiddenLayers(32)                      // optional dense layers between the bits and the softmax
                .updater(new Adam(1e-2))               // of the projection network
                .build();
        // API.md snippet: end

        // API.md snippet: begin
        joint.fit(trainData, 6);
        JointEvaluation evaluation = joint.evaluate(testData);
        System.out.println(evaluation);        // both branches: accuracy and F1, then DL4J's statistics of each
        double kept = evaluation.projection().accuracy() / evaluation.trainer().accuracy();
        INDArray probabilities = joint.projectionOutput(Nd4j.create(testPixels));   // [n, 10]
        // API.md snippet: end
        assertEquals(trainerAlone, evaluation.trainer().accuracy(), "the frozen trainer's accuracy moved");
        assertTrue(kept > 0.5, "the projection network keeps part of the trainer's accuracy: " + evaluation);
        assertArrayEquals(new long[] {testPixels.length, 10}, probabilities.shape());

        // API.md snippet: begin
        ProjectionModel model = ProjectionNetExporter.from(joint)   // its projection, dense layers and label names
                .input(InputSpec.image(28, 28, 1))                   // records the image shape; default: 784 values
                .weights(WeightType.FLOAT32)                         // or INT8: about 4x smaller
                .provenance(ProvenanceKeys.TRAINING_DATA, "Fashion-MNIST, pixels / 255")
                .export();
        ExportComparison comparison = ExportComparison.dense(joint, model, testPixels, testLabels);
        System.out.println(comparison);        // float32: agreement 1.0000, probabilities within 1e-5
        model = comparison.recordIn(model, "Fashion-MNIST test");
        ModelWriter.write(model, Paths.get("fashion.pnet"));
        // API.md snippet: end
        assertEquals(1.0, comparison.agreement(), comparison.toString());
        assertTrue(comparison.maxProbabilityDifference() <= 1e-5, comparison.toString());

        float[][] branch = probabilities.toFloatMatrix();
        for (int r = 0; r < testPixels.length; r++) {
            onTheDevice(testPixels[r]);
            assertArrayEquals(branch[r], deviceProbabilities, 1e-5f, "test image " + r);
            assertEquals(FashionMnist128.LABEL_NAMES.get(deviceLabel), deviceName);
            assertEquals(deviceLabel, model.predict(testPixels[r]));
        }
    }

    /** Step 4 of the page: a separate program on the device, reading the file step 3 wrote. */
    private void onTheDevice(float[] pixels) throws IOException {
        // API.md snippet: begin
        ProjectionModel model = ProjectionModel.load(Paths.get("fashion.pnet"));   // checks the whole file
        int label = model.predict(pixels);           // float[784], row-major, in the scale used in training
        String name = model.labelName(label);        // "Ankle boot"
        float[] probabilities = new float[model.numLabels()];
        model.scores(pixels, probabilities);         // softmax over the labels
        // API.md snippet: end
        deviceLabel = label;
        deviceName = name;
        deviceProbabilities = probabilities;
    }

    @Test
    void thePageHoldsTheCodeThisTestRuns() throws IOException {
        DocSnippets.assertSameCode("docs/API.md", ApiDocTest.class, "API.md");
    }

    /** The page's Maven coordinates are the build's: the project version and DL4J's. */
    @Test
    void thePageGivesTheBuildsVersions() throws IOException {
        String pom = new String(Files.readAllBytes(DocSnippets.repositoryFile("pom.xml")), StandardCharsets.UTF_8);
        String page = new String(Files.readAllBytes(DocSnippets.repositoryFile("docs/API.md")), StandardCharsets.UTF_8);
        String version = first(pom, "<artifactId>dl4j-projection-parent</artifactId>\\s*<version>([^<]+)</version>");
        String dl4j = first(pom, "<dl4j.version>([^<]+)</dl4j.version>");
        for (String artifact : new String[] {"dl4j-projection-layers", "dl4j-projection-runtime"}) {
            assertTrue(page.contains("<artifactId>" + artifact + "</artifactId>\n  <version>" + version + "</version>"),
                    "docs/API.md should give " + artifact + " version " + version);
        }
        assertTrue(page.contains("<artifactId>nd4j-native-platform</artifactId>\n  <version>" + dl4j + "</version>"),
                "docs/API.md should give nd4j-native-platform version " + dl4j);
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex);
        return m.group(1);
    }
}
