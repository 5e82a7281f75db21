package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Fits an epoch on several cores of this machine with DL4J's {@link ParallelWrapper}: {@code workers} copies of
 * the joint graph each take every {@code workers}-th minibatch, and after every {@value #AVERAGING_FREQUENCY}
 * minibatches per worker their parameters and updater states are averaged into the joint graph. With
 * {@code workers} workers an epoch makes {@code 1/workers} as many averaged steps, each over {@code workers}
 * minibatches, so results differ from one-worker training (as with a larger minibatch). Which worker fits
 * which minibatch depends on thread timing, so, as on Spark, two runs with the same seed do not give the same
 * weights (measured: 60.00 % and 60.20 % after one epoch on the bundled sample); one worker is deterministic.
 * The minibatches are the joint model's own ({@link JointProjectionModel#graphData}).
 */
public final class ParallelEpochFitter implements EpochFitter {

    /** Minibatches each worker fits between two averagings. */
    static final int AVERAGING_FREQUENCY = 1;

    private final int workers;

    /** @throws IllegalArgumentException if {@code workers < 2} (one worker is {@link EpochFitter#LOCAL}) */
    public ParallelEpochFitter(int workers) {
        if (workers < 2) {
            throw new IllegalArgumentException("workers must be at least 2 for parallel training, got " + workers);
        }
        this.workers = workers;
    }

    @Override
    public void fitEpoch(JointProjectionModel joint, MultiDataSetIterator batches) {
        ComputationGraphConfiguration conf = joint.graph().getConfiguration();
        int before = conf.getEpochCount();
        try (ParallelWrapper wrapper = new ParallelWrapper.Builder<>(joint.graph())
                .workers(workers)
                .prefetchBuffer(2 * workers)
                .averagingFrequency(AVERAGING_FREQUENCY)
                .averageUpdaters(true)
                .trainingMode(ParallelWrapper.TrainingMode.AVERAGING)
                .reportScoreAfterAveraging(true)
                .build()) {
            // The workers report their iterations to the listeners; the wrapper calls no epoch events, so the
            // epoch's start and end are announced here, on the joint graph, once.
            wrapper.setListeners(joint.getListeners());
            for (TrainingListener listener : joint.getListeners()) {
                listener.onEpochStart(joint.graph());
            }
            wrapper.fit(joint.graphData(batches));
            for (TrainingListener listener : joint.getListeners()) {
                listener.onEpochEnd(joint.graph());
            }
        } catch (RuntimeException e) {
            // Failures of the training itself pass unchanged; only close() declares a checked Exception.
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the parallel workers did not shut down: " + e.getMessage(), e);
        }
        // The pipeline counts finished epochs in the graph configuration (checkpoints and resume read it).
        if (conf.getEpochCount() == before) {
            conf.setEpochCount(before + 1);
        }
    }
}
