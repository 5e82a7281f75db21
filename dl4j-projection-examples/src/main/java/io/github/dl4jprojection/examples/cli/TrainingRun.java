package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.data.DataSplit;
import io.github.dl4jprojection.data.ImageDataSource;
import io.github.dl4jprojection.data.ImageDataset;
import io.github.dl4jprojection.data.TrainTestImages;
import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.data.text.TextDataSource;
import io.github.dl4jprojection.data.text.TrainTestTexts;
import io.github.dl4jprojection.pipeline.LoadedRuntimeModel;
import io.github.dl4jprojection.pipeline.ProjectionFamily;
import io.github.dl4jprojection.pipeline.RuntimeEvaluation;
import io.github.dl4jprojection.pipeline.RuntimeEvaluator;
import io.github.dl4jprojection.pipeline.TaskKind;
import io.github.dl4jprojection.pipeline.TextRuntimeModel;
import io.github.dl4jprojection.pipeline.Trainers;
import io.github.dl4jprojection.pipeline.TrainingBackend;
import io.github.dl4jprojection.pipeline.TrainingConfig;
import io.github.dl4jprojection.pipeline.TrainingJob;
import io.github.dl4jprojection.pipeline.TrainingOutcome;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The steps shared by {@code train} and {@code demo}: load the data, train and export through a
 * {@link TrainingBackend} (the {@link io.github.dl4jprojection.pipeline.TrainingPipeline} here or on Spark), then
 * load the exported file with the runtime and measure it on the test split.
 */
final class TrainingRun {

    /** Fixed, so a subset is the same whatever the training seed. */
    static final long SUBSET_SEED = 20190609L;

    private final TrainingJob job;
    private final TrainingOutcome outcome;
    private final RuntimeEvaluation runtime;
    private final long modelBytes;

    private TrainingRun(TrainingJob job, TrainingOutcome outcome, RuntimeEvaluation runtime) throws IOException {
        this.job = job;
        this.outcome = outcome;
        this.runtime = runtime;
        this.modelBytes = Files.size(job.files().modelFile());
    }

    /**
     * Loads the images, trains through {@code backend} and measures the exported file with the runtime.
     *
     * @param trainPerClass when positive, train on a stratified subset of that many images per class
     * @param jobFor builds the job once the data is loaded (the trainer may depend on the image size)
     * @throws IOException when data or model files are missing or malformed
     */
    static TrainingRun images(CliContext ctx, PrintWriter out, ImageDataSource source, int trainPerClass,
                              TrainingBackend backend, Function<TrainTestImages, TrainingJob> jobFor)
            throws IOException {
        source.checkAvailable(DataSplit.TRAIN, DataSplit.TEST);
        out.println("Data: " + source.description());
        out.flush();
        TrainTestImages data = TrainTestImages.load(source);
        if (trainPerClass > 0) {
            data = data.withTrainingSubset(trainPerClass, SUBSET_SEED);
        }
        ImageDataset train = data.train();
        out.printf(Locale.ROOT, "      %d training and %d test images of %dx%d pixels, %d classes%n", train.size(),
                data.test().size(), train.height(), train.width(), train.numClasses());
        TrainingJob job = jobFor.apply(data);
        checkPixelRange(out, job.config().pixelMax(), train);
        TrainingOutcome outcome = train(ctx, out, backend, job, train.size());
        LoadedRuntimeModel model = ctx.backends().runtime().load(job.files().modelFile());
        RuntimeEvaluation runtime = RuntimeEvaluator.evaluate(model, data.test(), outcome.projectionTestPredictions());
        return new TrainingRun(job, outcome, runtime);
    }

    /**
     * The text counterpart of {@link #images}: the runtime side runs the exported file's own featurizer on
     * the raw test texts.
     *
     * @throws IOException when data or model files are missing or malformed
     */
    static TrainingRun texts(CliContext ctx, PrintWriter out, TextDataSource source, TrainingBackend backend,
                             Function<TrainTestTexts, TrainingJob> jobFor) throws IOException {
        out.println("Data: " + source.description());
        out.flush();
        TrainTestTexts data = source.load();
        out.printf(Locale.ROOT, "      %d training and %d test texts, %d classes %s%n", data.train().size(),
                data.test().size(), data.labelNames().size(), data.labelNames());
        if (data.train().isEmpty() || data.test().isEmpty()) {
            throw new CommandFailedException(source.description() + " has " + data.train().size() + " training and "
                    + data.test().size() + " test texts; both are needed");
        }
        TrainingJob job = jobFor.apply(data);
        TrainingOutcome outcome = train(ctx, out, backend, job, data.train().size());
        TextRuntimeModel model = TextRuntimeModel.load(job.files().modelFile());
        List<LabeledText> test = data.test();
        int[] labels = new int[test.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = model.labelNames().indexOf(test.get(i).label());
        }
        RuntimeEvaluation runtime = model.evaluate(test, labels, outcome.projectionTestPredictions());
        return new TrainingRun(job, outcome, runtime);
    }

    /**
     * Refuses training images brighter than {@code pixelMax} and warns, in one line, when their largest value is
     * far below it: the trainer would see a quarter of its usual range or less (the UCI 8x8 digits, 0..16, scaled
     * by 1/255 train a weaker trainer, hence a weaker teacher).
     *
     * @throws CommandFailedException when a training pixel exceeds {@code pixelMax}
     */
    static void checkPixelRange(PrintWriter out, int pixelMax, ImageDataset train) {
        int max = train.maxPixel();
        if (max > pixelMax) {
            throw new CommandFailedException("--pixel-max " + pixelMax + " is below the largest pixel value of the "
                    + "training images, " + max + ": give --pixel-max " + max + " or more");
        }
        if (4 * max <= pixelMax) {
            out.printf(Locale.ROOT, "Warning: the largest pixel value of the training images is %d, far below "
                    + "--pixel-max %d, so the trainer sees at most %.3f; if %d is the data's full range, give "
                    + "--pixel-max %d%n", max, pixelMax, max / (double) pixelMax, max, Math.max(max, 1));
        }
    }

    private static TrainingOutcome train(CliContext ctx, PrintWriter out, TrainingBackend backend, TrainingJob job,
                                         int examples) throws IOException {
        Path modelFile = job.files().modelFile();
        createParent(modelFile);
        TrainingConfig config = job.config();
        ConsoleProgressListener progress = new ConsoleProgressListener(out, ctx.terminal(), config.epochs(),
                (examples + config.batchSize() - 1) / config.batchSize());
        TrainingOutcome outcome = backend.train(job, progress);
        requireWritten(modelFile);
        return outcome;
    }

    private static void requireWritten(Path modelFile) {
        if (!Files.isRegularFile(modelFile)) {
            throw new CommandFailedException("training finished but no model file was written to " + modelFile);
        }
    }

    private static void createParent(Path modelFile) throws IOException {
        Path parent = modelFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    /** The trainer's name as the result table shows it. */
    String trainerName() {
        TrainingConfig config = job.config();
        return Trainers.find(config.trainer(), config.task()).description();
    }

    /** Whether the projection network is the sequence family ({@code --model seq}). */
    boolean sequenceModel() {
        TrainingConfig config = job.config();
        return config.task() == TaskKind.TEXT && config.text().model() == ProjectionFamily.SEQ;
    }

    /** Whether the projection network is the sketch family ({@code --model sketch}). */
    boolean sketchModel() {
        TrainingConfig config = job.config();
        return config.task() == TaskKind.TEXT && config.text().model() == ProjectionFamily.SKETCH;
    }

    /** Whether the projection network is the patch family ({@code --model patch}). */
    boolean patchModel() {
        TrainingConfig config = job.config();
        return config.task() == TaskKind.IMAGE && config.image().patch();
    }

    /**
     * What the result table and report give as the projection's width: T * d bits (per token, or per patch for a
     * patch model), or B buckets.
     */
    int projectionWidth() {
        TrainingConfig config = job.config();
        return sequenceModel() ? config.text().tokenBits().totalBits()
                : sketchModel() ? config.text().buckets() : config.bits().totalBits();
    }

    /** The exported model file. */
    Path modelFile() {
        return job.files().modelFile();
    }

    TrainingOutcome outcome() {
        return outcome;
    }

    RuntimeEvaluation runtime() {
        return runtime;
    }

    long modelBytes() {
        return modelBytes;
    }

    RunReport report() {
        return RunReport.builder()
                .task(job.taskName())
                .trainerParams(outcome.trainerParams())
                .trainerBytes(outcome.trainerBytes())
                .trainerAccuracy(outcome.trainerAccuracy())
                .projectionBits(projectionWidth())
                .projectionParams(outcome.projectionParams())
                .modelBytes(modelBytes)
                .projectionAccuracy(outcome.projectionAccuracy())
                .runtimeAccuracy(runtime.accuracy())
                .runtimeAgreement(runtime.agreement())
                .trainSeconds(outcome.trainingSeconds())
                .seed(job.config().seed())
                .epochs(outcome.epochs())
                .configuration(job.config().asProperties())
                .build();
    }
}
