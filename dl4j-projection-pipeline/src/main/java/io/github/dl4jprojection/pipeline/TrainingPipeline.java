package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.layers.export.ExportComparison;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import io.github.dl4jprojection.layers.qat.QuantizationAwareTraining;
import io.github.dl4jprojection.runtime.model.Int8Calibrator;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.ProvenanceKeys;
import io.github.dl4jprojection.runtime.model.WeightType;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one joint-training loop, for every task and backend (Tribuo's TrainTestHelper is the model):
 * <ol>
 *   <li>build the task's joint model, or load the checkpoint to resume (same configuration required);</li>
 *   <li>for each remaining epoch: seed ND4J's generator from the seed and the epoch (dropout masks), fit the
 *       epoch's minibatches with the {@link EpochFitter} (a listener averaging the graph's score per minibatch),
 *       evaluate both branches on the test split in one forward pass per minibatch, keeping the projection's
 *       probabilities, record an {@link EpochRecord} and save the checkpoint (with the records so far);</li>
 *   <li>export the projection network with the configuration in its provenance, run the exported model with the
 *       runtime on the raw test examples, record the agreement in the file, write it;</li>
 *   <li>report a {@link TrainingOutcome}, which the result table, the JSON report and the study all read.</li>
 * </ol>
 * A resumed run sees the same minibatches and dropout masks as an uninterrupted one, so it ends with the same
 * weights and the same model file bytes, and reports the checkpoint's epoch records before its own. The last
 * epoch's test pass is the one the export is checked against; training seconds leave the per-epoch test passes
 * out, the evaluation seconds count them.
 */
public final class TrainingPipeline {

    private final EpochFitter fitter;

    /** A pipeline fitting epochs with {@code fitter} ({@link EpochFitter#LOCAL} on this machine). */
    public TrainingPipeline(EpochFitter fitter) {
        if (fitter == null) {
            throw new IllegalArgumentException("fitter must not be null");
        }
        this.fitter = fitter;
    }

    /**
     * Trains, evaluates and exports {@code job}.
     *
     * @param progress a listener attached to the joint graph while it trains
     * @throws IOException when a checkpoint cannot be read or written, or the model file cannot be written
     */
    public TrainingOutcome run(TrainingJob job, TrainingListener progress) throws IOException {
        Instant createdAt = ExportTime.fromEnvironment();
        TrainingConfig config = job.config();
        OutputFiles files = job.files();
        TrainingTask task = job.newTask();
        JointProjectionModel joint = files.resume() ? Checkpoints.resume(files.checkpointDir(), config, task)
                : task.newModel();
        int done = joint.graph().getConfiguration().getEpochCount();
        double earlierSeconds = files.resume() ? Checkpoints.trainingSeconds(files.checkpointDir()) : 0;
        // A resumed run reports the checkpoint's epochs too; an older checkpoint without records gives none.
        List<EpochRecord> epochs = files.resume() ? Checkpoints.epochRecords(files.checkpointDir(), done)
                : new ArrayList<>();
        EpochLossListener loss = new EpochLossListener();
        joint.graph().setListeners(progress, loss);
        long t0 = System.nanoTime();
        long testNanos = 0;
        TestPass test = null;
        for (int epoch = done; epoch < config.epochs(); epoch++) {
            // Dropout masks come from ND4J's global generator, whose state no checkpoint holds: seeding it per epoch
            // lets a resumed run (a new process) draw the same masks as an uninterrupted one.
            Nd4j.getRandom().setSeed(epochSeed(config.seed(), epoch));
            long fitStart = System.nanoTime();
            fitter.fitEpoch(joint, task.trainingBatches(epoch));
            long testStart = System.nanoTime();
            // Inference only (no dropout, no generator draws), so it leaves the training and the weights as they are.
            test = TestPass.run(joint, task.testBatches(), task.labelNames());
            testNanos += System.nanoTime() - testStart;
            epochs.add(new EpochRecord(epoch + 1, loss.takeMean(), test.trainer.accuracy(), test.projection.accuracy(),
                    (testStart - fitStart) / 1e9));
            if (files.checkpointDir() != null) {
                Checkpoints.save(joint, config, earlierSeconds + (System.nanoTime() - t0 - testNanos) / 1e9, epochs,
                        files.checkpointDir());
            }
        }
        double trainingSeconds = (System.nanoTime() - t0 - testNanos) / 1e9;
        joint.graph().setListeners();

        long t1 = System.nanoTime();
        if (test == null) {
            // Nothing left to train (a resumed run that had every epoch): the last epoch's evaluation is not at hand.
            test = TestPass.run(joint, task.testBatches(), task.labelNames());
        }
        ProjectionModel model = export(joint, config, task, createdAt);
        if (config.quantization() == ExportQuantization.INT8_FIXED) {
            model = integerOnly(joint, config, task, model);
        }
        ExportComparison comparison = ExportComparison.of(test.projectionProbabilities, task.runtimeScores(model),
                task.testLabels());
        model = comparison.recordIn(model, task.testDescription());
        ModelWriter.write(model, files.modelFile());
        double evaluationSeconds = testNanos / 1e9 + (System.nanoTime() - t1) / 1e9;

        long trainerParams = trainerParameters(joint);
        return TrainingOutcome.builder()
                .trainerParams(trainerParams)
                .trainerBytes(4 * trainerParams)
                .trainerAccuracy(test.trainer.accuracy())
                .projectionParams(model.numParameters())
                .projectionAccuracy(test.projection.accuracy())
                .projectionTestPredictions(argmax(test.projectionProbabilities))
                .trainingSeconds(trainingSeconds)
                .totalTrainingSeconds(earlierSeconds + trainingSeconds)
                .evaluationSeconds(evaluationSeconds)
                .epochs(epochs)
                .build();
    }

    /** The seed of ND4J's generator for one epoch: a function of the run's seed and the epoch only. */
    public static long epochSeed(long seed, int epoch) {
        return seed * 1_000_003L + epoch;
    }

    private static ProjectionModel export(JointProjectionModel joint, TrainingConfig config, TrainingTask task,
                                          Instant createdAt) {
        ProjectionNetExporter.Builder exporter = ProjectionNetExporter.from(joint)
                .labels(task.labelNames())
                .weights(config.quantization() == ExportQuantization.INT8 ? WeightType.INT8 : WeightType.FLOAT32)
                .input(task.inputSpec())
                .provenance(ProvenanceKeys.TRAINING_DATA, task.trainingDescription())
                .createdAt(createdAt);
        for (Map.Entry<String, String> e : config.asProperties().entrySet()) {
            exporter.provenance(TrainingConfig.PROVENANCE_PREFIX + e.getKey(), e.getValue());
        }
        return exporter.export();
    }

    /**
     * The integer-only form of the float export: its hidden layers' int8 ranges are those quantization-aware training
     * tracked (the network DL4J evaluated), else calibrated on the first training examples.
     */
    private static ProjectionModel integerOnly(JointProjectionModel joint, TrainingConfig config, TrainingTask task,
                                               ProjectionModel model) {
        Int8Calibrator calibrator = Int8Calibrator.of(model);
        List<String> dense = joint.projectionDenseLayerNames();
        if (config.quantizationAware()) {
            calibrator.useRanges(QuantizationAwareTraining.hiddenRanges(joint.graph(), dense.subList(0,
                    dense.size() - 1)), "quantization-aware training: moving average (decay "
                    + QuantizationAwareTraining.DEFAULT_DECAY + ") of the training minibatches' max |z| per hidden"
                    + " layer");
        } else {
            task.calibrate(calibrator, ExportQuantization.CALIBRATION_EXAMPLES);
        }
        return calibrator.calibrate();
    }

    /** Parameters of every layer that is not part of the projection network. */
    private static long trainerParameters(JointProjectionModel joint) {
        Set<String> projection = new HashSet<>(joint.projectionDenseLayerNames());
        projection.addAll(joint.projectionSequenceLayerNames());
        projection.addAll(joint.projectionPatchLayerNames());
        projection.add(joint.projectionInputLayerName());
        long count = 0;
        for (Layer layer : joint.graph().getLayers()) {
            if (!projection.contains(layer.conf().getLayer().getLayerName())) {
                count += layer.numParams();
            }
        }
        return count;
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

    /** Both branches' evaluations and the projection's probabilities, from one forward pass per test minibatch. */
    private static final class TestPass {
        final Evaluation trainer;
        final Evaluation projection;
        final float[][] projectionProbabilities;

        private TestPass(Evaluation trainer, Evaluation projection, float[][] projectionProbabilities) {
            this.trainer = trainer;
            this.projection = projection;
            this.projectionProbabilities = projectionProbabilities;
        }

        static TestPass run(JointProjectionModel joint, MultiDataSetIterator batches, List<String> labels) {
            List<String> outputs = joint.graph().getConfiguration().getNetworkOutputs();
            int t = outputs.indexOf(joint.trainerOutputName());
            int p = outputs.indexOf(joint.projectionOutputName());
            Evaluation trainer = new Evaluation(labels);
            Evaluation projection = new Evaluation(labels);
            List<float[]> rows = new ArrayList<>();
            while (batches.hasNext()) {
                MultiDataSet batch = batches.next();
                INDArray[] out = joint.output(batch.getFeatures(), batch.getFeaturesMaskArrays());
                INDArray y = batch.getLabels(0);
                trainer.eval(y, out[t]);
                projection.eval(y, out[p]);
                for (float[] row : out[p].castTo(DataType.FLOAT).toFloatMatrix()) {
                    rows.add(row);
                }
            }
            return new TestPass(trainer, projection, rows.toArray(new float[0][]));
        }
    }
}
