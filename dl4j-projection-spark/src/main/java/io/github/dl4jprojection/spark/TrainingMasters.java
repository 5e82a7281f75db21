package io.github.dl4jprojection.spark;

import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

/**
 * The two ways dl4j-spark trains: synchronous parameter averaging, and asynchronous sharing of
 * threshold-encoded gradients through a parameter server (Strom 2015). docs/DISTRIBUTED.md compares them.
 *
 * <p>Both take {@code batchSize}, the examples per MultiDataSet in the RDD and per worker minibatch (the
 * {@code data} classes build batches of exactly this size), and pass data to the workers directly
 * ({@link RDDTrainingApproach#Direct}): the batches are computed from the input on the workers, so there is
 * nothing to export first.
 */
public final class TrainingMasters {

    private TrainingMasters() {
    }

    /**
     * Parameter averaging: every worker fits {@code averagingFrequency} minibatches of {@code batchSize} from the
     * same starting parameters, then the driver averages parameters and updater state and broadcasts them.
     * One averaging round consumes {@code workers * averagingFrequency * batchSize} examples.
     *
     * @throws IllegalArgumentException naming {@code batchSize} or {@code averagingFrequency} when below 1
     */
    public static TrainingMaster parameterAveraging(int batchSize, int averagingFrequency, long seed) {
        requirePositive("batchSize", batchSize);
        requirePositive("averagingFrequency", averagingFrequency);
        return new ParameterAveragingTrainingMaster.Builder(batchSize)
                .batchSizePerWorker(batchSize)
                .averagingFrequency(averagingFrequency)
                .workerPrefetchNumBatches(0)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .rngSeed(seed)
                .collectTrainingStats(false)
                .build();
    }

    /**
     * Gradient sharing: workers exchange sparse, threshold-encoded updates through dl4j's parameter server (UDP via
     * Aeron) after every minibatch; {@code controllerAddress} is the address of the Spark driver's host as the
     * workers see it, and {@code port} the UDP port of the parameter server.
     *
     * @throws IllegalArgumentException naming a bad argument
     */
    public static TrainingMaster sharedGradients(int batchSize, String controllerAddress, int port, long seed) {
        requirePositive("batchSize", batchSize);
        if (controllerAddress == null || controllerAddress.isEmpty()) {
            throw new IllegalArgumentException("controllerAddress must name the driver's host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        VoidConfiguration voidConfiguration = VoidConfiguration.builder()
                .controllerAddress(controllerAddress)
                .unicastPort(port)
                .build();
        return new SharedTrainingMaster.Builder(voidConfiguration, new AdaptiveThresholdAlgorithm(), batchSize)
                .batchSizePerWorker(batchSize)
                .workersPerNode(1)
                .workerPrefetchNumBatches(0)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .rngSeed(seed)
                .collectTrainingStats(false)
                .build();
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
