package io.github.dl4jprojection.spark.cli;

import io.github.dl4jprojection.data.ImageTask;
import io.github.dl4jprojection.pipeline.LossWeights;
import io.github.dl4jprojection.pipeline.ProjectionBits;
import io.github.dl4jprojection.pipeline.ProjectionDensity;
import io.github.dl4jprojection.pipeline.TrainerKind;
import io.github.dl4jprojection.spark.workflow.SparkImageTraining;
import io.github.dl4jprojection.spark.workflow.SparkTextTraining;
import io.github.dl4jprojection.spark.workflow.SparkTrainingResult;
import io.github.dl4jprojection.spark.workflow.SparkTrainingSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code projectionnet train --spark MASTER ...}: joint training on Spark, export, and the runtime check on the test
 * set, with the single-machine command's options where they apply and the Spark ones (master, averaging frequency,
 * partitions, gradient sharing).
 */
@Command(name = "train", mixinStandardHelpOptions = true, version = "projectionnet (Spark)", sortOptions = false,
        description = {"Train a projection network jointly with a trainer on Apache Spark and export it.", "",
                "Text (--task text): --data and --test are TSV files (label<TAB>text) on any Hadoop path; the "
                        + "workers read and featurize them.",
                "Images (--task fashion-mnist|mnist): --data is a folder with the four IDX files "
                        + "(train-/t10k-images-idx3-ubyte, train-/t10k-labels-idx1-ubyte, optionally .gz).", ""})
final class SparkTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Spark master, e.g. local[2], yarn, k8s://https://host:443; omit under spark-submit.")
    String master;

    @Option(names = "--task", paramLabel = "TASK", required = true, description = "text, fashion-mnist or mnist.")
    String task;

    @Option(names = "--data", paramLabel = "PATH", required = true,
            description = "Training TSV (text) or IDX folder (images): a Hadoop path (file:, hdfs:, s3a:, ...).")
    String data;

    @Option(names = "--test", paramLabel = "PATH", description = "Text task: the test TSV.")
    String test;

    @Option(names = "--trainer", paramLabel = "cnn|mlp", defaultValue = "cnn",
            description = "Trainer of image tasks (default: ${DEFAULT-VALUE}).")
    String trainer;

    @Option(names = "--bits", paramLabel = "T:d", description = "T functions of d bits (default: 60:12 images, 32:16 text).")
    String bits;

    @Option(names = "--density", paramLabel = "1/2^k", defaultValue = "1/4", description = "Default: ${DEFAULT-VALUE}.")
    String density;

    @Option(names = "--hidden", paramLabel = "N,...", defaultValue = "none", description = "Default: ${DEFAULT-VALUE}.")
    String hidden;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
            description = "Examples per minibatch on each worker (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lambda", paramLabel = "l1,l2,l3", defaultValue = "1.0,0.1,1.0", description = "Default: ${DEFAULT-VALUE}.")
    String lambda;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--averaging-frequency", paramLabel = "N", defaultValue = "4",
            description = "Minibatches each worker fits between parameter averages (default: ${DEFAULT-VALUE}).")
    int averagingFrequency;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Partitions of the training data (default: Spark's default parallelism).")
    int partitions;

    @Option(names = "--gradient-sharing", paramLabel = "HOST:PORT",
            description = "Share threshold-encoded gradients through dl4j's parameter server at the driver's HOST:PORT "
                    + "(UDP) instead of averaging parameters.")
    String gradientSharing;

    @Option(names = "--out", paramLabel = "MODEL", required = true, description = "Model file to write (local path).")
    Path out;

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = spec.commandLine();
        boolean text = "text".equalsIgnoreCase(task);
        SparkTrainingSettings settings = settings(cmd, text);
        ImageTask imageTask = text ? null : imageTask(cmd);
        TrainerKind trainerKind = text ? null : trainerKind(cmd);
        if (text && test == null) {
            throw new ParameterException(cmd, "--task text needs --test PATH, the test TSV");
        }
        if (!text && test != null) {
            throw new ParameterException(cmd, "--test applies to --task text; image tasks take the t10k files of --data");
        }
        SparkConf conf = new SparkConf().setAppName("projectionnet train " + task);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            throw new ParameterException(cmd, "give --spark MASTER (e.g. local[2]) or run under spark-submit");
        }
        PrintWriter o = cmd.getOut();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            o.printf(Locale.ROOT, "Spark master %s, default parallelism %d; %s, %d examples per worker minibatch%n",
                    sc.master(), sc.defaultParallelism(), settings.combineDescription(), settings.batchSize());
            o.flush();
            SparkTrainingResult r = text ? SparkTextTraining.run(sc, data, test, settings)
                    : SparkImageTraining.run(sc, data, imageTask, trainerKind, settings);
            o.printf(Locale.ROOT, "Trained on %d examples x %d epochs in %.1f s: %.1f examples/s%n",
                    r.trainingExamples(), r.epochs(), r.trainingSeconds(), r.examplesPerSecond());
            o.printf(Locale.ROOT, "Test accuracy: trainer %.4f, projection network %.4f (%d parameters)%n",
                    r.trainerAccuracy(), r.projectionAccuracy(), r.projectionParams());
            o.printf(Locale.ROOT, "Exported %s; runtime vs DL4J on the test set: %s%n", out, r.export());
        }
        return SparkProjectionNetMain.EXIT_OK;
    }

    private SparkTrainingSettings settings(CommandLine cmd, boolean text) {
        try {
            SparkTrainingSettings.Builder b = SparkTrainingSettings.builder()
                    .bits(ProjectionBits.parse(bits != null ? bits : text ? "32:16" : "60:12"))
                    .density(ProjectionDensity.parse(density))
                    .hiddenLayers(hiddenWidths(hidden))
                    .epochs(epochs).batchSize(batchSize)
                    .lossWeights(LossWeights.parse(lambda))
                    .seed(seed)
                    .averagingFrequency(averagingFrequency)
                    .partitions(partitions)
                    .modelFile(out);
            if (gradientSharing != null) {
                int colon = gradientSharing.lastIndexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("--gradient-sharing must be HOST:PORT, got " + gradientSharing);
                }
                b.combine(SparkTrainingSettings.Combine.SHARED).parameterServer(gradientSharing.substring(0, colon),
                        Integer.parseInt(gradientSharing.substring(colon + 1)));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, e.getMessage(), e);
        }
    }

    private ImageTask imageTask(CommandLine cmd) {
        try {
            ImageTask t = ImageTask.fromCliName(task);
            if (t.labelNames() == null) {
                throw new IllegalArgumentException("--task " + task + " is not available on Spark: use text, "
                        + "fashion-mnist or mnist");
            }
            return t;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, e.getMessage(), e);
        }
    }

    private TrainerKind trainerKind(CommandLine cmd) {
        try {
            return TrainerKind.fromCliName(trainer);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, e.getMessage(), e);
        }
    }

    private static List<Integer> hiddenWidths(String text) {
        List<Integer> widths = new ArrayList<>();
        if (text.trim().equalsIgnoreCase("none")) {
            return widths;
        }
        for (String part : text.split(",")) {
            try {
                widths.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--hidden must be none or widths like 64,32, got " + text, e);
            }
        }
        return widths;
    }
}
