package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dl4jprojection.layers.impl.DistillationReference;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;

@ExtendWith(SingleThreadedNd4j.class)
class JointLossTest {

    /** {l1, l2, l3, tau} */
    private static final double[][] SETTINGS = {
        {1.0, 0.1, 1.0, 1.0},
        {0.3, 0.8, 0.5, 2.5},
        {0.0, 1.0, 0.0, 0.5},
    };

    @Test
    void graphScoreIsTheHandComputedCombinedLoss() {
        Blobs blobs = new Blobs(TestModels.N_IN, TestModels.K, 2.0);
        DataSet data = blobs.sample(9, 1, DataType.DOUBLE);
        for (double[] s : SETTINGS) {
            JointProjectionModel model = TestModels.smallFromScratch(DataType.DOUBLE)
                    .lambdaTrainer(s[0]).lambdaDistill(s[1]).lambdaLabels(s[2]).temperature(s[3]).build();
            ComputationGraph graph = model.graph();
            INDArray[] inputs = model.graphInputs(data.getFeatures());
            Map<String, INDArray> activations = graph.feedForward(inputs, false);
            List<String> dense = model.projectionDenseLayerNames();
            INDArray zt = activations.get(model.trainerLogitsName());
            INDArray zp = activations.get(dense.get(dense.size() - 1));

            double expected = 0;
            int n = (int) data.numExamples();
            double[] perExample = new double[n];
            for (int i = 0; i < n; i++) {
                double[] y = data.getLabels().getRow(i).toDoubleVector();
                double[] trainerLogits = zt.getRow(i).toDoubleVector();
                double[] projectionLogits = zp.getRow(i).toDoubleVector();
                perExample[i] = s[0] * DistillationReference.crossEntropy(y, trainerLogits, 1.0)
                        + DistillationReference.loss(projectionLogits, trainerLogits, y, s[1], s[2], s[3]);
                expected += perExample[i];
            }
            expected /= n;

            INDArray y = data.getLabels();
            MultiDataSet batch = new MultiDataSet(inputs, new INDArray[] {y, y});
            String settings = "settings l1,l2,l3,tau = " + java.util.Arrays.toString(s);
            assertEquals(expected, graph.score(batch, false), 1e-9 * Math.max(1, expected), settings);
            assertArrayEquals(perExample, graph.scoreExamples(batch, false).toDoubleVector(), 1e-9, settings);
        }
    }
}
