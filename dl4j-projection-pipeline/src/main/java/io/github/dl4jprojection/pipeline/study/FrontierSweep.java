package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.runtime.model.DenseBlock;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.WeightType;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runs the frontier study of one task, once per seed of {@link StudySettings#seeds()}.
 *
 * <ol>
 *   <li>Per seed, first: trains the task's trainer ({@link StudySettings#trainerEpochs()} epochs) and keeps its
 *       log-probabilities on the training split: the soft targets of the distilled students, the trainer being
 *       frozen from then on.</li>
 *   <li>For each bit budget, seed and hidden width: trains the projection network alone (c) and jointly (d), and on
 *       text tasks the sketch network ({@code B} = the budget's buckets, the same dense layers) alone (f) and
 *       jointly (g), exports each as float32 and as int8 to {@code models/TASK-METHOD-BITSb-hH-sSEED[-int8].pnet}
 *       and runs the files with the runtime; then sizes the MLP so that its float32 weights and biases take the
 *       exported network's ({@link ByteBudget}) and trains it alone (a) and distilled (b), and on image tasks the
 *       small CNN (e) to the same weight bytes ({@link ByteBudget#cnn}). The baselines (which the {@code .pnet} format cannot hold) run
 *       in plain Java with the format's float32 weights and with the runtime's int8 quantization of them
 *       ({@link JavaLayer}); their bytes are their stored weights plus the float32 projection file's non-weight
 *       overhead.</li>
 *   <li>Every model is timed on the test split, one example at a time on this thread ({@link TimedEvaluation});
 *       its multiply-accumulates per example are counted from the shapes: the dense layers' {@code nIn * nOut},
 *       the CNN's {@link CnnShape#macs()}, and for a projection network also its projection's additions
 *       ({@link StudyTask#projectionAdds}), for a sketch network its sketch's ({@link StudyTask#sketchOps}).
 *       Only the settings' {@link StudySettings#methods} are trained.</li>
 *   <li>Writes {@code TASK-frontier.csv} (one row per seed, method, weight type and point) and
 *       {@code TASK-frontier-summary.csv} (mean and spread over the seeds, {@link SeedSummary}) after every point (a
 *       stopped run keeps what it measured) and, at the end, the plots ({@link #plot}).</li>
 * </ol>
 *
 * <p>Equal bytes: at a point, every float32 model has about the projection network's float32 weight bytes; the
 * int8 rows are the same trained models with int8 weights, at their own (about 4 times smaller) bytes.
 */
public final class FrontierSweep {

    private static final int EVAL_BATCH = 1000;
    private static final double MIN_PROBABILITY = 1e-30;
    private static final WeightType[] WEIGHTS = {WeightType.FLOAT32, WeightType.INT8};

    private final StudyTask task;
    private final StudySettings settings;
    private final Path outDir;
    private final PrintWriter log;

    /**
     * @param outDir created when missing
     * @param log    receives one line per step
     */
    public FrontierSweep(StudyTask task, StudySettings settings, Path outDir, PrintWriter log) {
        this.task = task;
        this.settings = settings;
        this.outDir = outDir;
        this.log = log;
    }

    /** The CSV file of a task in {@code outDir}: one row per seed. */
    public static Path csvFile(Path outDir, String task) {
        return outDir.resolve(task + "-frontier.csv");
    }

    /** The summary CSV of a task in {@code outDir}: mean and spread over the seeds. */
    public static Path summaryFile(Path outDir, String task) {
        return outDir.resolve(task + "-frontier-summary.csv");
    }

    /** The accuracy-against-bytes PNG of a task in {@code outDir}. */
    public static Path bytesPlot(Path outDir, String task) {
        return outDir.resolve(task + "-accuracy-vs-bytes.png");
    }

    /** The accuracy-against-bits PNG of a task in {@code outDir}. */
    public static Path bitsPlot(Path outDir, String task) {
        return outDir.resolve(task + "-accuracy-vs-bits.png");
    }

    /** The accuracy-against-latency PNG of a task in {@code outDir}. */
    public static Path latencyPlot(Path outDir, String task) {
        return outDir.resolve(task + "-accuracy-vs-latency.png");
    }

    /**
     * Runs the whole sweep.
     *
     * @return every row: the trainers of the seeds first, then per budget, seed and hidden width the point
     * @throws IOException when an output file cannot be written
     */
    public List<FrontierRow> run() throws IOException {
        Path models = Files.createDirectories(outDir.resolve("models"));
        List<FrontierRow> rows = new ArrayList<>();
        log.println("Study: " + task.description());
        log.flush();
        long[] seeds = settings.seeds();
        INDArray[] teachers = new INDArray[seeds.length];
        for (int s = 0; s < seeds.length; s++) {
            teachers[s] = trainTeacher(settings.withSeed(seeds[s]), rows);
        }
        INDArray noTeacher = Nd4j.zerosLike(teachers[0]);
        // Budgets outermost, then seeds: a run stopped early has every seed of the points it finished.
        for (int bits : settings.budgets()) {
            for (int s = 0; s < seeds.length; s++) {
                StudySettings seeded = settings.withSeed(seeds[s]);
                ProjectionSpec spec = seeded.spec(bits);
                StudentInput projection = trainsAny(StudyMethod.PROJECTION_ALONE, StudyMethod.PROJECTION_JOINT)
                        ? task.projection(spec) : null;
                // The sketch hashes with the projection's seed: each seed changes both inputs alike.
                StudentInput sketch = trainsAny(StudyMethod.SKETCH_ALONE, StudyMethod.SKETCH_JOINT)
                        ? task.sketch(bits, spec.seed()) : null;
                for (int hidden : seeded.hidden()) {
                    List<FrontierRow> point = point(seeded, spec, projection, sketch, hidden, teachers[s], noTeacher,
                            models);
                    rows.addAll(point);
                    write(rows);
                    logPoint(seeded.seed(), bits, hidden, point);
                }
            }
        }
        plot(rows, task.name(), outDir);
        return Collections.unmodifiableList(rows);
    }

    /** Trains the trainer of one seed, adds its row, and returns its log-probabilities on the training split. */
    private INDArray trainTeacher(StudySettings seeded, List<FrontierRow> rows) throws IOException {
        long seed = seeded.seed();
        long t0 = System.nanoTime();
        MultiLayerNetwork trainer = task.newTrainer(seed);
        fitTrainer(trainer, seeded);
        double trainerSeconds = seconds(t0);
        double trainerAccuracy = StudentNetwork.accuracy(argmax(trainer, task.trainerTestFeatures()), task.testLabels());
        rows.add(new FrontierRow(task.name(), StudyMethod.TRAINER, seed, WeightType.FLOAT32, 0, 0, trainer.numParams(),
                4L * trainer.numParams(), trainerAccuracy, 0, Double.NaN, trainerSeconds, "dl4j", task.trainerName()));
        log.printf(Locale.ROOT, "seed %d: trainer %s: accuracy %.4f, %,d parameters, %.0f s%n", seed,
                task.trainerName(), trainerAccuracy, trainer.numParams(), trainerSeconds);
        log.flush();
        write(rows);
        return logProbabilities(trainer, task.trainerTrainFeatures());
    }

    /**
     * The float32 and int8 rows of the settings' methods at one point of one seed. The exported models come first:
     * the baselines are sized to their float32 weight bytes (the projection and the sketch network of a point have
     * the same shape, so the same bytes) and carry their file's non-weight overhead.
     *
     * @param projection the projection networks' input, null when neither (c) nor (d) is trained
     * @param sketch     the sketch networks' input, null when neither (f) nor (g) is trained or the task has none
     */
    private List<FrontierRow> point(StudySettings seeded, ProjectionSpec spec, StudentInput projection,
                                    StudentInput sketch, int hidden, INDArray teacher, INDArray noTeacher, Path models)
            throws IOException {
        List<FrontierRow> point = new ArrayList<>();
        for (StudyMethod m : new StudyMethod[] {StudyMethod.PROJECTION_ALONE, StudyMethod.PROJECTION_JOINT}) {
            if (seeded.trains(m)) {
                point.addAll(exportedRows(m, seeded, spec, projection, hidden, m.distilled() ? teacher : noTeacher,
                        models));
            }
        }
        for (StudyMethod m : new StudyMethod[] {StudyMethod.SKETCH_ALONE, StudyMethod.SKETCH_JOINT}) {
            if (seeded.trains(m) && sketch != null) {
                point.addAll(exportedRows(m, seeded, sketch.bitLayer().projectionSpec(), sketch, hidden,
                        m.distilled() ? teacher : noTeacher, models));
            }
        }
        if (point.isEmpty()) {
            // Settings name an exported method; only a sketch-only sweep of an image task lands here.
            throw new IllegalStateException(task.name() + ": none of " + seeded.methods() + " applies to this task");
        }
        long weightBytes = 0;
        long overhead = 0;
        for (FrontierRow r : point) {
            if (r.weights() == WeightType.FLOAT32) {
                weightBytes = Math.max(weightBytes, ByteBudget.FLOAT_BYTES * r.params());
                overhead = Math.max(overhead, r.exportedBytes() - ByteBudget.FLOAT_BYTES * r.params());
            }
        }
        int bits = spec.numBits();
        StudyTask.Baseline baseline = task.baseline(weightBytes, hidden);
        for (StudyMethod m : new StudyMethod[] {StudyMethod.MLP_ALONE, StudyMethod.MLP_DISTILLED}) {
            if (seeded.trains(m)) {
                point.addAll(mlpRows(m, seeded, bits, hidden, baseline, overhead, m.distilled() ? teacher : noTeacher));
            }
        }
        CnnShape cnn = seeded.trains(StudyMethod.CNN_ALONE) ? task.cnn(weightBytes) : null;
        if (cnn != null) {
            point.addAll(cnnRows(seeded, bits, hidden, cnn, overhead, noTeacher));
        }
        return point;
    }

    private boolean trainsAny(StudyMethod... methods) {
        for (StudyMethod m : methods) {
            if (settings.trains(m)) {
                return true;
            }
        }
        return false;
    }

    private void write(List<FrontierRow> rows) throws IOException {
        FrontierCsv.write(rows, csvFile(outDir, task.name()));
        FrontierCsv.writeSummary(SeedSummary.of(rows), summaryFile(outDir, task.name()));
    }

    /**
     * Draws the plots of a task's rows into {@code outDir}: accuracy against bytes, latency and bits.
     *
     * @throws IOException when a PNG cannot be written
     */
    public static void plot(List<FrontierRow> rows, String task, Path outDir) throws IOException {
        String title = FrontierPlots.title(task, rows);
        FrontierPlots.accuracyVsBytes(rows, title, bytesPlot(outDir, task));
        FrontierPlots.accuracyVsLatency(rows, title, latencyPlot(outDir, task));
        FrontierPlots.accuracyVsBits(rows, title, bitsPlot(outDir, task));
    }

    /**
     * The float32 row, then the int8 row, of one trained projection network ({@code spec} its LSH projection) or
     * sketch network ({@code spec} its sketch's: {@code T = 1}, {@code d = B}).
     */
    private List<FrontierRow> exportedRows(StudyMethod method, StudySettings seeded, ProjectionSpec spec,
                                           StudentInput input, int hidden, INDArray teacher, Path models)
            throws IOException {
        int k = task.labelNames().size();
        StudentNetwork net = StudentNetwork.create(input, hidden, k, method.distilled(), seeded);
        long t0 = System.nanoTime();
        net.fit(input.train(), teacher, task.trainLabels(), seeded.epochs(), seeded.batchSize(), seeded.seed());
        double seconds = seconds(t0);
        String shape = String.format(Locale.ROOT, "%s%s-%d", input.description(), hidden > 0 ? "-" + hidden : "", k);
        String detail = (method.sketch() ? "sketch " + spec.numBits() + " buckets on " + shape
                : String.format(Locale.ROOT, "projection %d:%d density 1/%d on %s", spec.numFunctions(),
                        spec.bitsPerFunction(), 1 << spec.sparsityLog2(), shape)) + loss(method, seeded);
        long projectionAdds = method.sketch() ? task.sketchOps(spec.numBits()) : task.projectionAdds(spec);
        List<FrontierRow> pair = new ArrayList<>();
        for (WeightType weights : WEIGHTS) {
            ProjectionModel model = net.export(input, task.labelNames(), task.description(), weights);
            Path file = models.resolve(modelFileName(task.name(), method, spec.numBits(), hidden, seeded.seed(),
                    weights));
            ModelWriter.write(model, file);
            TimedEvaluation eval = task.runtime(file);
            long macs = projectionAdds;
            for (DenseBlock layer : model.layers()) {
                macs += (long) layer.nIn() * layer.nOut();
            }
            pair.add(new FrontierRow(task.name(), method, seeded.seed(), weights, spec.numBits(), hidden,
                    net.numParams(), Files.size(file), eval.accuracy(), macs, eval.microsPerExample(), seconds,
                    "runtime", detail));
        }
        return pair;
    }

    /** The name of an exported projection or sketch network in the {@code models} folder. */
    public static String modelFileName(String task, StudyMethod method, int bits, int hidden, long seed,
                                       WeightType weights) {
        return task + "-" + method.csvName() + "-" + bits + "b-h" + hidden + "-s" + seed
                + (weights == WeightType.INT8 ? "-int8" : "") + ".pnet";
    }

    private List<FrontierRow> mlpRows(StudyMethod method, StudySettings seeded, int bits, int hidden,
                                      StudyTask.Baseline baseline, long overhead, INDArray teacher) {
        MlpShape shape = baseline.shape();
        StudentInput input = baseline.input();
        StudentNetwork net = StudentNetwork.create(input, shape.hidden(), shape.numClasses(), method.distilled(),
                seeded);
        long t0 = System.nanoTime();
        net.fit(input.train(), teacher, task.trainLabels(), seeded.epochs(), seeded.batchSize(), seeded.seed());
        double seconds = seconds(t0);
        List<FrontierRow> pair = new ArrayList<>();
        for (WeightType weights : WEIGHTS) {
            MlpForward forward = net.mlpForward(weights == WeightType.INT8);
            pair.add(javaRow(method, seeded, weights, bits, hidden, shape.params(), forward, shape.nIn(), overhead,
                    seconds, shape + " on " + input.description() + loss(method, seeded)));
        }
        return pair;
    }

    private List<FrontierRow> cnnRows(StudySettings seeded, int bits, int hidden, CnnShape shape, long overhead,
                                      INDArray noTeacher) {
        StudentNetwork net = StudentNetwork.cnn(shape, false, seeded);
        // The CNN reads the pixels the MLP baselines read (the same for every MLP size).
        StudentInput pixels = task.baseline(1, 0).input();
        long t0 = System.nanoTime();
        net.fit(pixels.train(), noTeacher, task.trainLabels(), seeded.epochs(), seeded.batchSize(), seeded.seed());
        double seconds = seconds(t0);
        List<FrontierRow> pair = new ArrayList<>();
        for (WeightType weights : WEIGHTS) {
            pair.add(javaRow(StudyMethod.CNN_ALONE, seeded, weights, bits, hidden, shape.params(),
                    net.cnnForward(weights == WeightType.INT8), pixels.width(), overhead, seconds,
                    shape + " on " + pixels.description() + loss(StudyMethod.CNN_ALONE, seeded)));
        }
        return pair;
    }

    private FrontierRow javaRow(StudyMethod method, StudySettings seeded, WeightType weights, int bits, int hidden,
                                long params, JavaBaseline forward, int inputWidth, long overhead, double seconds,
                                String detail) {
        TimedEvaluation eval = task.java(forward, inputWidth);
        return new FrontierRow(task.name(), method, seeded.seed(), weights, bits, hidden, params,
                forward.storedBytes() + overhead, eval.accuracy(), forward.macs(), eval.microsPerExample(), seconds,
                "java", detail);
    }

    /** The loss of a student, for the detail column. */
    private static String loss(StudyMethod method, StudySettings seeded) {
        return method.distilled() ? String.format(Locale.ROOT, "; l2 %s tau %s", seeded.lambdaDistill(),
                seeded.temperature()) : "; labels only";
    }

    private void fitTrainer(MultiLayerNetwork trainer, StudySettings seeded) {
        INDArray x = task.trainerTrainFeatures();
        INDArray y = task.trainLabels();
        int n = (int) x.rows();
        // Dropout masks come from ND4J's global generator: seeded, a run is repeatable.
        Nd4j.getRandom().setSeed(seeded.seed());
        for (int epoch = 0; epoch < seeded.trainerEpochs(); epoch++) {
            int[] order = StudentNetwork.permutation(n, seeded.seed() + epoch);
            for (int from = 0; from < n; from += seeded.batchSize()) {
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + seeded.batchSize()));
                trainer.fit(new DataSet(x.getRows(rows), y.getRows(rows)));
            }
            log.printf(Locale.ROOT, "  trainer epoch %d/%d: score %.4f%n", epoch + 1, seeded.trainerEpochs(),
                    trainer.score());
            log.flush();
        }
    }

    /** {@code log(max(p, 1e-30))} of the trainer's probabilities: logits up to a constant per row. */
    private static INDArray logProbabilities(MultiLayerNetwork trainer, INDArray x) {
        int n = (int) x.rows();
        List<INDArray> parts = new ArrayList<>();
        for (int from = 0; from < n; from += EVAL_BATCH) {
            INDArray batch = x.get(NDArrayIndex.interval(from, Math.min(n, from + EVAL_BATCH)), NDArrayIndex.all());
            parts.add(Transforms.log(Transforms.max(trainer.output(batch, false), MIN_PROBABILITY), false));
        }
        return Nd4j.vstack(parts.toArray(new INDArray[0]));
    }

    private static int[] argmax(MultiLayerNetwork trainer, INDArray x) {
        int n = (int) x.rows();
        int[] predicted = new int[n];
        for (int from = 0; from < n; from += EVAL_BATCH) {
            int to = Math.min(n, from + EVAL_BATCH);
            INDArray p = trainer.output(x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()), false).argMax(1);
            for (int r = from; r < to; r++) {
                predicted[r] = p.getInt(r - from);
            }
        }
        return predicted;
    }

    private void logPoint(long seed, int bits, int hidden, List<FrontierRow> point) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "seed %d bits %5d hidden %3d:", seed, bits,
                hidden));
        for (FrontierRow r : point) {
            if (r.weights() == WeightType.FLOAT32) {
                line.append(String.format(Locale.ROOT, "  %s %.4f (%,d B, %.1f us)", r.method().csvName(),
                        r.accuracy(), r.exportedBytes(), r.microsPerExample()));
            }
        }
        log.println(line);
        log.flush();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
