package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The step of the training loop that fits one epoch: on this machine by default ({@link #LOCAL}), or on a Spark
 * cluster (the Spark module's backend). Everything around it (data, seeding, checkpoints, evaluation, export) is
 * the same whichever fits.
 */
public interface EpochFitter {

    /** Fits on this machine, one minibatch after the other: {@code joint.fit(batches, 1)}. */
    EpochFitter LOCAL = (joint, batches) -> joint.fit(batches, 1);

    /** Fits on this machine with {@code workers} parallel workers: {@link #LOCAL} for one, else a {@link ParallelEpochFitter}. */
    static EpochFitter onThisMachine(int workers) {
        return workers == 1 ? LOCAL : new ParallelEpochFitter(workers);
    }

    /**
     * Trains {@code joint} for one pass over {@code batches}; afterwards {@code joint.graph()} holds the new
     * parameters (and its epoch count is one higher).
     */
    void fitEpoch(JointProjectionModel joint, MultiDataSetIterator batches);
}
