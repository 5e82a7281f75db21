package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.runtime.model.ModelWriter;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
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
 * Runs the frontier study of one task.
 *
 * <ol>
 *   <li>Trains the task's trainer once ({@link StudySettings#trainerEpochs()} epochs) and keeps its
 *       log-probabilities on the training split: the soft targets of the distilled students, the trainer being
 *       frozen from then on.</li>
 *   <li>For each bit budget and hidden width: trains the projection network alone (c) and jointly (d), exports
 *       each to {@code models/TASK-METHOD-BITSb-hH.pnet} and measures the file with the runtime; then sizes the
 *       MLP so that its float32 weights and biases take the projection network's ({@link ByteBudget}), counts
 *       its bytes as those plus the file's non-weight overhead, and trains it alone (a) and distilled (b),
 *       measured with DL4J (the {@code .pnet} format holds projection networks only).</li>
 *   <li>Writes {@code TASK-frontier.csv} after every point (a stopped run keeps what it measured) and, at the
 *       end, {@code TASK-accuracy-vs-bytes.png} and {@code TASK-accuracy-vs-bits.png}.</li>
 * </ol>
 */
public final class FrontierSweep {

    private static final int EVAL_BATCH = 1000;
    private static final double MIN_PROBABILITY = 1e-30;

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

    /** The CSV file of a task in {@code outDir}. */
    public static Path csvFile(Path outDir, String task) {
        return outDir.resolve(task + "-frontier.csv");
    }

    /** The accuracy-against-bytes PNG of a task in {@code outDir}. */
    public static Path bytesPlot(Path outDir, String task) {
        return outDir.resolve(task + "-accuracy-vs-bytes.png");
    }

    /** The accuracy-against-bits PNG of a task in {@code outDir}. */
    public static Path bitsPlot(Path outDir, String task) {
        return outDir.resolve(task + "-accuracy-vs-bits.png");
    }

    /**
     * Runs the whole sweep.
     *
     * @return every row, trainer first
     * @throws IOException when an output file cannot be written
     */
    public List<FrontierRow> run() throws IOException {
        Path models = Files.createDirectories(outDir.resolve("models"));
        Path csv = csvFile(outDir, task.name());
        List<FrontierRow> rows = new ArrayList<>();
        log.println("Study: " + task.description());
        log.flush();

        long t0 = System.nanoTime();
        MultiLayerNetwork trainer = task.newTrainer(settings.seed());
        fitTrainer(trainer);
        double trainerSeconds = seconds(t0);
        double trainerAccuracy = StudentNetwork.accuracy(argmax(trainer, task.trainerTestFeatures()), task.testLabels());
        rows.add(new FrontierRow(task.name(), StudyMethod.TRAINER, 0, 0, trainer.numParams(),
                4L * trainer.numParams(), trainerAccuracy, trainerSeconds, "dl4j", task.trainerName()));
        log.printf(Locale.ROOT, "trainer %s: accuracy %.4f, %,d parameters, %.0f s%n", task.trainerName(),
                trainerAccuracy, trainer.numParams(), trainerSeconds);
        log.flush();
        INDArray teacher = logProbabilities(trainer, task.trainerTrainFeatures());
        INDArray noTeacher = Nd4j.zerosLike(teacher);
        FrontierCsv.write(rows, csv);

        for (int bits : settings.budgets()) {
            ProjectionSpec spec = settings.spec(bits);
            StudentInput projection = task.projection(spec);
            for (int hidden : settings.hidden()) {
                long weightBytes = 0;
                long overhead = 0;
                List<FrontierRow> point = new ArrayList<>();
                for (StudyMethod m : new StudyMethod[] {StudyMethod.PROJECTION_ALONE, StudyMethod.PROJECTION_JOINT}) {
                    FrontierRow row = projectionRow(m, spec, projection, hidden, m.distilled() ? teacher : noTeacher,
                            models);
                    weightBytes = Math.max(weightBytes, ByteBudget.FLOAT_BYTES * row.params());
                    overhead = Math.max(overhead, row.exportedBytes() - ByteBudget.FLOAT_BYTES * row.params());
                    point.add(row);
                }
                StudyTask.Baseline baseline = task.baseline(weightBytes, hidden);
                for (StudyMethod m : new StudyMethod[] {StudyMethod.MLP_ALONE, StudyMethod.MLP_DISTILLED}) {
                    point.add(mlpRow(m, bits, hidden, baseline, overhead, m.distilled() ? teacher : noTeacher));
                }
                rows.addAll(point);
                FrontierCsv.write(rows, csv);
                logPoint(bits, hidden, point);
            }
        }
        plot(rows, task.name(), outDir);
        return Collections.unmodifiableList(rows);
    }

    /**
     * Draws both plots of a task's rows into {@code outDir}.
     *
     * @throws IOException when a PNG cannot be written
     */
    public static void plot(List<FrontierRow> rows, String task, Path outDir) throws IOException {
        String title = FrontierPlots.title(task, rows);
        FrontierPlots.accuracyVsBytes(rows, title, bytesPlot(outDir, task));
        FrontierPlots.accuracyVsBits(rows, title, bitsPlot(outDir, task));
    }

    private FrontierRow projectionRow(StudyMethod method, ProjectionSpec spec, StudentInput input, int hidden,
                                      INDArray teacher, Path models) throws IOException {
        int k = task.labelNames().size();
        StudentNetwork net = StudentNetwork.create(input, hidden, k, method.distilled(), settings);
        long t0 = System.nanoTime();
        net.fit(input.train(), teacher, task.trainLabels(), settings.epochs(), settings.batchSize(), settings.seed());
        double seconds = seconds(t0);
        ProjectionModel model = net.export(input, task.labelNames(), task.description());
        Path file = models.resolve(task.name() + "-" + method.csvName() + "-" + spec.numBits() + "b-h" + hidden + ".pnet");
        ModelWriter.write(model, file);
        double accuracy = task.runtimeAccuracy(file);
        String detail = String.format(Locale.ROOT, "projection %d:%d density 1/%d on %s%s-%d", spec.numFunctions(),
                spec.bitsPerFunction(), 1 << spec.sparsityLog2(), input.description(),
                hidden > 0 ? "-" + hidden : "", k) + loss(method);
        return new FrontierRow(task.name(), method, spec.numBits(), hidden, model.numParameters(), Files.size(file),
                accuracy, seconds, "runtime", detail);
    }

    private FrontierRow mlpRow(StudyMethod method, int bits, int hidden, StudyTask.Baseline baseline, long overhead,
                               INDArray teacher) {
        MlpShape shape = baseline.shape();
        StudentInput input = baseline.input();
        StudentNetwork net = StudentNetwork.create(input, shape.hidden(), shape.numClasses(), method.distilled(),
                settings);
        long t0 = System.nanoTime();
        net.fit(input.train(), teacher, task.trainLabels(), settings.epochs(), settings.batchSize(), settings.seed());
        double seconds = seconds(t0);
        double accuracy = StudentNetwork.accuracy(net.predict(input.test()), task.testLabels());
        return new FrontierRow(task.name(), method, bits, hidden, shape.params(), shape.bytes() + overhead, accuracy,
                seconds,
                "dl4j", shape + " on " + input.description() + loss(method));
    }

    /** The loss of a student, for the detail column. */
    private String loss(StudyMethod method) {
        return method.distilled() ? String.format(Locale.ROOT, "; l2 %s tau %s", settings.lambdaDistill(),
                settings.temperature()) : "; labels only";
    }

    private void fitTrainer(MultiLayerNetwork trainer) {
        INDArray x = task.trainerTrainFeatures();
        INDArray y = task.trainLabels();
        int n = (int) x.rows();
        // Dropout masks come from ND4J's global generator: seeded, a run is repeatable.
        Nd4j.getRandom().setSeed(settings.seed());
        for (int epoch = 0; epoch < settings.trainerEpochs(); epoch++) {
            int[] order = StudentNetwork.permutation(n, settings.seed() + epoch);
            for (int from = 0; from < n; from += settings.batchSize()) {
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + settings.batchSize()));
                trainer.fit(new DataSet(x.getRows(rows), y.getRows(rows)));
            }
            log.printf(Locale.ROOT, "  trainer epoch %d/%d: score %.4f%n", epoch + 1, settings.trainerEpochs(),
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

    private void logPoint(int bits, int hidden, List<FrontierRow> point) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "bits %5d hidden %3d:", bits, hidden));
        for (FrontierRow r : point) {
            line.append(String.format(Locale.ROOT, "  %s %.4f (%,d B)", r.method().csvName(), r.accuracy(),
                    r.exportedBytes()));
        }
        log.println(line);
        log.flush();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
