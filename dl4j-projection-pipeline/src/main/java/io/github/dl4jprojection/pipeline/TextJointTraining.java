package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.data.text.TrainTestTexts;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The text example's {@link TextTrainingWorkflow} (SGNN-style: Ravi and Kozareva, EMNLP 2018).
 *
 * <ul>
 *   <li>Trainer ({@link TextTrainerNetworks}), by {@link TextTrainingRequest#trainer()}: an LSTM over token ids
 *       ({@link TokenSequenceInput}: the featurizer's tokens, a vocabulary of the training texts, the first
 *       {@code maxTokens} tokens, masked padding), or an MLP over a vocabulary-free hashed bag of word unigrams
 *       and bigrams ({@link HashedBagOfWords}).</li>
 *   <li>Projection network: a {@link BitVectorInputLayer} fed the runtime's own {@link TextProjection} bits
 *       (the featurizer of {@link TextTrainingRequest#featurizer()}, T x d bits), optional hidden layers,
 *       softmax.</li>
 * </ul>
 * Both are trained jointly ({@link JointProjectionModel}, the paper's loss) on minibatches
 * {@code [trainer input, bits [mb, T*d]]} shuffled by the seed, evaluated on the test texts, and the projection
 * network is exported with {@code InputSpec.features(featurizer section)}. The exported file is then run with
 * {@link TextPredictor} on the raw test texts and compared with the DL4J branch ({@link ExportComparison});
 * since the bits came from the same reference code, a float export agrees on every text.
 *
 * <p>Checkpoints, as for images: after every epoch the joint model is saved to {@code checkpoint.zip} in the
 * checkpoint folder; a resumed run rebuilds the same inputs (the vocabulary is a function of the training texts
 * and the settings), checks them against the checkpoint and trains the remaining epochs in the same order.
 */
public final class TextJointTraining implements TextTrainingWorkflow {

    /** Most token ids of the LSTM trainer's vocabulary, padding and unknown included. */
    static final int MAX_VOCABULARY = 20_000;
    /** Training occurrences a token needs to get its own id (rarer ones are unknown). */
    static final int MIN_COUNT = 2;
    private static final int EVAL_BATCH = 128;

    @Override
    public TrainingOutcome train(TextTrainingRequest request, TrainingListener progress) throws IOException {
        TextFeaturizer tokenizer = new TextFeaturizer(request.featurizer());
        if (request.trainer() == TrainerKind.LSTM) {
            TokenSequenceInput input = TokenSequenceInput.fromTraining(tokenizer, request.data().train(),
                    request.maxTokens(), MAX_VOCABULARY, MIN_COUNT);
            return train(request, input, b -> TextTrainerNetworks.lstm(b, request.pooling()),
                    TextTrainerNetworks.EMBEDDING_LAYER, input.vocabulary().size(), progress);
        }
        return train(request, new HashedBagOfWords(tokenizer, request.trainerBuckets()), TextTrainerNetworks::mlp,
                TextTrainerNetworks.MLP_FIRST_LAYER, request.trainerBuckets(), progress);
    }

    private static <R> TrainingOutcome train(TextTrainingRequest request, TrainerInput<R> input,
                                             Consumer<JointProjectionModel.Builder> trainer, String firstLayer,
                                             int trainerInputSize, TrainingListener progress) throws IOException {
        TrainTestTexts data = request.data();
        ProjectionSpec spec = ProjectionSpec.builder().numFunctions(request.bits().numFunctions())
                .bitsPerFunction(request.bits().bitsPerFunction()).density(request.density().value())
                .seed(request.seed()).build();
        TextProjection projection = new TextProjection(request.featurizer(), spec);
        EncodedTexts<R> train = new EncodedTexts<>(data.train(), data, input, projection);
        EncodedTexts<R> test = new EncodedTexts<>(data.test(), data, input, projection);

        JointProjectionModel joint;
        int done = 0;
        if (request.resume()) {
            joint = resumeFrom(request, spec, firstLayer, trainerInputSize);
            done = joint.graph().getConfiguration().getEpochCount();
        } else {
            joint = build(request, spec, input, trainer);
        }
        joint.graph().setListeners(progress);
        TextBatchIterator batches = new TextBatchIterator(train, request.batchSize(), request.seed());
        for (int epoch = done; epoch < request.epochs(); epoch++) {
            batches.setEpoch(epoch);
            // Dropout masks come from ND4J's global generator: seeded per epoch, a run (or a resumed one) repeats.
            Nd4j.getRandom().setSeed(ImageJointTraining.epochSeed(request.seed(), epoch));
            joint.fit(batches, 1);
            if (request.checkpointDir() != null) {
                ImageJointTraining.saveCheckpoint(joint, request.checkpointDir());
            }
        }

        JointEvaluation evaluation = joint.evaluate(new TextBatchIterator(test, EVAL_BATCH, null));
        float[][] source = projectionProbabilities(joint, test);
        ProjectionModel model = export(request, joint, source, test);
        ModelWriter.write(model, request.modelFile());

        return ImageJointTraining.outcome(joint, evaluation, model, argmax(source));
    }

    private static JointProjectionModel build(TextTrainingRequest request, ProjectionSpec spec, TrainerInput<?> input,
                                              Consumer<JointProjectionModel.Builder> trainer) {
        return model(spec, input.inputType(), trainer, request.data().labelNames(), request.hiddenLayers(),
                request.lossWeights(), request.seed());
    }

    /**
     * The joint model this workflow trains with the bag-of-words MLP trainer over {@code buckets} inputs and a
     * projection network on {@code spec}'s bits. Public so that other engines (the Spark module) train the same graph.
     */
    public static JointProjectionModel model(ProjectionSpec spec, int buckets, List<String> labels,
                                             List<Integer> hiddenLayers, LossWeights lossWeights, long seed) {
        return model(spec, InputType.feedForward(buckets), TextTrainerNetworks::mlp, labels, hiddenLayers,
                lossWeights, seed);
    }

    private static JointProjectionModel model(ProjectionSpec spec, InputType trainerInput,
                                              Consumer<JointProjectionModel.Builder> trainer, List<String> labels,
                                              List<Integer> hiddenLayers, LossWeights lossWeights, long seed) {
        JointProjectionModel.Builder builder = new JointProjectionModel.Builder().trainerInputType(trainerInput);
        trainer.accept(builder);
        return builder.nClasses(labels.size())
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

    /**
     * The checkpoint to continue, checked against the request: same projection, hidden layers and trainer
     * (its first layer and input size, so a changed vocabulary or trainer is caught), not past the epochs asked.
     */
    private static JointProjectionModel resumeFrom(TextTrainingRequest request, ProjectionSpec asked,
                                                   String firstLayer, int trainerInputSize) throws IOException {
        Path file = request.checkpointDir().resolve(ImageJointTraining.CHECKPOINT);
        if (!Files.isRegularFile(file)) {
            throw new IOException("--resume: no checkpoint " + file + " to continue from");
        }
        JointProjectionModel joint = JointProjectionModel.load(file.toFile());
        ProjectionSpec saved = joint.projectionInputLayer().projectionSpec();
        int hidden = joint.projectionDenseLayerNames().size() - 1;
        if (!saved.equals(asked) || hidden != request.hiddenLayers().size()) {
            throw new IOException("--resume: the checkpoint in " + request.checkpointDir() + " was trained with "
                    + saved + " and " + hidden + " hidden layers, but this run asks for " + asked + " and "
                    + request.hiddenLayers().size() + "; resume with the original settings or start afresh");
        }
        long savedInput = trainerInputSize(joint.graph(), firstLayer);
        if (savedInput != trainerInputSize) {
            throw new IOException("--resume: the checkpoint in " + request.checkpointDir() + " has another trainer "
                    + "than this run's " + request.trainer() + " with input size " + trainerInputSize
                    + (savedInput < 0 ? "" : " (its " + firstLayer + " layer reads " + savedInput + ")")
                    + "; resume with the original trainer, data and settings or start afresh");
        }
        int done = joint.graph().getConfiguration().getEpochCount();
        if (done > request.epochs()) {
            throw new IOException("--resume: the checkpoint has " + done + " finished epochs, more than --epochs "
                    + request.epochs());
        }
        return joint;
    }

    /** nIn of the trainer layer {@code name}, or -1 when the graph has no such feed-forward layer. */
    private static long trainerInputSize(ComputationGraph graph, String name) {
        if (graph.getVertex(name) == null || !graph.getVertex(name).hasLayer()) {
            return -1;
        }
        Object layer = graph.getLayer(name).conf().getLayer();
        return layer instanceof FeedForwardLayer ? ((FeedForwardLayer) layer).getNIn() : -1;
    }

    private static ProjectionModel export(TextTrainingRequest request, JointProjectionModel joint, float[][] source,
                                          EncodedTexts<?> test) {
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
    private static float[][] projectionProbabilities(JointProjectionModel joint, EncodedTexts<?> texts) {
        int output = joint.graph().getConfiguration().getNetworkOutputs().indexOf(joint.projectionOutputName());
        float[][] p = new float[texts.size()][];
        TextBatchIterator batches = new TextBatchIterator(texts, EVAL_BATCH, null);
        int row = 0;
        while (batches.hasNext()) {
            MultiDataSet batch = batches.next();
            INDArray[] out = joint.graph().output(false, batch.getFeatures(), batch.getFeaturesMaskArrays());
            float[][] probabilities = out[output].castTo(DataType.FLOAT).toFloatMatrix();
            System.arraycopy(probabilities, 0, p, row, probabilities.length);
            row += probabilities.length;
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
