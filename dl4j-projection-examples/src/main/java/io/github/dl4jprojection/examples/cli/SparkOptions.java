package io.github.dl4jprojection.examples.cli;

import io.github.dl4jprojection.pipeline.ClusterSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of training on Apache Spark: {@code --spark MASTER} switches {@code train} to the cluster backend
 * (the Spark module's jar, which {@code ./projectionnet} starts for it); everything else about the run is the same
 * {@code train}.
 */
final class SparkOptions {

    @Option(names = "--spark", paramLabel = "MASTER", arity = "0..1", fallbackValue = "",
            description = "Fit the epochs on Apache Spark: local[N], yarn, k8s://..., or no value under spark-submit "
                    + "(docs/DISTRIBUTED.md).")
    String master;

    @Option(names = "--averaging-frequency", paramLabel = "N",
            description = "Spark: minibatches each worker fits between parameter averages (default: 4).")
    Integer averagingFrequency;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Spark: partitions of the training minibatches (default: Spark's default parallelism).")
    Integer partitions;

    @Option(names = "--gradient-sharing", paramLabel = "HOST:PORT",
            description = "Spark: share threshold-encoded gradients through dl4j's parameter server at the driver's "
                    + "HOST:PORT (UDP) instead of averaging parameters.")
    String gradientSharing;

    /** Whether {@code --spark} was given. */
    boolean enabled() {
        return master != null;
    }

    /**
     * The cluster settings, or null without {@code --spark}.
     *
     * @throws ParameterException for a Spark option without {@code --spark}, or a value out of range
     */
    ClusterSettings settings(CommandLine cmd) {
        if (!enabled()) {
            if (averagingFrequency != null || partitions != null || gradientSharing != null) {
                throw new ParameterException(cmd, "--averaging-frequency, --partitions and --gradient-sharing apply "
                        + "to training on Spark (--spark MASTER)");
            }
            return null;
        }
        try {
            return ClusterSettings.of(master.isEmpty() ? null : master,
                    averagingFrequency == null ? 4 : averagingFrequency, partitions == null ? 0 : partitions,
                    gradientSharing);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, "--" + e.getMessage());
        }
    }
}
