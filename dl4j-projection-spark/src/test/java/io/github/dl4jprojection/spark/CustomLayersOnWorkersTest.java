package io.github.dl4jprojection.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dl4jprojection.layers.DistillationOutputLayer;
import io.github.dl4jprojection.layers.FashionMnist128;
import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * dl4j-spark ships a graph to the workers as its JSON configuration and its parameters; the project's custom
 * layers ({@link ProjectionLayer}, {@link DistillationOutputLayer}) must come back as themselves there and compute
 * what they compute on the driver: the same projection bits and the same probabilities, bit for bit.
 */
class CustomLayersOnWorkersTest {

    @Test
    void workersRebuildTheJointGraphWithTheCustomLayers() throws Exception {
        JointProjectionModel joint = ImageModels.joint();
        String json = joint.graph().getConfiguration().toJson();
        float[] params = joint.graph().params().toFloatVector();
        float[][] images = Arrays.copyOf(FashionMnist128.images(), 8);
        String projectionName = joint.projectionInputLayerName();
        String outputName = joint.projectionOutputName();
        float[][] expectedBits = joint.graph().feedForward(Nd4j.create(images), false).get(projectionName)
                .toFloatMatrix();
        float[][] expected = joint.projectionOutput(Nd4j.create(images)).toFloatMatrix();

        List<Object[]> fromWorkers = LocalSpark.context().parallelize(Arrays.asList(0, 1), 2).map(worker -> {
            ComputationGraph graph = new ComputationGraph(ComputationGraphConfiguration.fromJson(json));
            graph.init(Nd4j.create(params).reshape(1, params.length), true);
            return new Object[] {
                graph.getLayer(projectionName).conf().getLayer().getClass().getName(),
                graph.getLayer(outputName).conf().getLayer().getClass().getName(),
                graph.feedForward(Nd4j.create(images), false).get(projectionName).toFloatMatrix(),
                graph.output(Nd4j.create(images))[1].toFloatMatrix()};
        }).collect();

        assertEquals(2, fromWorkers.size());
        for (Object[] worker : fromWorkers) {
            assertEquals(ProjectionLayer.class.getName(), worker[0]);
            assertEquals(DistillationOutputLayer.class.getName(), worker[1]);
            assertArrayEquals(expectedBits, (float[][]) worker[2], "projection bits on a worker");
            assertArrayEquals(expected, (float[][]) worker[3], "projection probabilities on a worker");
        }
    }
}
