package io.github.dl4jprojection.pipeline;

/**
 * How a cluster backend (Apache Spark, in the Spark module) fits the epochs: the master, how the workers' work is
 * combined (parameter averaging every {@code averagingFrequency} minibatches, or threshold-encoded gradient
 * sharing through a parameter server at {@code host:port}), and the partitions of the training minibatches.
 * Immutable; validated by {@link #of}.
 */
public final class ClusterSettings {

    private final String master;
    private final int averagingFrequency;
    private final int partitions;
    private final String parameterServerHost;
    private final int parameterServerPort;

    private ClusterSettings(String master, int averagingFrequency, int partitions, String host, int port) {
        this.master = master;
        this.averagingFrequency = averagingFrequency;
        this.partitions = partitions;
        this.parameterServerHost = host;
        this.parameterServerPort = port;
    }

    /**
     * @param master the Spark master, e.g. {@code local[2]}, or null under spark-submit (which sets it)
     * @param averagingFrequency minibatches each worker fits between parameter averages, at least 1
     * @param partitions partitions of the training minibatches, 0 for the cluster's default parallelism
     * @param parameterServer {@code HOST:PORT} of the driver for gradient sharing, or null for averaging
     * @throws IllegalArgumentException naming the option that is out of range
     */
    public static ClusterSettings of(String master, int averagingFrequency, int partitions, String parameterServer) {
        if (averagingFrequency < 1) {
            throw new IllegalArgumentException("averaging-frequency must be at least 1, got " + averagingFrequency);
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be 0 (the default parallelism) or more, got "
                    + partitions);
        }
        String host = null;
        int port = 0;
        if (parameterServer != null) {
            int colon = parameterServer.lastIndexOf(':');
            try {
                port = colon <= 0 ? -1 : Integer.parseInt(parameterServer.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("gradient-sharing must be HOST:PORT with a port in 1..65535, got "
                        + parameterServer);
            }
            host = parameterServer.substring(0, colon);
        }
        return new ClusterSettings(master, averagingFrequency, partitions, host, port);
    }

    /** The master, or null to take the one spark-submit configured. */
    public String master() {
        return master;
    }

    /** Minibatches each worker fits between parameter averages. */
    public int averagingFrequency() {
        return averagingFrequency;
    }

    /** Partitions of the training minibatches; 0 for the default parallelism. */
    public int partitions() {
        return partitions;
    }

    /** Whether the workers share gradients through a parameter server instead of averaging parameters. */
    public boolean sharesGradients() {
        return parameterServerHost != null;
    }

    /** The parameter server's host (the driver), or null when averaging. */
    public String parameterServerHost() {
        return parameterServerHost;
    }

    /** The parameter server's UDP port, or 0 when averaging. */
    public int parameterServerPort() {
        return parameterServerPort;
    }

    /** How the workers combine their work, in words. */
    public String combineDescription() {
        return sharesGradients() ? "gradient sharing through " + parameterServerHost + ":" + parameterServerPort
                : "parameter averaging every " + averagingFrequency + " minibatches";
    }
}
