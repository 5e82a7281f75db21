package io.github.dl4jprojection.examples.workflow;

import io.github.dl4jprojection.examples.text.LabeledText;
import io.github.dl4jprojection.examples.text.TrainTestTexts;
import io.github.dl4jprojection.layers.BitVectorInputLayer;
import io.github.dl4jprojection.layers.export.ExportComparison;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.layers.joint.JointEvaluation;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.ProvenanceKeys;
import io.github.dl4jprojection.runtime.model.WeightType;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.TextFeaturizer;
import io.github.dl4jprojection.runtime.text.TextPredictor;
import io.github.dl4jprojection.runtime.text.TextProjection;
import java.io.IOException;
import java.util.List;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The text example's {@link TextTrainingWorkflow} (SGNN-style: Ravi and Kozareva, EMNLP 2018).
 *
 * <ul>
 *   <li>Trainer: an MLP (dense 256 ReLU - dense 256 ReLU, dropout - logits) over a vocabulary-free hashed bag of
 *       word unigrams and bigrams ({@link HashedBagOfWords}, {@code B} buckets, log1p counts).</li>
 *   <li>Projection network: a {@link BitVectorInputLayer} fed the runtime's own {@link TextProjection} bits
 *       (the featurizer of {@link TextTrainingRequest#featurizer()}, T x d bits), optional hidden layers,
 *       softmax.</li>
 * </ul>
 * Both are trained jointly ({@link JointProjectionModel}, the paper's loss) on minibatches
 * {@code [bag [mb, B], bits [mb, T*d]]} shuffled by the seed, evaluated on the test texts, and the projection
 * network is exported with {@code InputSpec.features(featurizer section)}. The exported file is then run with
 * {@link TextPredictor} on the raw test texts and compared with the DL4J branch ({@link ExportComparison});
 * since the bits came from the same reference code, a float export agrees on every text.
 */
public final class TextJointTraining implements TextTrainingWorkflow {

    static final int TRAINER_WIDTH = 256;
    private static final int EVAL_BATCH = 256;

    @Override
    public TrainingOutcome train(TextTrainingRequest request, TrainingListener progress) throws IOException {
        TrainTestTexts data = request.data();
        ProjectionSpec spec = ProjectionSpec.builder().numFunctions(request.bits().numFunctions())
                .bitsPerFunction(request.bits().bitsPerFunction()).density(request.density().value())
                .seed(request.seed()).build();
        TextProjection projection = new TextProjection(request.featurizer(), spec);
        HashedBagOfWords bag = new HashedBagOfWords(new TextFeaturizer(request.featurizer()), request.trainerBuckets());
        EncodedTexts train = new EncodedTexts(data.train(), data, bag, projection);
        EncodedTexts test = new EncodedTexts(data.test(), data, bag, projection);

        JointProjectionModel joint = build(request, spec);
        joint.graph().setListeners(progress);
        TextBatchIterator batches = new TextBatchIterator(train, request.batchSize(), request.seed());
        for (int epoch = 0; epoch < request.epochs(); epoch++) {
            batches.setEpoch(epoch);
            // Dropout masks come from ND4J's global generator: seeded per epoch, a run is repeatable.
            Nd4j.getRandom().setSeed(ImageJointTraining.epochSeed(request.seed(), epoch));
            joint.fit(batches, 1);
        }

        JointEvaluation evaluation = joint.evaluate(new TextBatchIterator(test, EVAL_BATCH, null));
        float[][] source = projectionProbabilities(joint, test);
        ProjectionModel model = export(request, joint, source, test);
        ModelWriter.write(model, request.modelFile());

        long trainerParams = ImageJointTraining.trainerParameters(joint);
        return TrainingOutcome.builder()
                .trainerParams(trainerParams)
                .trainerBytes(4 * trainerParams)
                .trainerAccuracy(evaluation.trainer().accuracy())
                .projectionParams(model.numParameters())
                .projectionAccuracy(evaluation.projection().accuracy())
                .projectionTestPredictions(argmax(source))
                .build();
    }

    private static JointProjectionModel build(TextTrainingRequest request, ProjectionSpec spec) {
        return model(spec, request.trainerBuckets(), request.data().labelNames(), request.hiddenLayers(),
                request.lossWeights(), request.seed());
    }

    /**
     * The joint model this workflow trains: the bag-of-words MLP trainer over {@code buckets} inputs and a projection
     * network on {@code spec}'s bits. Public so that other trainers (the Spark module) train the same graph.
     */
    public static JointProjectionModel model(ProjectionSpec spec, int buckets, List<String> labels,
                                             List<Integer> hiddenLayers, LossWeights lossWeights, long seed) {
        return new JointProjectionModel.Builder()
                .trainerInputType(InputType.feedForward(buckets))
                .trainerLayer("dense1", new DenseLayer.Builder().nOut(TRAINER_WIDTH).activation(Activation.RELU)
                        .weightInit(WeightInit.RELU).build(), JointProjectionModel.TRAINER_INPUT)
                .trainerLayer("dense2", new DenseLayer.Builder().nOut(TRAINER_WIDTH).activation(Activation.RELU)
                        .weightInit(WeightInit.RELU).dropOut(0.8).build())
                .nClasses(labels.size())
                .labelNames(labels)
                .bitVectorInput(new BitVectorInputLayer.Builder().spec(spec).build())
                .hiddenLayers(hiddenLayers.stream().mapToInt(Integer::intValue).toArray())
                .lambdaTrainer(lossWeights.trainer())
                .lambdaDistill(lossWeights.distillation())
                .lambdaLabels(lossWeights.projection())
                .updater(new Adam(1e-3))
                .seed(seed)
                .build();
    }

    private static ProjectionModel export(TextTrainingRequest request, JointProjectionModel joint, float[][] source,
                                          EncodedTexts test) {
        TrainTestTexts data = request.data();
        ProjectionModel model = ProjectionNetExporter.from(joint.graph())
                .projection(joint.projectionInputLayerName())
                .denseLayers(joint.projectionDenseLayerNames().toArray(new String[0]))
                .labels(data.labelNames())
                .weights(request.quantization() == ExportQuantization.INT8 ? WeightType.INT8 : WeightType.FLOAT32)
                .input(InputSpec.features(request.featurizer().toSection()))
                .provenance(ProvenanceKeys.TRAINING_DATA, request.task() + ": " + data.description() + ", "
                        + data.train().size() + " training texts")
                .createdAt(ImageJointTraining.creationTime())
                .export();
        TextPredictor predictor = TextPredictor.of(model);
        List<LabeledText> texts = data.test();
        float[][] exported = new float[texts.size()][model.numLabels()];
        for (int i = 0; i < exported.length; i++) {
            predictor.scores(texts.get(i).text(), exported[i]);
        }
        ExportComparison comparison = ExportComparison.of(source, exported, test.labels());
        return comparison.recordIn(model, request.task() + ": " + data.description() + ", " + texts.size()
                + " test texts");
    }

    /** The DL4J projection branch's probabilities {@code [n][K]} for the encoded texts, in order. */
    private static float[][] projectionProbabilities(JointProjectionModel joint, EncodedTexts texts) {
        int output = joint.graph().getConfiguration().getNetworkOutputs().indexOf(joint.projectionOutputName());
        float[][] p = new float[texts.size()][];
        TextBatchIterator batches = new TextBatchIterator(texts, EVAL_BATCH, null);
        int row = 0;
        while (batches.hasNext()) {
            INDArray[] out = joint.graph().output(false, batches.next().getFeatures());
            float[][] batch = out[output].castTo(DataType.FLOAT).toFloatMatrix();
            System.arraycopy(batch, 0, p, row, batch.length);
            row += batch.length;
        }
        return p;
    }

    private static int[] argmax(float[][] p) {
        int[] best = new int[p.length];
        for (int r = 0; r < p.length; r++) {
            for (int j = 1; j < p[r].length; j++) {
                if (p[r][j] > p[r][best[r]]) {
                    best[r] = j;
                }
            }
        }
        return best;
    }
}
