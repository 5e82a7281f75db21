package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.ProjectionLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.TestMultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The joint model's input contract is checked on every batch of fit and evaluate, and a batch that breaks it is
 * refused with a message naming what was expected and what came, before DL4J sees it.
 */
@ExtendWith(SingleThreadedNd4j.class)
class JointInputContractTest {

    private static final int N = TestModels.N_IN;
    private static final int K = TestModels.K;

    private final DataSet data = new Blobs(N, K, 2.0).sample(12, 1, DataType.FLOAT);
    private final JointProjectionModel model = TestModels.smallFromScratch(DataType.FLOAT).build();

    @Test
    void featuresOfAnotherSizeAreRefusedByFitAndEvaluate() {
        DataSet narrow = new DataSet(data.getFeatures().getColumns(range(N - 1)), data.getLabels());
        assertRefused(() -> model.fit(Blobs.iterator(narrow, 6), 1), "InputTypeFeedForward(" + N + ")",
                "[mb, " + N + "]", "[6, " + (N - 1) + "]");
        assertRefused(() -> model.evaluate(Blobs.iterator(narrow, 6)), "[mb, " + N + "]", "[6, " + (N - 1) + "]");
        assertRefused(() -> model.projectionOutput(narrow.getFeatures()), "[mb, " + N + "]");
    }

    @Test
    void imagesOfTheOtherLayoutAreRefusedWithAHint() {
        JointProjectionModel flat = withCnnTrainer(InputType.convolutionalFlat(4, 3, 1));
        INDArray images = Nd4j.rand(DataType.FLOAT, 2, 1, 4, 3);
        assertRefused(() -> flat.fit(Blobs.iterator(new DataSet(images, oneHot(2)), 2), 1), "[mb, 12]",
                "[2, 1, 4, 3]", "flatten");

        JointProjectionModel nchw = withCnnTrainer(InputType.convolutional(4, 3, 1));
        assertRefused(() -> nchw.fit(Blobs.iterator(new DataSet(images.reshape(2, 12), oneHot(2)), 2), 1),
                "[mb, 1, 4, 3]", "[2, 12]", "convolutionalFlat");
        nchw.fit(Blobs.iterator(new DataSet(images, oneHot(2)), 2), 1);
    }

    @Test
    void labelsWithAnotherNumberOfClassesAreRefused() {
        DataSet fourClasses = new DataSet(data.getFeatures(), Nd4j.concat(1, data.getLabels(), Nd4j.zeros(12, 1)));
        assertRefused(() -> model.fit(Blobs.iterator(fourClasses, 6), 1), "[mb, " + K + "]", "[6, " + (K + 1) + "]");
        assertRefused(() -> model.evaluate(Blobs.iterator(fourClasses, 6)), "[mb, " + K + "]");
    }

    @Test
    void classIndicesInsteadOfOneHotRowsAreRefusedWithAHint() {
        DataSet indices = new DataSet(data.getFeatures(), data.getLabels().argMax(1).reshape(12, 1)
                .castTo(DataType.FLOAT));
        assertRefused(() -> model.fit(Blobs.iterator(indices, 6), 1), "[6, 1]", "class indices");
    }

    @Test
    void rowsThatAreNotClassProbabilitiesAreRefusedNamingTheRow() {
        INDArray labels = data.getLabels().dup();
        labels.putRow(4, Nd4j.createFromArray(1f, 1f, 0f));
        assertRefused(() -> model.fit(Blobs.iterator(new DataSet(data.getFeatures(), labels), 6), 1), "row 4",
                "[1.0, 1.0, 0.0]", "one-hot");
        INDArray negative = data.getLabels().dup();
        negative.putRow(0, Nd4j.createFromArray(1.5f, -0.5f, 0f));
        assertRefused(() -> model.evaluate(Blobs.iterator(new DataSet(data.getFeatures(), negative), 6)), "row 0");
    }

    @Test
    void softLabelsAndMaskedRowsAreAccepted() {
        INDArray soft = data.getLabels().mul(0.9).add(0.1 / K);
        soft.putRow(3, Nd4j.zeros(DataType.FLOAT, K));
        INDArray mask = Nd4j.ones(DataType.FLOAT, 12, 1);
        mask.putScalar(3, 0, 0);
        model.fit(Blobs.iterator(new DataSet(data.getFeatures(), soft, null, mask), 6), 1);

        mask.putScalar(3, 0, 1);
        assertRefused(() -> model.fit(Blobs.iterator(new DataSet(data.getFeatures(), soft, null, mask), 6), 1),
                "row 3");
    }

    @Test
    void multiDataSetsAreCheckedArrayByArray() {
        INDArray features = data.getFeatures();
        INDArray labels = data.getLabels();
        MultiDataSet shortLabels = new MultiDataSet(new INDArray[] {features},
                new INDArray[] {labels, labels.getRows(range(11))});
        assertRefused(() -> model.fit(new TestMultiDataSetIterator(1, shortLabels), 1), "labels[1] (projection)",
                "11 rows", "12 examples");

        JointProjectionModel bits = JointSerializationTest.bitsModel().build();
        INDArray[] inputs = bits.graphInputs(features);
        MultiDataSet shortBits = new MultiDataSet(new INDArray[] {inputs[0], inputs[1].getRows(range(10))},
                new INDArray[] {labels});
        assertRefused(() -> bits.fit(new TestMultiDataSetIterator(1, shortBits), 1), "bits", "12 rows", "got 10");
        MultiDataSet wide = new MultiDataSet(new INDArray[] {Nd4j.concat(1, inputs[0], inputs[0]), inputs[1]},
                new INDArray[] {labels});
        assertRefused(() -> bits.evaluate(new TestMultiDataSetIterator(1, wide)), "[mb, " + N + "]");
    }

    /** The trainer input type travels with a saved model; a layout saved before it existed still loads. */
    @Test
    void theTrainerInputTypeIsPartOfTheLayoutAndOptional() {
        assertEquals(InputType.feedForward(N), model.trainerInputType());
        JointLayout layout = JointLayout.fromJson(model.layoutJson());
        assertEquals(InputType.feedForward(N), layout.trainerInputType);

        String older = model.layoutJson().replaceFirst(",\"trainerInputType\":\\{[^}]*\\}", "");
        assertTrue(!older.contains("trainerInputType"), older);
        JointProjectionModel loaded = new JointProjectionModel(model.graph(), JointLayout.fromJson(older));
        assertNull(loaded.trainerInputType());
        loaded.evaluate(Blobs.iterator(data, 6));
    }

    private JointProjectionModel withCnnTrainer(InputType inputType) {
        MultiLayerNetwork cnn = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(2).list()
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(2).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(K)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(inputType).build());
        cnn.init();
        return new JointProjectionModel.Builder().trainer(cnn).trainerInputType(inputType)
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(2).bitsPerFunction(8).build()).build();
    }

    private static INDArray oneHot(int rows) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, rows, K);
        for (int r = 0; r < rows; r++) {
            labels.putScalar(r, r % K, 1);
        }
        return labels;
    }

    private static int[] range(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private static void assertRefused(Executable action, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
    }
}
