package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.data.DataSplit;
import io.github.dl4jprojection.data.ImageDataSource;
import io.github.dl4jprojection.data.ImageDataset;
import io.github.dl4jprojection.data.TrainTestImages;
import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.data.text.TextDataSource;
import io.github.dl4jprojection.data.text.TrainTestTexts;
import io.github.dl4jprojection.pipeline.LoadedRuntimeModel;
import io.github.dl4jprojection.pipeline.RuntimeEvaluation;
import io.github.dl4jprojection.pipeline.RuntimeEvaluator;
import io.github.dl4jprojection.pipeline.TextRuntimeModel;
import io.github.dl4jprojection.pipeline.TextTrainingRequest;
import io.github.dl4jprojection.pipeline.TrainerKind;
import io.github.dl4jprojection.pipeline.TrainingOutcome;
import io.github.dl4jprojection.pipeline.TrainingRequest;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The steps shared by {@code train} and {@code demo}: load the data, train and export through the
 * {@link io.github.dl4jprojection.pipeline.JointTrainingWorkflow} (images) or the
 * {@link io.github.dl4jprojection.pipeline.TextTrainingWorkflow} (texts), then load the exported
 * file with the runtime and measure it on the test split.
 */
final class TrainingRun {

    /** Fixed, so a subset is the same whatever the training seed. */
    static final long SUBSET_SEED = 20190609L;

    private final String task;
    private final String trainer;
    private final int projectionBits;
    private final long seed;
    private final Path modelFile;
    private final TrainingOutcome outcome;
    private final RuntimeEvaluation runtime;
    private final long modelBytes;
    private final double trainSeconds;

    private TrainingRun(String task, String trainer, int projectionBits, long seed, Path modelFile,
                        TrainingOutcome outcome, RuntimeEvaluation runtime, double trainSeconds) throws IOException {
        this.task = task;
        this.trainer = trainer;
        this.projectionBits = projectionBits;
        this.seed = seed;
        this.modelFile = modelFile;
        this.outcome = outcome;
        this.runtime = runtime;
        this.modelBytes = Files.size(modelFile);
        this.trainSeconds = trainSeconds;
    }

    /**
     * @param trainPerClass when positive, train on a stratified subset of that many images per class
     * @param requestFor builds the request once the data is loaded
     * @throws IOException when data or model files are missing or malformed
     */
    static TrainingRun execute(CliContext ctx, PrintWriter out, ImageDataSource source, int trainPerClass,
                               Function<TrainTestImages, TrainingRequest> requestFor) throws IOException {
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
        TrainingRequest request = requestFor.apply(data);
        createParent(request.modelFile());
        ConsoleProgressListener progress = progress(ctx, out, request.epochs(), train.size(), request.batchSize());
        long t0 = System.nanoTime();
        TrainingOutcome outcome = ctx.backends().training().train(request, progress);
        double seconds = (System.nanoTime() - t0) / 1e9;
        requireWritten(request.modelFile());
        LoadedRuntimeModel model = ctx.backends().runtime().load(request.modelFile());
        RuntimeEvaluation runtime = RuntimeEvaluator.evaluate(model, data.test(), outcome.projectionTestPredictions());
        return new TrainingRun(request.task().cliName(), request.trainer().cliName(), request.bits().totalBits(),
                request.seed(), request.modelFile(), outcome, runtime, seconds);
    }

    /**
     * The text counterpart of {@link #execute}: the runtime side runs the exported file's own featurizer on
     * the raw test texts.
     *
     * @throws IOException when data or model files are missing or malformed
     */
    static TrainingRun executeText(CliContext ctx, PrintWriter out, TextDataSource source,
                                   Function<TrainTestTexts, TextTrainingRequest> requestFor) throws IOException {
        out.println("Data: " + source.description());
        out.flush();
        TrainTestTexts data = source.load();
        out.printf(Locale.ROOT, "      %d training and %d test texts, %d classes %s%n", data.train().size(),
                data.test().size(), data.labelNames().size(), data.labelNames());
        if (data.train().isEmpty() || data.test().isEmpty()) {
            throw new CommandFailedException(source.description() + " has " + data.train().size() + " training and "
                    + data.test().size() + " test texts; both are needed");
        }
        TextTrainingRequest request = requestFor.apply(data);
        createParent(request.modelFile());
        ConsoleProgressListener progress = progress(ctx, out, request.epochs(), data.train().size(),
                request.batchSize());
        long t0 = System.nanoTime();
        TrainingOutcome outcome = ctx.backends().textTraining().train(request, progress);
        double seconds = (System.nanoTime() - t0) / 1e9;
        requireWritten(request.modelFile());
        TextRuntimeModel model = TextRuntimeModel.load(request.modelFile());
        List<LabeledText> test = data.test();
        int[] labels = new int[test.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = model.labelNames().indexOf(test.get(i).label());
        }
        RuntimeEvaluation runtime = model.evaluate(test, labels, outcome.projectionTestPredictions());
        return new TrainingRun(request.task(), textTrainerName(request), request.bits().totalBits(), request.seed(),
                request.modelFile(), outcome, runtime, seconds);
    }

    /** How the result table names a text trainer. */
    static String textTrainerName(TextTrainingRequest request) {
        return request.trainer() == TrainerKind.LSTM ? "token lstm" : "bag-of-words mlp";
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

    private static ConsoleProgressListener progress(CliContext ctx, PrintWriter out, int epochs, int examples,
                                                    int batchSize) {
        return new ConsoleProgressListener(out, ctx.terminal(), epochs, (examples + batchSize - 1) / batchSize);
    }

    /** The trainer's name as the result table shows it. */
    String trainerName() {
        return trainer;
    }

    /** The exported model file. */
    Path modelFile() {
        return modelFile;
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
                .task(task)
                .trainerParams(outcome.trainerParams())
                .trainerBytes(outcome.trainerBytes())
                .trainerAccuracy(outcome.trainerAccuracy())
                .projectionBits(projectionBits)
                .projectionParams(outcome.projectionParams())
                .modelBytes(modelBytes)
                .projectionAccuracy(outcome.projectionAccuracy())
                .runtimeAccuracy(runtime.accuracy())
                .runtimeAgreement(runtime.agreement())
                .trainSeconds(trainSeconds)
                .seed(seed)
                .build();
    }
}
