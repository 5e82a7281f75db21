package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.ImageDataSetIterator;
import io.github.dl4jprojection.data.ImageDataset;
import io.github.dl4jprojection.data.PixelScaling;
import io.github.dl4jprojection.data.TrainTestImages;
import io.github.dl4jprojection.layers.PatchProjectionLayer;
import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.Int8Calibrator;
import io.github.dl4jprojection.runtime.model.Predictor;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import java.util.List;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Images: an {@link ImageTrainer} on raw 0..255 pixels {@code [mb, h*w]} (it scales them itself) and a
 * {@link ProjectionLayer} (bag model) or a {@link PatchProjectionLayer} with its convolution stages (patch model)
 * over the same raw pixels, so the DL4J bits are the runtime's exactly.
 */
final class ImageTrainingTask implements TrainingTask {

    private static final int EVAL_BATCH = 500;

    private final TrainingConfig config;
    private final TrainTestImages data;
    private final String taskName;
    private final ImageDataSetIterator training;

    ImageTrainingTask(TrainingConfig config, TrainTestImages data, String taskName) {
        this.config = config;
        this.data = data;
        this.taskName = taskName;
        this.training = ImageDataSetIterator.builder(data.train()).batchSize(config.batchSize())
                .scaling(PixelScaling.RAW).shuffle(config.seed()).build();
    }

    @Override
    public JointProjectionModel newModel() {
        ImageDataset train = data.train();
        JointProjectionModel.Builder builder = JointModels.common(config, train.labelNames())
                .trainerInputType(InputType.convolutionalFlat(train.height(), train.width(), 1));
        ImageSettings image = config.image();
        if (image.patch()) {
            builder.patchInput(new PatchProjectionLayer.Builder()
                    .numFunctions(config.bits().numFunctions())
                    .bitsPerFunction(config.bits().bitsPerFunction())
                    .density(config.density().value())
                    .seed(config.seed())
                    .window(image.window())
                    .stride(image.stride())
                    .build());
            for (PatchStage stage : image.stages()) {
                builder.convStage(stage.kernel(), stage.channels(), stage.pool());
            }
        } else {
            builder.projectionLayer(new ProjectionLayer.Builder()
                    .numFunctions(config.bits().numFunctions())
                    .bitsPerFunction(config.bits().bitsPerFunction())
                    .density(config.density().value())
                    .seed(config.seed())
                    .build());
        }
        Trainers.image(config.trainer()).addTo(builder, train.height(), train.width(), train.numClasses(),
                config.pixelMax());
        return builder.build();
    }

    @Override
    public MultiDataSetIterator trainingBatches(int epoch) {
        training.setEpoch(epoch);
        return new MultiDataSetIteratorAdapter(training);
    }

    @Override
    public MultiDataSetIterator testBatches() {
        return new MultiDataSetIteratorAdapter(ImageDataSetIterator.builder(data.test()).batchSize(EVAL_BATCH)
                .scaling(PixelScaling.RAW).build());
    }

    @Override
    public int trainingExamples() {
        return data.train().size();
    }

    @Override
    public int[] testLabels() {
        return data.test().labels();
    }

    @Override
    public float[][] runtimeScores(ProjectionModel model) {
        ImageDataset test = data.test();
        Predictor predictor = model.predictor();
        float[] pixels = new float[test.pixelsPerImage()];
        float[][] scores = new float[test.size()][model.numLabels()];
        for (int i = 0; i < scores.length; i++) {
            test.copyPixels(i, pixels, 0, 1f);
            predictor.scores(pixels, scores[i]);
        }
        return scores;
    }

    @Override
    public void calibrate(Int8Calibrator calibrator, int max) {
        ImageDataset train = data.train();
        float[] pixels = new float[train.pixelsPerImage()];
        for (int i = 0; i < Math.min(max, train.size()); i++) {
            train.copyPixels(i, pixels, 0, 1f);
            calibrator.observe(pixels);
        }
    }

    @Override
    public InputSpec inputSpec() {
        return InputSpec.image(data.train().height(), data.train().width(), 1);
    }

    @Override
    public List<String> labelNames() {
        return data.train().labelNames();
    }

    @Override
    public String trainingDescription() {
        return taskName + ": " + data.train().description();
    }

    @Override
    public String testDescription() {
        return taskName + ": " + data.test().description();
    }
}
