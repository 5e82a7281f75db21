package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A user's own network gets a projection branch, is trained, exported and run by the runtime. */
class ConsumerTest {

    @TempDir
    Path dir;

    @Test
    void trainExportAndPredictWithOnlyTheDocumentedDependencies() throws Exception {
        Random random = new Random(1);
        float[][] x = new float[90][8];
        float[][] y = new float[90][3];
        for (int i = 0; i < x.length; i++) {
            int c = i % 3;
            y[i][c] = 1;
            for (int j = 0; j < 8; j++) {
                x[i][j] = (j % 3 == c ? 3 : 0) + (float) random.nextGaussian();
            }
        }
        DataSet all = new DataSet(Nd4j.create(x), Nd4j.create(y));
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(8)).build());
        net.init();
        JointProjectionModel joint = new JointProjectionModel.Builder().trainer(net).labelNames("a", "b", "c")
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(8).bitsPerFunction(8).build()).build();
        joint.fit(new ListDataSetIterator<>(all.asList(), 30), 2);

        Path file = dir.resolve("model.pnet");
        ModelWriter.write(ProjectionNetExporter.from(joint).export(), file);
        ProjectionModel model = ProjectionModel.load(file);
        INDArray probabilities = joint.projectionOutput(all.getFeatures());
        for (int i = 0; i < x.length; i++) {
            assertEquals(probabilities.getRow(i).argMax().getInt(0), model.predict(x[i]), "example " + i);
        }
        assertEquals(true, Files.size(file) > 0);
    }
}
