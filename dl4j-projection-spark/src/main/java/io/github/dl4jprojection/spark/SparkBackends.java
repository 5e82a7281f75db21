package io.github.dl4jprojection.spark;

import io.github.dl4jprojection.pipeline.BackendUnavailableException;
import io.github.dl4jprojection.pipeline.Backends;
import io.github.dl4jprojection.pipeline.ClusterSettings;
import io.github.dl4jprojection.pipeline.TrainingBackend;
import io.github.dl4jprojection.pipeline.TrainingConfig;
import io.github.dl4jprojection.pipeline.TrainingPipeline;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.api.TrainingMaster;

/**
 * The Spark backend of {@code train --spark MASTER}: the same {@link TrainingPipeline} (data, configuration,
 * checkpoints, evaluation, export, report) with the epochs fitted by a {@link SparkEpochFitter}. Each run starts a
 * Spark context for its master (or the one spark-submit configured) and stops it afterwards; tests share one.
 */
public final class SparkBackends implements Backends.ClusterBackends {

    private final JavaSparkContext shared;

    /** Starts a context per run. */
    public SparkBackends() {
        this(null);
    }

    /** Runs on {@code shared} (never stopped here) whatever master the settings name. */
    SparkBackends(JavaSparkContext shared) {
        this.shared = shared;
    }

    @Override
    public TrainingBackend create(ClusterSettings settings) {
        return (job, progress) -> {
            JavaSparkContext sc = shared != null ? shared : start(settings, job.taskName());
            try {
                TrainingConfig config = job.config();
                return new TrainingPipeline(new SparkEpochFitter(sc, master(settings, config), settings.partitions()))
                        .run(job, progress);
            } finally {
                if (shared == null) {
                    sc.stop();
                }
            }
        };
    }

    private static JavaSparkContext start(ClusterSettings settings, String task) {
        SparkConf conf = new SparkConf().setAppName("projectionnet train " + task);
        if (settings.master() != null) {
            conf.setMaster(settings.master());
        } else if (!conf.contains("spark.master")) {
            throw new BackendUnavailableException("--spark: give a master (e.g. --spark local[2]) or run under "
                    + "spark-submit, which sets one");
        }
        return new JavaSparkContext(conf);
    }

    private static TrainingMaster master(ClusterSettings settings, TrainingConfig config) {
        return settings.sharesGradients()
                ? TrainingMasters.sharedGradients(config.batchSize(), settings.parameterServerHost(),
                        settings.parameterServerPort(), config.seed())
                : TrainingMasters.parameterAveraging(config.batchSize(), settings.averagingFrequency(), config.seed());
    }
}
