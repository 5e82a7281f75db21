package io.github.dl4jprojection.pipeline;

import java.util.Objects;

/**
 * The implementations behind the command line: training on this machine, training on a cluster, loading models
 * into the runtime, and the C export. The command line gets them from {@link DefaultBackends#create()} (or the
 * Spark module's, which adds the cluster); tests pass their own.
 */
public final class Backends {

    /** Makes the training backend of a cluster run; see {@link Backends#cluster(ClusterSettings)}. */
    @FunctionalInterface
    public interface ClusterBackends {
        /** @throws BackendUnavailableException when this program has no cluster backend */
        TrainingBackend create(ClusterSettings settings);
    }

    private final TrainingBackend training;
    private final RuntimeModelLoader runtime;
    private final CSourceExporter cExporter;
    private final ClusterBackends cluster;

    /**
     * Backends without a cluster: {@link #cluster} says where to find one.
     *
     * @throws NullPointerException naming the missing implementation
     */
    public Backends(TrainingBackend training, RuntimeModelLoader runtime, CSourceExporter cExporter) {
        this(training, runtime, cExporter, settings -> {
            throw new BackendUnavailableException("--spark: this program has no Spark backend; run it through "
                    + "./projectionnet, which starts the Spark module's jar for --spark, or spark-submit that jar "
                    + "(docs/DISTRIBUTED.md)");
        });
    }

    /** @throws NullPointerException naming the missing implementation */
    public Backends(TrainingBackend training, RuntimeModelLoader runtime, CSourceExporter cExporter,
                    ClusterBackends cluster) {
        this.training = Objects.requireNonNull(training, "training");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.cExporter = Objects.requireNonNull(cExporter, "cExporter");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    /** The same backends with another cluster backend. */
    public Backends withCluster(ClusterBackends cluster) {
        return new Backends(training, runtime, cExporter, cluster);
    }

    /** Joint training and export on this machine. */
    public TrainingBackend training() {
        return training;
    }

    /**
     * Joint training and export with the epochs fitted on a cluster.
     *
     * @throws BackendUnavailableException when this program has no cluster backend
     */
    public TrainingBackend cluster(ClusterSettings settings) {
        return cluster.create(settings);
    }

    /** Loading model files into the runtime. */
    public RuntimeModelLoader runtime() {
        return runtime;
    }

    /** C source export. */
    public CSourceExporter cExporter() {
        return cExporter;
    }
}
