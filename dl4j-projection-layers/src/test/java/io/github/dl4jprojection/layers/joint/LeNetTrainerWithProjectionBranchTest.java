package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.FashionMnist128;
import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.ProvenanceKeys;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Issue 16 as a DL4J user meets it: a LeNet-like network written as in the DL4J examples (L2 0.0005, convolution,
 * subsampling, dense, softmax OutputLayer, {@code InputType.convolutionalFlat(28, 28, 1)}), trained alone on the first
 * 96 committed Fashion-MNIST images scaled to 0..1 as those examples scale them, then given a projection branch with
 * {@code freezeTrainer(true)} and fitted. The trainer must come out exactly as it went in (every parameter, its
 * accuracy and its probabilities on the 32 held-out images; before the fix its L2 moved the weights of every layer,
 * and in the issue took a trained LeNet from 86 % to chance), and the
 * exported runtime model, through the file format, must equal the DL4J projection branch on every image: same
 * label, probabilities within 1e-5. The inputs are 0..1 floats, not integers: the projection layer is exact for them
 * too (docs/PROJECTION.md), and the device is fed the same values.
 */
@ExtendWith(SingleThreadedNd4j.class)
class LeNetTrainerWithProjectionBranchTest {

    private static final int TRAIN = 96;
    private static final int BATCH = 16;
    private static final int CLASSES = 10;
    private static final double PROBABILITY_TOLERANCE = 1e-5;

    @Test
    void aFrozenLeNetWithL2StaysAsTrainedAndItsProjectionBranchExportsExactly() throws Exception {
        float[][] pixels = FashionMnist128.images();
        for (float[] image : pixels) {
            for (int i = 0; i < image.length; i++) {
                image[i] /= 255f;
            }
        }
        int[] labels = FashionMnist128.labels();
        DataSet train = FashionMnist128.dataSet(pixels, labels, 0, TRAIN);
        DataSet test = FashionMnist128.dataSet(pixels, labels, TRAIN, pixels.length);

        MultiLayerNetwork net = leNet();
        net.fit(iterator(train), 12);
        double trainerAccuracy = net.evaluate(iterator(test)).accuracy();
        assertTrue(trainerAccuracy > 0.4, "the trainer alone learns beyond chance (0.1): " + trainerAccuracy);
        Map<String, INDArray> trained = parametersByJointName(net);
        INDArray trainerProbabilities = net.output(test.getFeatures());

        JointProjectionModel joint = new JointProjectionModel.Builder().trainer(net).freezeTrainer(true)
                .labelNames(FashionMnist128.LABEL_NAMES)
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(16).bitsPerFunction(12).build())
                .hiddenLayers(32).updater(new Adam(1e-2)).build();
        joint.fit(iterator(train), 6);
        JointEvaluation evaluation = joint.evaluate(iterator(test));

        for (Map.Entry<String, INDArray> p : trained.entrySet()) {
            String[] vertexAndKey = p.getKey().split("/");
            assertEquals(p.getValue(), joint.graph().getLayer(vertexAndKey[0]).getParam(vertexAndKey[1]),
                    "frozen trainer parameter " + p.getKey() + " moved");
        }
        assertEquals(trained, parametersByJointName(net), "the source network was modified");
        assertEquals(trainerAccuracy, evaluation.trainer().accuracy(), evaluation.toString());
        assertTrue(trainerProbabilities.equalsWithEps(joint.trainerOutput(test.getFeatures()), 1e-6),
                "the frozen trainer's probabilities moved");
        System.out.printf(Locale.ROOT, "LeNet trainer with L2, frozen: accuracy %.4f before and after joint training; "
                + "projection branch %.4f (32 held-out Fashion-MNIST images)%n", trainerAccuracy,
                evaluation.projection().accuracy());
        assertTrue(evaluation.projection().accuracy() > 0.3, "the projection branch learns: " + evaluation);

        ProjectionModel model = ProjectionModel.load(ModelWriter.toBytes(ProjectionNetExporter.from(joint)
                .input(InputSpec.image(28, 28, 1))
                .provenance(ProvenanceKeys.TRAINING_DATA, "Fashion-MNIST t10k images 0-95, pixels / 255").export()));
        assertEquals(FashionMnist128.LABEL_NAMES, model.labels());
        float[][] dl4j = joint.projectionOutput(Nd4j.create(pixels)).toFloatMatrix();
        float[] runtime = new float[CLASSES];
        for (int r = 0; r < pixels.length; r++) {
            int label = model.scores(pixels[r], runtime);
            assertEquals(argmax(dl4j[r]), label, "image " + r + ": runtime and DL4J labels differ");
            assertArrayEquals(dl4j[r], runtime, (float) PROBABILITY_TOLERANCE, "image " + r + " probabilities");
        }
    }

    /** LeNet as in the DL4J examples, smaller (6 and 8 filters, 32 dense units) so that the test takes seconds. */
    private static MultiLayerNetwork leNet() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(123)
                .l2(0.0005)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(1e-3))
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nIn(1).stride(1, 1).nOut(6)
                        .activation(Activation.IDENTITY).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(5, 5).stride(1, 1).nOut(8).activation(Activation.IDENTITY).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder().activation(Activation.RELU).nOut(32).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Copies of the network's parameters keyed "vertex/param" by the vertex names the joint graph gives them. */
    private static Map<String, INDArray> parametersByJointName(MultiLayerNetwork net) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        int last = net.getnLayers() - 1;
        for (int i = 0; i <= last; i++) {
            String vertex = i == last ? JointNames.TRAINER_LOGITS : "layer" + i;
            for (Map.Entry<String, INDArray> p : net.getLayer(i).paramTable().entrySet()) {
                out.put(vertex + "/" + p.getKey(), p.getValue().dup());
            }
        }
        return out;
    }

    private static DataSetIterator iterator(DataSet data) {
        return Blobs.iterator(data, BATCH);
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int j = 1; j < p.length; j++) {
            if (p[j] > p[best]) {
                best = j;
            }
        }
        return best;
    }
}
