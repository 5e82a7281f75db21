package io.github.dl4jprojection.spark.workflow;

import io.github.dl4jprojection.pipeline.TextJointTraining;
import io.github.dl4jprojection.pipeline.TextTrainingRequest;
import io.github.dl4jprojection.layers.export.ExportComparison;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.layers.joint.JointEvaluation;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.ProvenanceKeys;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import io.github.dl4jprojection.runtime.text.FeaturizerConfig;
import io.github.dl4jprojection.runtime.text.TextPredictor;
import io.github.dl4jprojection.spark.SparkJointTrainer;
import io.github.dl4jprojection.spark.data.SourceLine;
import io.github.dl4jprojection.spark.data.TextBatches;
import io.github.dl4jprojection.spark.data.TextEncoding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.datasets.iterator.IteratorMultiDataSetIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The text task on Spark: TSV training texts read and featurized on the workers (the runtime's text projection
 * and the trainer's hashed bag of words, {@link TextEncoding}), the examples module's text joint model
 * ({@link TextJointTraining#model}) trained with the settings' training master, then evaluated on the test texts
 * (collected on the driver: a test set fits in memory), exported with the featurizer, and the export run with
 * {@link TextPredictor} on the raw test texts and compared with DL4J.
 */
public final class SparkTextTraining {

    private static final int EVAL_BATCH = 256;

    private SparkTextTraining() {
    }

    /**
     * @param trainPath Hadoop path (file, folder or glob) of the training TSV
     * @param testPath  Hadoop path of the test TSV
     * @throws IOException a {@code DataNotFoundException} or {@code DataFileException} naming the file and line
     */
    public static SparkTrainingResult run(JavaSparkContext sc, String trainPath, String testPath,
                                          SparkTrainingSettings settings) throws IOException {
        int partitions = settings.partitions() > 0 ? settings.partitions() : sc.defaultParallelism();
        JavaRDD<SourceLine> trainLines = TextBatches.lines(sc, trainPath, partitions);
        JavaRDD<SourceLine> testLines = TextBatches.lines(sc, testPath, 1);
        SortedMap<String, Long> counts = TextBatches.labelCounts(trainLines);
        List<String> labels = new ArrayList<>(counts.keySet());
        long examples = counts.values().stream().mapToLong(Long::longValue).sum();

        ProjectionSpec spec = ProjectionSpec.builder().numFunctions(settings.bits().numFunctions())
                .bitsPerFunction(settings.bits().bitsPerFunction()).density(settings.density().value())
                .seed(settings.seed()).build();
        FeaturizerConfig featurizer = FeaturizerConfig.defaults();
        int buckets = TextTrainingRequest.DEFAULT_TRAINER_BUCKETS;
        TextEncoding encoding = new TextEncoding(featurizer, spec, buckets, labels);
        JointProjectionModel joint = TextJointTraining.model(spec, buckets, labels, settings.hiddenLayers(),
                settings.lossWeights(), settings.seed());

        SparkJointTrainer trainer = new SparkJointTrainer(sc, joint, settings.trainingMaster());
        long start = System.nanoTime();
        JavaRDD<SourceLine> shuffled = TextBatches.shuffled(trainLines, settings.seed(), partitions);
        trainer.fit(TextBatches.batches(shuffled, encoding, settings.batchSize()), settings.epochs());
        double seconds = (System.nanoTime() - start) / 1e9;

        List<String[]> test = TextBatches.collectTexts(testLines);
        for (String[] row : test) {
            if (encoding.labelIndex(row[0]) < 0) {
                throw new IOException(testPath + ": test label \"" + row[0] + "\" is not one of the training classes "
                        + labels);
            }
        }
        List<MultiDataSet> testBatches = TextBatches.batches(testLines, encoding, EVAL_BATCH).collect();
        JointEvaluation evaluation = joint.evaluate(new IteratorMultiDataSetIterator(testBatches.iterator(), EVAL_BATCH));

        ProjectionModel model = ProjectionNetExporter.from(joint.graph())
                .projection(joint.projectionInputLayerName())
                .denseLayers(joint.projectionDenseLayerNames().toArray(new String[0]))
                .labels(labels)
                .input(InputSpec.features(featurizer.toSection()))
                .provenance(ProvenanceKeys.TRAINING_DATA, "text (Spark): " + trainPath + ", " + examples
                        + " training texts")
                .export();
        ExportComparison comparison = compare(joint, model, testBatches, test, encoding);
        ModelWriter.write(comparison.recordIn(model, "text (Spark): " + testPath + ", " + test.size() + " test texts"),
                settings.modelFile());
        return new SparkTrainingResult(examples, settings.epochs(), seconds, evaluation.trainer().accuracy(),
                evaluation.projection().accuracy(), model.numParameters(), comparison);
    }

    /** DL4J's projection probabilities against the exported model run on the raw texts. */
    private static ExportComparison compare(JointProjectionModel joint, ProjectionModel model,
                                            List<MultiDataSet> testBatches, List<String[]> test, TextEncoding encoding) {
        int output = joint.graph().getConfiguration().getNetworkOutputs().indexOf(joint.projectionOutputName());
        float[][] source = new float[test.size()][];
        int row = 0;
        for (MultiDataSet batch : testBatches) {
            INDArray[] out = joint.graph().output(false, batch.getFeatures());
            for (float[] p : out[output].castTo(DataType.FLOAT).toFloatMatrix()) {
                source[row++] = p;
            }
        }
        TextPredictor predictor = TextPredictor.of(model);
        float[][] exported = new float[test.size()][model.numLabels()];
        int[] truth = new int[test.size()];
        for (int i = 0; i < exported.length; i++) {
            predictor.scores(test.get(i)[1], exported[i]);
            truth[i] = encoding.labelIndex(test.get(i)[0]);
        }
        return ExportComparison.of(source, exported, truth);
    }
}
