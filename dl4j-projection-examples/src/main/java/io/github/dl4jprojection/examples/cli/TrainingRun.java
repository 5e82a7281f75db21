package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.examples.data.DataSplit;
import io.github.dl4jprojection.examples.data.ImageDataSource;
import io.github.dl4jprojection.examples.data.ImageDataset;
import io.github.dl4jprojection.examples.data.TrainTestImages;
import io.github.dl4jprojection.examples.workflow.LoadedRuntimeModel;
import io.github.dl4jprojection.examples.workflow.RuntimeEvaluation;
import io.github.dl4jprojection.examples.workflow.RuntimeEvaluator;
import io.github.dl4jprojection.examples.workflow.TrainingOutcome;
import io.github.dl4jprojection.examples.workflow.TrainingRequest;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * The steps shared by {@code train} and {@code demo}: load the data, train and export through the
 * {@link io.github.dl4jprojection.examples.workflow.JointTrainingWorkflow}, then load the exported
 * file with the runtime and measure it on the test split.
 */
final class TrainingRun {

    /** Fixed, so a subset is the same whatever the training seed. */
    private static final long SUBSET_SEED = 20190609L;

    private final TrainingRequest request;
    private final TrainingOutcome outcome;
    private final RuntimeEvaluation runtime;
    private final long modelBytes;
    private final double trainSeconds;

    private TrainingRun(TrainingRequest request, TrainingOutcome outcome, RuntimeEvaluation runtime, long modelBytes,
                        double trainSeconds) {
        this.request = request;
        this.outcome = outcome;
        this.runtime = runtime;
        this.modelBytes = modelBytes;
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
        Path parent = request.modelFile().toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        int batchesPerEpoch = (train.size() + request.batchSize() - 1) / request.batchSize();
        ConsoleProgressListener progress = new ConsoleProgressListener(out, ctx.terminal(), request.epochs(),
                batchesPerEpoch);
        long t0 = System.nanoTime();
        TrainingOutcome outcome = ctx.backends().training().train(request, progress);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!Files.isRegularFile(request.modelFile())) {
            throw new CommandFailedException("training finished but no model file was written to " + request.modelFile());
        }
        long modelBytes = Files.size(request.modelFile());
        LoadedRuntimeModel model = ctx.backends().runtime().load(request.modelFile());
        RuntimeEvaluation runtime = RuntimeEvaluator.evaluate(model, data.test(), outcome.projectionTestPredictions());
        return new TrainingRun(request, outcome, runtime, modelBytes, seconds);
    }

    TrainingRequest request() {
        return request;
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
                .task(request.task().cliName())
                .trainerParams(outcome.trainerParams())
                .trainerBytes(outcome.trainerBytes())
                .trainerAccuracy(outcome.trainerAccuracy())
                .projectionBits(request.bits().totalBits())
                .projectionParams(outcome.projectionParams())
                .modelBytes(modelBytes)
                .projectionAccuracy(outcome.projectionAccuracy())
                .runtimeAccuracy(runtime.accuracy())
                .runtimeAgreement(runtime.agreement())
                .trainSeconds(trainSeconds)
                .seed(request.seed())
                .build();
    }
}
