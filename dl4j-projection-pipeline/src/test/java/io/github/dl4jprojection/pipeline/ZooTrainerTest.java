package io.github.dl4jprojection.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.zoo.model.LeNet;
import org.deeplearning4j.zoo.model.SimpleCNN;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** DL4J's zoo networks as registered image trainers: headless, named, trainable inside the joint graph. */
class ZooTrainerTest {

    private static final int K = 3;

    @ParameterizedTest
    @ValueSource(strings = {"lenet", "simplecnn"})
    void aZooTrainerTrainsInsideTheJointGraph(String name) {
        ImageTrainer trainer = Trainers.image(name);
        List<Layer> layers = trainer.layers(28, 28, K);
        for (Layer layer : layers) {
            assertTrue(layer.getLayerName().startsWith("zoo_"), layer.getLayerName());
        }
        assertEquals(name.equals("simplecnn"), layers.stream().anyMatch(l -> l instanceof BatchNormalization));

        JointProjectionModel.Builder builder = JointModels.common(TrainingConfig.builder(TaskKind.IMAGE)
                        .trainer(name).build(), Arrays.asList("a", "b", "c"))
                .trainerInputType(InputType.convolutionalFlat(28, 28, 1))
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(4).bitsPerFunction(8).seed(1).build());
        trainer.addTo(builder, 28, 28, K, 255);
        JointProjectionModel joint = builder.build();

        DataSet data = randomImages(12);
        INDArray before = joint.graph().getLayer(layers.get(0).getLayerName()).params().dup();
        joint.fit(new ListDataSetIterator<>(data.asList(), 6), 1);
        INDArray after = joint.graph().getLayer(layers.get(0).getLayerName()).params();
        assertTrue(!before.equals(after), "the zoo trainer's first layer trains");
        assertArrayEquals(new long[] {12, K}, joint.trainerOutput(data.getFeatures()).shape());
        assertTrue(Double.isFinite(joint.graph().score()), "a finite joint loss");
    }

    @Test
    void aZooNetworkBuiltByTheUserIsATrainerOfTheApi() {
        MultiLayerNetwork lenet = (MultiLayerNetwork) LeNet.builder().numClasses(K).inputShape(new int[] {1, 28, 28})
                .build().init();
        JointProjectionModel joint = new JointProjectionModel.Builder().trainer(lenet).labelNames("a", "b", "c")
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(4).bitsPerFunction(8).seed(1).build())
                .build();
        DataSet data = randomImages(6);
        joint.fit(new ListDataSetIterator<>(data.asList(), 3), 1);
        assertArrayEquals(new long[] {6, K}, joint.projectionOutput(data.getFeatures()).shape());
        assertTrue(Double.isFinite(joint.graph().score()), "a finite joint loss");

        MultiLayerNetwork simpleCnn = (MultiLayerNetwork) SimpleCNN.builder().numClasses(K)
                .inputShape(new int[] {1, 28, 28}).build().init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JointProjectionModel.Builder().trainer(simpleCnn)
                        .projectionLayer(new ProjectionLayer.Builder().numFunctions(4).bitsPerFunction(8).build())
                        .build());
        assertTrue(e.getMessage().contains("ActivationLayer"), "SimpleCNN's softmax head is named: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenet", "simplecnn"})
    void smallImagesAreRefusedWithTheSizes(String name) {
        IncompatibleModelException e = assertThrows(IncompatibleModelException.class,
                () -> Trainers.image(name).layers(8, 8, K));
        assertTrue(e.getMessage().contains("8x8") && e.getMessage().contains("--trainer mlp"), e.getMessage());
    }

    /** {@code n} random 28x28 images of raw 0..255 pixels, labels cycling over the classes. */
    private static DataSet randomImages(int n) {
        Random random = new Random(2);
        float[][] x = new float[n][784];
        float[][] y = new float[n][K];
        for (int i = 0; i < n; i++) {
            y[i][i % K] = 1;
            for (int j = 0; j < 784; j++) {
                x[i][j] = random.nextInt(256);
            }
        }
        return new DataSet(Nd4j.create(x), Nd4j.create(y));
    }
}
