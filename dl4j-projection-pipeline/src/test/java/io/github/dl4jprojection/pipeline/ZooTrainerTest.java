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

        Random random = new Random(2);
        float[][] x = new float[12][784];
        float[][] y = new float[12][K];
        for (int i = 0; i < x.length; i++) {
            y[i][i % K] = 1;
            for (int j = 0; j < 784; j++) {
                x[i][j] = random.nextInt(256);
            }
        }
        DataSet data = new DataSet(Nd4j.create(x), Nd4j.create(y));
        INDArray before = joint.graph().getLayer(layers.get(0).getLayerName()).params().dup();
        joint.fit(new ListDataSetIterator<>(data.asList(), 6), 1);
        INDArray after = joint.graph().getLayer(layers.get(0).getLayerName()).params();
        assertTrue(!before.equals(after), "the zoo trainer's first layer trains");
        assertArrayEquals(new long[] {12, K}, joint.trainerOutput(data.getFeatures()).shape());
        assertTrue(Double.isFinite(joint.graph().score()), "a finite joint loss");
    }

    @Test
    void theTrainerSeesPixelsDividedByPixelMax() {
        TrainingConfig config = TrainingConfig.builder(TaskKind.IMAGE).trainer("mlp").pixelMax(16).build();
        JointProjectionModel.Builder builder = JointModels.common(config, Arrays.asList("a", "b", "c"))
                .trainerInputType(InputType.feedForward(64))
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(4).bitsPerFunction(8).seed(1).build());
        Trainers.image("mlp").addTo(builder, 8, 8, K, config.pixelMax());
        org.deeplearning4j.nn.conf.graph.ScaleVertex scale = (org.deeplearning4j.nn.conf.graph.ScaleVertex)
                builder.build().graph().getConfiguration().getVertices().get(ImageTrainer.SCALED);
        assertEquals(1.0 / 16, scale.getScaleFactor(), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenet", "simplecnn"})
    void smallImagesAreRefusedWithTheSizes(String name) {
        IncompatibleModelException e = assertThrows(IncompatibleModelException.class,
                () -> Trainers.image(name).layers(8, 8, K));
        assertTrue(e.getMessage().contains("8x8") && e.getMessage().contains("--trainer mlp"), e.getMessage());
    }
}
