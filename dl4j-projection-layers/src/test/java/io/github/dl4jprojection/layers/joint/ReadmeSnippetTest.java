package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.ProjectionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Compiles and runs the README's "add a projection branch to the network you already have" lines, verbatim
 * between the markers.
 */
@ExtendWith(SingleThreadedNd4j.class)
class ReadmeSnippetTest {

    @Test
    void addAProjectionBranchToAnExistingNetwork() {
        Blobs blobs = new Blobs(20, 3, 1.5);
        DataSetIterator trainData = Blobs.iterator(blobs.sample(600, 1, DataType.FLOAT), 20);
        DataSetIterator testData = Blobs.iterator(blobs.sample(300, 2, DataType.FLOAT), 100);
        MultiLayerNetwork net = TestModels.mlp(20, 3, DataType.FLOAT);
        net.fit(trainData, 3);

        // README snippet: begin
        JointProjectionModel joint = new JointProjectionModel.Builder().trainer(net).freezeTrainer(true)
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(16).bitsPerFunction(8).build()).build();
        joint.fit(trainData, 5);
        JointEvaluation evaluation = joint.evaluate(testData);
        // README snippet: end

        assertTrue(evaluation.projection().accuracy() > 0.8, evaluation.toString());
    }
}
