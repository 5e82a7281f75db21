package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.ProjectionLayer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

/** Joint training from scratch on a learnable problem lifts the projection network far above chance. */
@ExtendWith(SingleThreadedNd4j.class)
class JointLearningTest {

    private static final int DIMS = 64;
    private static final int CLASSES = 4;

    @Test
    void projectionBranchLearnsGaussianBlobs() {
        Blobs blobs = new Blobs(DIMS, CLASSES, 1.0);
        DataSet train = blobs.sample(400, 1, DataType.FLOAT);
        DataSet test = blobs.sample(400, 2, DataType.FLOAT);
        JointProjectionModel model = new JointProjectionModel.Builder()
                .trainerInputType(InputType.feedForward(DIMS)).nClasses(CLASSES)
                .trainerLayer("trainer_hidden", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(16).bitsPerFunction(8).seed(11).build())
                .updater(new Adam(0.01))
                .build();

        JointEvaluation before = model.evaluate(Blobs.iterator(test, 100));
        model.fit(Blobs.iterator(train, 32), 8);
        JointEvaluation after = model.evaluate(Blobs.iterator(test, 100));

        assertTrue(before.projection().accuracy() < 0.6, "untrained: " + before);
        assertTrue(after.trainer().accuracy() > 0.9, after.toString());
        assertTrue(after.projection().accuracy() > 0.8, after.toString());
    }
}
