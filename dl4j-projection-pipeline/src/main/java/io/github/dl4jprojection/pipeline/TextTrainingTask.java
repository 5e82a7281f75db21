package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.data.text.TrainTestTexts;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.internal.text.FeaturizerScratch;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.Int8Calibrator;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.text.TextPredictor;
import java.util.List;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Texts: a {@link TextTrainer} on its own encoding of each text, and a projection network of the configuration's
 * {@link ProjectionFamily} fed the runtime's own bits ({@link TextProjectionInput}): for {@code bag} (SGNN: Ravi and
 * Kozareva, EMNLP 2018) a {@code BitVectorInputLayer} on the {@code TextProjection} bits of the whole text (T x d
 * bits); for {@code seq} (PRADO-like) a {@code TokenBitsInputLayer} on the {@code TokenProjection} bits of every
 * token and the sequence encoder; for {@code sketch} a {@code SketchInputLayer} on the {@code SketchProjection}
 * values of the whole text (B buckets). Every text is encoded once ({@link EncodedTexts}); minibatches are
 * {@code [trainer input, projection input]} with their masks. Since the inputs come from the reference code, a float
 * export agrees with the DL4J branch on every text.
 */
final class TextTrainingTask implements TrainingTask {

    private static final int EVAL_BATCH = 128;

    private final TrainingConfig config;
    private final TrainTestTexts data;
    private final String taskName;
    private final TextTrainer trainer;
    private final TrainerInput<?> input;
    private final TextProjectionInput projection;
    private final EncodedTexts<?> test;
    private final TextBatchIterator training;

    TextTrainingTask(TrainingConfig config, TrainTestTexts data, String taskName) {
        if (data.train().isEmpty() || data.test().isEmpty()) {
            throw new IllegalArgumentException("data must have training and test texts, got " + data.train().size()
                    + " and " + data.test().size());
        }
        this.config = config;
        this.data = data;
        this.taskName = taskName;
        TextSettings text = config.text();
        this.trainer = Trainers.text(config.trainer());
        this.input = trainer.input(new TextFeaturizer(text.featurizer()), data.train(), text);
        this.projection = TextProjectionInput.of(config);
        this.test = new EncodedTexts<>(data.test(), data, input, projection);
        this.training = new TextBatchIterator(new EncodedTexts<>(data.train(), data, input, projection),
                config.batchSize(), config.seed());
    }

    @Override
    public JointProjectionModel newModel() {
        JointProjectionModel.Builder builder = JointModels.common(config, data.labelNames())
                .trainerInputType(input.inputType());
        projection.addTo(builder);
        trainer.addTo(builder, config.text());
        return builder.build();
    }

    @Override
    public MultiDataSetIterator trainingBatches(int epoch) {
        training.setEpoch(epoch);
        return training;
    }

    @Override
    public MultiDataSetIterator testBatches() {
        return new TextBatchIterator(test, EVAL_BATCH, null);
    }

    @Override
    public int trainingExamples() {
        return data.train().size();
    }

    @Override
    public int[] testLabels() {
        return test.labels();
    }

    @Override
    public float[][] runtimeScores(ProjectionModel model) {
        TextPredictor predictor = TextPredictor.of(model);
        List<LabeledText> texts = data.test();
        float[][] scores = new float[texts.size()][model.numLabels()];
        for (int i = 0; i < scores.length; i++) {
            predictor.scores(texts.get(i).text(), scores[i]);
        }
        return scores;
    }

    @Override
    public void calibrate(Int8Calibrator calibrator, int max) {
        TextFeaturizer featurizer = new TextFeaturizer(config.text().featurizer());
        FeaturizerScratch scratch = featurizer.newScratch();
        float[] weights = new float[featurizer.config().maxFeatures()];
        List<LabeledText> texts = data.train();
        for (int i = 0; i < Math.min(max, texts.size()); i++) {
            int n = featurizer.featurize(texts.get(i).text(), scratch);
            TextFeaturizer.weights(featurizer.config().weighting(), scratch.counts(), n, weights);
            calibrator.observeFeatures(scratch.keys(), weights, n);
        }
    }

    @Override
    public InputSpec inputSpec() {
        return InputSpec.features(config.text().featurizer().toSection());
    }

    @Override
    public List<String> labelNames() {
        return data.labelNames();
    }

    @Override
    public String trainingDescription() {
        return taskName + ": " + data.description() + ", " + data.train().size() + " training texts";
    }

    @Override
    public String testDescription() {
        return taskName + ": " + data.description() + ", " + data.test().size() + " test texts";
    }
}
