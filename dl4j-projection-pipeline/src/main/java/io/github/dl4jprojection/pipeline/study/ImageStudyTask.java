package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.data.ImageDataset;
import io.github.dl4jprojection.data.TrainTestImages;
import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.pipeline.ImageTrainer;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.Predictor;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * An image task (Fashion-MNIST, MNIST, the user's images) for the frontier study.
 *
 * <ul>
 *   <li>Trainer: the image example's MLP (dense 512 - dense 512, dropout - softmax) or CNN (conv 5x5x32 - pool -
 *       conv 5x5x64 - pool - dense 1024, dropout - softmax), on pixels scaled to [0, 1].</li>
 *   <li>Baseline MLPs: {@code pixels [0, 1] -> w (ReLU) -> K}, {@code w} sized by {@link ByteBudget#fixedInput};
 *       the small CNN ({@link CnnShape}) on the same pixels, sized by {@link ByteBudget#cnn}.</li>
 *   <li>Projection networks: a {@link ProjectionLayer} on the raw 0..255 pixels (exact integer sums, so the DL4J
 *       bits and the runtime's bits are the same), exported with {@link InputSpec#image}.</li>
 * </ul>
 */
public final class ImageStudyTask implements StudyTask {

    private final String name;
    private final TrainTestImages data;
    private final ImageTrainer trainer;
    private final INDArray rawTrain;
    private final INDArray rawTest;
    private final INDArray scaledTrain;
    private final INDArray scaledTest;
    private final String scaledName;
    private final INDArray trainLabels;
    private final int pixelMax;

    /**
     * @param name     the task's command-line name
     * @param pixelMax the pixel value the trainer's and the baselines' inputs are scaled to 1 by
     *                 ({@link io.github.dl4jprojection.pipeline.TrainingConfig#pixelMax()})
     */
    public ImageStudyTask(String name, TrainTestImages data, ImageTrainer trainer, int pixelMax) {
        this.name = name;
        this.data = data;
        this.trainer = trainer;
        this.rawTrain = pixels(data.train());
        this.rawTest = pixels(data.test());
        this.scaledTrain = rawTrain.div((float) pixelMax);
        this.scaledTest = rawTest.div((float) pixelMax);
        this.scaledName = "pixels/" + pixelMax;
        this.pixelMax = pixelMax;
        int[] labels = data.train().labels();
        this.trainLabels = Nd4j.zeros(DataType.FLOAT, labels.length, data.train().numClasses());
        for (int i = 0; i < labels.length; i++) {
            trainLabels.putScalar(i, labels[i], 1f);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return name + ": " + data.train().size() + " training images (" + data.train().description() + "), "
                + data.test().size() + " test images";
    }

    @Override
    public List<String> labelNames() {
        return data.train().labelNames();
    }

    @Override
    public INDArray trainLabels() {
        return trainLabels;
    }

    @Override
    public int[] testLabels() {
        return data.test().labels();
    }

    @Override
    public MultiLayerNetwork newTrainer(long seed) {
        ImageDataset train = data.train();
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).weightInit(WeightInit.RELU).activation(Activation.RELU).list();
        for (Layer layer : trainer.layers(train.height(), train.width(), train.numClasses())) {
            b.layer(layer);
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(train.numClasses())
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build());
        b.setInputType(InputType.convolutionalFlat(train.height(), train.width(), 1));
        MultiLayerConfiguration conf = b.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Override
    public INDArray trainerTrainFeatures() {
        return scaledTrain;
    }

    @Override
    public INDArray trainerTestFeatures() {
        return scaledTest;
    }

    @Override
    public String trainerName() {
        return trainer.name().equals("cnn") ? "cnn conv5x5x32-pool-conv5x5x64-pool-1024" : "mlp "
                + data.train().pixelsPerImage() + "-512-512-" + data.train().numClasses();
    }

    @Override
    public Baseline baseline(long bytes, int pointHidden) {
        MlpShape shape = ByteBudget.fixedInput(data.train().pixelsPerImage(), data.train().numClasses(), bytes);
        return new Baseline(shape, StudentInput.plain(scaledTrain, scaledTest, scaledName));
    }

    @Override
    public StudentInput projection(ProjectionSpec spec) {
        ImageDataset train = data.train();
        ProjectionLayer layer = new ProjectionLayer.Builder().nIn(train.pixelsPerImage())
                .numFunctions(spec.numFunctions()).bitsPerFunction(spec.bitsPerFunction()).density(spec.density())
                .seed(spec.seed()).name(StudentNetwork.PROJECTION).build();
        return StudentInput.projection(rawTrain, rawTest, layer, InputSpec.image(train.height(), train.width(), 1),
                "raw pixels");
    }

    @Override
    public TimedEvaluation runtime(Path modelFile) throws IOException {
        Predictor predictor = ProjectionModel.load(modelFile).predictor();
        ImageDataset test = data.test();
        float[] x = new float[test.pixelsPerImage()];
        return TimedEvaluation.run(i -> {
            test.copyPixels(i, x, 0, 1f);
            return predictor.predict(x);
        }, test.labels());
    }

    @Override
    public TimedEvaluation java(JavaBaseline baseline, int inputWidth) {
        ImageDataset test = data.test();
        float[] x = new float[test.pixelsPerImage()];
        float scale = 1f / pixelMax;
        return TimedEvaluation.run(i -> {
            test.copyPixels(i, x, 0, scale);
            return baseline.classify(x);
        }, test.labels());
    }

    @Override
    public long projectionAdds(ProjectionSpec spec) {
        return Math.round((double) data.train().pixelsPerImage() * spec.numBits() / (1 << spec.sparsityLog2()));
    }

    @Override
    public CnnShape cnn(long bytes) {
        ImageDataset train = data.train();
        return ByteBudget.cnn(train.height(), train.width(), train.numClasses(), bytes);
    }

    private static INDArray pixels(ImageDataset images) {
        float[][] x = new float[images.size()][images.pixelsPerImage()];
        for (int i = 0; i < x.length; i++) {
            images.copyPixels(i, x[i], 0, 1f);
        }
        return Nd4j.create(x);
    }
}
