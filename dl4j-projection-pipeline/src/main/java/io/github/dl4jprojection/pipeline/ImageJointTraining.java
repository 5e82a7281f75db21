package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.ImageDataSetIterator;
import io.github.dl4jprojection.data.ImageDataset;
import io.github.dl4jprojection.data.PixelScaling;
import io.github.dl4jprojection.layers.ProjectionLayer;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The image example's {@link JointTrainingWorkflow}: a CNN or MLP trainer and a projection network
 * trained jointly ({@link JointProjectionModel}), evaluated on the test split, and the projection
 * network exported to a {@code .pnet} file.
 *
 * <p>Checkpoints: after every epoch the whole joint model (parameters, updater state) is saved to
 * {@code checkpoint.zip} in the checkpoint folder, whose graph configuration counts the finished epochs
 * (one file, so a checkpoint is never half written); a resumed run loads it and trains only the remaining epochs, with the
 * same data order and dropout masks as an uninterrupted run, so it ends with the same weights.
 */
public final class ImageJointTraining implements JointTrainingWorkflow {

    static final String CHECKPOINT = "checkpoint.zip";
    private static final int EVAL_BATCH = 500;

    @Override
    public TrainingOutcome train(TrainingRequest request, TrainingListener progress) throws IOException {
        ImageDataset train = request.data().train();
        ImageDataset test = request.data().test();
        JointProjectionModel joint;
        int done = 0;
        if (request.resume()) {
            joint = resumeFrom(request);
            done = joint.graph().getConfiguration().getEpochCount();
        } else {
            joint = build(request, train);
        }
        joint.graph().setListeners(progress);
        ImageDataSetIterator iterator = ImageDataSetIterator.builder(train).batchSize(request.batchSize())
                .scaling(PixelScaling.RAW).shuffle(request.seed()).build();
        for (int epoch = done; epoch < request.epochs(); epoch++) {
            iterator.setEpoch(epoch);
            // Dropout masks come from ND4J's global generator, whose state no checkpoint holds: seeding it per epoch
            // lets a resumed run (a new process) draw the same masks as an uninterrupted one.
            Nd4j.getRandom().setSeed(epochSeed(request.seed(), epoch));
            joint.fit(iterator, 1);
            if (request.checkpointDir() != null) {
                saveCheckpoint(joint, request.checkpointDir());
            }
        }

        JointEvaluation evaluation = joint.evaluate(ImageDataSetIterator.builder(test).batchSize(EVAL_BATCH)
                .scaling(PixelScaling.RAW).build());
        float[][] testPixels = pixels(test);
        int[] predictions = projectionPredictions(joint, testPixels);

        ProjectionModel model = export(request, joint, train, test, testPixels);
        ModelWriter.write(model, request.modelFile());

        return outcome(joint, evaluation, model, predictions);
    }

    private static JointProjectionModel build(TrainingRequest request, ImageDataset train) {
        return model(request.trainer(), train.height(), train.width(), train.labelNames(), request.bits(),
                request.density(), request.hiddenLayers(), request.lossWeights(), request.seed());
    }

    /**
     * The joint model this workflow trains for images of {@code height x width}: the {@code trainer} network and a
     * projection network on a {@code ProjectionLayer} over the raw pixels. Public so that other trainers (the Spark
     * module) train the same graph.
     */
    public static JointProjectionModel model(TrainerKind trainer, int height, int width, List<String> labelNames,
                                             ProjectionBits bits, ProjectionDensity density, List<Integer> hiddenLayers,
                                             LossWeights lossWeights, long seed) {
        TrainerArchitectures.requireFits(trainer, height, width);
        ProjectionLayer projection = new ProjectionLayer.Builder()
                .numFunctions(bits.numFunctions())
                .bitsPerFunction(bits.bitsPerFunction())
                .density(density.value())
                .seed(seed)
                .build();
        JointProjectionModel.Builder builder = new JointProjectionModel.Builder()
                .trainerInputType(org.deeplearning4j.nn.conf.inputs.InputType.convolutionalFlat(height, width, 1))
                .nClasses(labelNames.size())
                .labelNames(labelNames)
                .projectionLayer(projection)
                .hiddenLayers(hiddenLayers.stream().mapToInt(Integer::intValue).toArray())
                .lambdaTrainer(lossWeights.trainer())
                .lambdaDistill(lossWeights.distillation())
                .lambdaLabels(lossWeights.projection())
                .updater(new Adam(1e-3))
                .seed(seed);
        TrainerArchitectures.add(trainer, builder);
        return builder.build();
    }

    private static ProjectionModel export(TrainingRequest request, JointProjectionModel joint, ImageDataset train,
                                          ImageDataset test, float[][] testPixels) {
        ProjectionModel model = ProjectionNetExporter.from(joint.graph())
                .projection(joint.projectionInputLayerName())
                .denseLayers(joint.projectionDenseLayerNames().toArray(new String[0]))
                .labels(train.labelNames())
                .weights(request.quantization() == ExportQuantization.INT8 ? WeightType.INT8 : WeightType.FLOAT32)
                .input(InputSpec.image(train.height(), train.width(), 1))
                .provenance(ProvenanceKeys.TRAINING_DATA, request.task().cliName() + ": " + train.description())
                .createdAt(creationTime())
                .export();
        ExportComparison comparison = ExportComparison.dense(joint.graph(), joint.projectionOutputName(), model,
                testPixels, test.labels());
        return comparison.recordIn(model, request.task().cliName() + ": " + test.description());
    }

    /**
     * {@code SOURCE_DATE_EPOCH} (seconds; the reproducible-builds convention) when set, else none: by
     * default no time is recorded, so the same seed and data give the same file bytes.
     */
    static Instant creationTime() {
        String fixed = System.getenv("SOURCE_DATE_EPOCH");
        if (fixed == null || fixed.isEmpty()) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(fixed.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SOURCE_DATE_EPOCH must be whole seconds since 1970, got \"" + fixed + "\"", e);
        }
    }

    /**
     * The checkpoint to continue, checked against the request: a resumed run must train the same
     * networks it started with, and must not have gone past the epochs asked for.
     */
    private static JointProjectionModel resumeFrom(TrainingRequest request) throws IOException {
        Path file = request.checkpointDir().resolve(CHECKPOINT);
        if (!Files.isRegularFile(file)) {
            throw new IOException("--resume: no checkpoint " + file + " to continue from");
        }
        JointProjectionModel joint = JointProjectionModel.load(file.toFile());
        ProjectionSpec saved = joint.projectionInputLayer().projectionSpec();
        ProjectionSpec asked = ProjectionSpec.builder().numFunctions(request.bits().numFunctions())
                .bitsPerFunction(request.bits().bitsPerFunction()).density(request.density().value())
                .seed(request.seed()).build();
        int hidden = joint.projectionDenseLayerNames().size() - 1;
        if (!saved.equals(asked) || hidden != request.hiddenLayers().size()) {
            throw new IOException("--resume: the checkpoint in " + request.checkpointDir() + " was trained with "
                    + saved + " and " + hidden + " hidden layers, but this run asks for " + asked + " and "
                    + request.hiddenLayers().size() + "; resume with the original settings or start afresh");
        }
        int done = joint.graph().getConfiguration().getEpochCount();
        if (done > request.epochs()) {
            throw new IOException("--resume: the checkpoint has " + done + " finished epochs, more than --epochs "
                    + request.epochs());
        }
        return joint;
    }

    /** The seed of ND4J's generator for one epoch: a function of the run's seed and the epoch only. */
    static long epochSeed(long seed, int epoch) {
        return seed * 1_000_003L + epoch;
    }

    /** The DL4J projection branch's class for each test image. */
    private static int[] projectionPredictions(JointProjectionModel joint, float[][] pixels) {
        int[] predictions = new int[pixels.length];
        for (int start = 0; start < pixels.length; start += EVAL_BATCH) {
            int end = Math.min(pixels.length, start + EVAL_BATCH);
            float[][] batch = new float[end - start][];
            System.arraycopy(pixels, start, batch, 0, end - start);
            INDArray probabilities = joint.projectionOutput(Nd4j.create(batch));
            INDArray argmax = probabilities.argMax(1);
            for (int r = start; r < end; r++) {
                predictions[r] = argmax.getInt(r - start);
            }
        }
        return predictions;
    }

    private static float[][] pixels(ImageDataset data) {
        float[][] x = new float[data.size()][data.pixelsPerImage()];
        for (int i = 0; i < x.length; i++) {
            for (int p = 0; p < x[i].length; p++) {
                x[i][p] = data.pixel(i, p);
            }
        }
        return x;
    }

    /**
     * What a joint run reports: the trainer's size (float32 bytes) and accuracy, the exported projection network's
     * parameters, the DL4J branch's accuracy and its test predictions.
     */
    static TrainingOutcome outcome(JointProjectionModel joint, JointEvaluation evaluation, ProjectionModel model,
                                   int[] projectionPredictions) {
        long trainerParams = trainerParameters(joint);
        return TrainingOutcome.builder()
                .trainerParams(trainerParams)
                .trainerBytes(4 * trainerParams)
                .trainerAccuracy(evaluation.trainer().accuracy())
                .projectionParams(model.numParameters())
                .projectionAccuracy(evaluation.projection().accuracy())
                .projectionTestPredictions(projectionPredictions)
                .build();
    }

    /** Parameters of every layer that is not part of the projection network. */
    static long trainerParameters(JointProjectionModel joint) {
        Set<String> projection = new HashSet<>(joint.projectionDenseLayerNames());
        projection.add(joint.projectionInputLayerName());
        long count = 0;
        for (Layer layer : joint.graph().getLayers()) {
            if (!projection.contains(layer.conf().getLayer().getLayerName())) {
                count += layer.numParams();
            }
        }
        return count;
    }

    static void saveCheckpoint(JointProjectionModel joint, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(CHECKPOINT + ".tmp");
        joint.save(tmp.toFile());
        // Replace atomically, so an interrupted save never destroys the previous checkpoint.
        Files.move(tmp, dir.resolve(CHECKPOINT), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
