package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.layers.SketchInputLayer;
import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.data.text.TrainTestTexts;
import io.github.dl4jprojection.layers.BitVectorInputLayer;
import io.github.dl4jprojection.pipeline.BagOfWordsTrainer;
import io.github.dl4jprojection.pipeline.HashedBagOfWords;
import io.github.dl4jprojection.pipeline.TextRuntimeModel;
import io.github.dl4jprojection.pipeline.TextSettings;
import io.github.dl4jprojection.runtime.internal.projection.PackedBits;
import io.github.dl4jprojection.runtime.internal.text.FeaturizerScratch;
import io.github.dl4jprojection.runtime.internal.text.SketchProjection;
import io.github.dl4jprojection.runtime.internal.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.internal.text.TextProjection;
import io.github.dl4jprojection.runtime.internal.text.TextProjectionScratch;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * A text task (spam, the user's labelled texts) for the frontier study.
 *
 * <ul>
 *   <li>Trainer: {@code train}'s text MLP ({@link BagOfWordsTrainer}: dense 256 - dense 256, dropout - softmax)
 *       over a hashed bag of word unigrams and bigrams of the settings' trainer buckets ({@link HashedBagOfWords},
 *       log1p counts).</li>
 *   <li>Baseline MLPs: the same hashed bag with {@code B} buckets {@code -> h (ReLU) -> K}, where {@code h} is
 *       the projection network's hidden width at the sweep point (none when it has none) and {@code B} is sized
 *       by {@link ByteBudget#fixedHidden}: the baseline replaces the projection's bits by hashed word counts of
 *       about the same width.</li>
 *   <li>Projection networks: a {@code BitVectorInputLayer} fed the runtime's {@link TextProjection} bits (default
 *       featurizer of the settings), exported with the featurizer section and run with the runtime on the raw test texts.</li>
 *   <li>Sketch networks: the point's dense layers on the runtime's count sketch ({@link SketchProjection}, {@code B}
 *       buckets, the same featurizer), exported as SKETCH models and run with the runtime on the raw test texts.</li>
 * </ul>
 */
public final class TextStudyTask implements StudyTask {

    private final String name;
    private final TrainTestTexts data;
    private final FeaturizerConfig featurizer;
    private final int trainerBuckets;
    private final INDArray trainLabels;
    private final int[] testLabels;
    private final INDArray trainerTrain;
    private final INDArray trainerTest;
    private final Map<Integer, StudentInput> bags = new HashMap<>();
    /** {@link #meanFeatures} of the test texts, NaN until first needed ({@link #projectionAdds}, {@link #sketchOps}). */
    private double meanTestFeatures = Double.NaN;

    /**
     * @param name     the task's command-line name
     * @param settings the projection's featurizer and the trainer's buckets
     */
    public TextStudyTask(String name, TrainTestTexts data, TextSettings settings) {
        this.name = name;
        this.data = data;
        this.featurizer = settings.featurizer();
        this.trainerBuckets = settings.trainerBuckets();
        int k = data.labelNames().size();
        List<LabeledText> train = data.train();
        this.trainLabels = Nd4j.zeros(DataType.FLOAT, train.size(), k);
        for (int i = 0; i < train.size(); i++) {
            trainLabels.putScalar(i, data.labelIndex(train.get(i)), 1f);
        }
        this.testLabels = new int[data.test().size()];
        for (int i = 0; i < testLabels.length; i++) {
            testLabels[i] = data.labelIndex(data.test().get(i));
        }
        StudentInput trainerBag = bag(trainerBuckets);
        this.trainerTrain = trainerBag.train();
        this.trainerTest = trainerBag.test();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return name + ": " + data.description() + ", " + data.train().size() + " training and " + data.test().size()
                + " test texts";
    }

    @Override
    public List<String> labelNames() {
        return data.labelNames();
    }

    @Override
    public INDArray trainLabels() {
        return trainLabels;
    }

    @Override
    public int[] testLabels() {
        return testLabels.clone();
    }

    @Override
    public MultiLayerNetwork newTrainer(long seed) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).weightInit(WeightInit.RELU).activation(Activation.RELU).list();
        for (Layer layer : new BagOfWordsTrainer().layers()) {
            b.layer(layer);
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(data.labelNames().size())
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build());
        b.setInputType(InputType.feedForward(trainerBuckets));
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    @Override
    public INDArray trainerTrainFeatures() {
        return trainerTrain;
    }

    @Override
    public INDArray trainerTestFeatures() {
        return trainerTest;
    }

    @Override
    public String trainerName() {
        return "mlp bag" + trainerBuckets + "-" + BagOfWordsTrainer.WIDTH + "-" + BagOfWordsTrainer.WIDTH + "-" + data.labelNames().size();
    }

    @Override
    public Baseline baseline(long bytes, int pointHidden) {
        MlpShape shape = ByteBudget.fixedHidden(pointHidden, data.labelNames().size(), bytes);
        return new Baseline(shape, bag(shape.nIn()));
    }

    @Override
    public StudentInput projection(ProjectionSpec spec) {
        TextProjection projection = new TextProjection(featurizer, spec);
        return StudentInput.projection(bits(data.train(), projection), bits(data.test(), projection),
                new BitVectorInputLayer.Builder().spec(spec).name(StudentNetwork.PROJECTION).build(),
                InputSpec.features(featurizer.toSection()), "sgnn text bits");
    }

    @Override
    public TimedEvaluation runtime(Path modelFile) throws IOException {
        TextRuntimeModel model = TextRuntimeModel.load(modelFile);
        float[] p = new float[model.labelNames().size()];
        List<LabeledText> test = data.test();
        return TimedEvaluation.run(i -> model.scores(test.get(i).text(), p), testLabels);
    }

    /** Hashes each text into a dense bag of {@code inputWidth} buckets (cleared after use), then runs the MLP. */
    @Override
    public TimedEvaluation java(JavaBaseline baseline, int inputWidth) {
        HashedBagOfWords bag = new HashedBagOfWords(new TextFeaturizer(featurizer), inputWidth);
        float[] x = new float[inputWidth];
        List<LabeledText> test = data.test();
        return TimedEvaluation.run(i -> {
            HashedBagOfWords.SparseRow row = bag.encode(test.get(i).text());
            row.addTo(x);
            int predicted = baseline.classify(x);
            for (int j = 0; j < row.size(); j++) {
                x[row.index(j)] = 0f;
            }
            return predicted;
        }, testLabels);
    }

    @Override
    public long projectionAdds(ProjectionSpec spec) {
        return Math.round(meanTestFeatures() * spec.numBits() / (1 << spec.sparsityLog2()));
    }

    /**
     * The count sketch of the settings' featurizer: {@link SketchProjection}, the runtime's own code, so that the
     * network trains on the values its exported SKETCH file computes from the raw text.
     */
    @Override
    public StudentInput sketch(int buckets, long seed) {
        SketchProjection sketch = new SketchProjection(featurizer, buckets, seed);
        return StudentInput.projection(sketch(data.train(), sketch), sketch(data.test(), sketch),
                new SketchInputLayer.Builder().sketch(sketch).build(), InputSpec.features(featurizer.toSection()),
                "count sketch (" + buckets + " buckets)");
    }

    @Override
    public long sketchOps(int buckets) {
        return Math.round(meanTestFeatures() + 2.0 * buckets);
    }

    private double meanTestFeatures() {
        if (Double.isNaN(meanTestFeatures)) {
            meanTestFeatures = meanFeatures(data.test());
        }
        return meanTestFeatures;
    }

    /** The mean number of hashed features per text: the same at every point of a sweep, so computed once. */
    private double meanFeatures(List<LabeledText> texts) {
        TextFeaturizer textFeaturizer = new TextFeaturizer(featurizer);
        FeaturizerScratch scratch = textFeaturizer.newScratch();
        long features = 0;
        for (LabeledText t : texts) {
            features += textFeaturizer.featurize(t.text(), scratch);
        }
        return texts.isEmpty() ? 0 : (double) features / texts.size();
    }

    @Override
    public CnnShape cnn(long bytes) {
        return null;
    }

    /** Hashed bags of {@code buckets} buckets for both splits (cached: the MLPs of a sweep share widths). */
    private StudentInput bag(int buckets) {
        StudentInput cached = bags.get(buckets);
        if (cached == null) {
            HashedBagOfWords bag = new HashedBagOfWords(new TextFeaturizer(featurizer), buckets);
            cached = StudentInput.plain(bag(data.train(), bag), bag(data.test(), bag), "hashed bag of words ("
                    + buckets + " buckets)");
            bags.clear();
            bags.put(buckets, cached);
        }
        return cached;
    }

    private static INDArray bag(List<LabeledText> texts, HashedBagOfWords bag) {
        float[][] x = new float[texts.size()][bag.buckets()];
        for (int i = 0; i < x.length; i++) {
            HashedBagOfWords.SparseRow row = bag.encode(texts.get(i).text());
            for (int j = 0; j < row.size(); j++) {
                x[i][row.index(j)] = row.value(j);
            }
        }
        return Nd4j.create(x);
    }

    private static INDArray sketch(List<LabeledText> texts, SketchProjection sketch) {
        SketchProjection.Scratch scratch = sketch.newScratch();
        float[][] x = new float[texts.size()][sketch.buckets()];
        for (int i = 0; i < x.length; i++) {
            sketch.project(texts.get(i).text(), scratch, x[i], 0);
        }
        return Nd4j.create(x);
    }

    private static INDArray bits(List<LabeledText> texts, TextProjection projection) {
        TextProjectionScratch scratch = projection.newScratch();
        long[] words = new long[projection.numWords()];
        float[][] x = new float[texts.size()][projection.numBits()];
        for (int i = 0; i < x.length; i++) {
            projection.project(texts.get(i).text(), scratch, words);
            PackedBits.unpack(words, projection.numBits(), BitEncoding.ZERO_ONE, x[i], 0);
        }
        return Nd4j.create(x);
    }
}
